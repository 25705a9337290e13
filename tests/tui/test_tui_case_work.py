"""Building the case file by keyboard in the case pane: link, grade, reorder, move, note, remove + undo, export."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.widgets.panes.case import CasePane
from tests.tui.case_fixtures import AUTHORISED, OPPOSED, build_case, case_json, items_in_order
from tests.tui.tui_helpers import LEAN, WIDE, press, settle, type_text, widget_text


@pytest.fixture
def case_app(seed_corpus: Path) -> CaseviewApp:
    build_case(seed_corpus)
    return make_app(seed_corpus, settings=LEAN)


async def _in_case_pane(pilot) -> None:
    await settle(pilot)
    await press(pilot, "5")


def _highlighted_label(app: CaseviewApp) -> str:
    item = app.screen.query_one(CasePane).highlighted_item
    assert item is not None
    return item.label


async def test_the_case_pane_numbers_items_under_their_sections(case_app: CaseviewApp) -> None:
    async with case_app.run_test(size=WIDE) as pilot:
        await _in_case_pane(pilot)
        text = widget_text(case_app, "#case-list")
        assert "#1 “over 100 US companies”" in text
        assert text.index("#2") < text.index("Open questions") < text.index("#3 Who authorised")


async def test_l_links_two_passages_as_contradicting(case_app: CaseviewApp, seed_corpus: Path) -> None:
    async with case_app.run_test(size=WIDE) as pilot:
        await _in_case_pane(pilot)
        await press(pilot, "l")
        await type_text(pilot, "Several")
        await press(pilot, "enter")  # the one match, #2
        await type_text(pilot, "contradicts")
        await press(pilot, "enter")
        await type_text(pilot, "100 vs opposed")
        await press(pilot, "enter")
        assert "→ contradicts #2" in widget_text(case_app, "#case-links")
        assert "#1 ↔1 “over 100" in widget_text(case_app, "#case-list")
    (link,) = case_json(seed_corpus)["links"]
    assert link["relation"] == "contradicts" and link["note"] == "100 vs opposed"


async def test_r_grades_a_passage(case_app: CaseviewApp, seed_corpus: Path) -> None:
    async with case_app.run_test(size=WIDE) as pilot:
        await _in_case_pane(pilot)
        await press(pilot, "r", "down", "enter")  # reliability B
        await press(pilot, "down", "enter")  # credibility 2
        assert "#1 B2 “over 100" in widget_text(case_app, "#case-list")
    graded = [item for item in case_json(seed_corpus)["items"] if item.get("grade")]
    assert [(i["citation"]["exact"], i["grade"]) for i in graded] == [
        (AUTHORISED, {"reliability": "B", "credibility": 2})
    ]


async def test_shift_j_moves_an_item_down_and_into_the_next_section(case_app: CaseviewApp, seed_corpus: Path) -> None:
    async with case_app.run_test(size=WIDE) as pilot:
        await _in_case_pane(pilot)
        await press(pilot, "J")
        assert items_in_order(seed_corpus)[:2] == [OPPOSED, AUTHORISED]
        assert _highlighted_label(case_app) == AUTHORISED
        await press(pilot, "J")
        data = case_json(seed_corpus)
        moved = next(i for i in data["items"] if i.get("citation", {}).get("exact") == AUTHORISED)
        assert moved["section"] == "s-open-questions"


async def test_m_moves_an_item_to_a_new_section(case_app: CaseviewApp, seed_corpus: Path) -> None:
    async with case_app.run_test(size=WIDE) as pilot:
        await _in_case_pane(pilot)
        await press(pilot, "m")
        await type_text(pilot, "Contradictions")
        await press(pilot, "enter")  # no section is called so: the "new section" row is the one highlighted
        assert "Contradictions" in widget_text(case_app, "#case-list")
    assert "Contradictions" in [s["title"] for s in case_json(seed_corpus)["sections"]]


async def test_a_adds_a_free_note(case_app: CaseviewApp, seed_corpus: Path) -> None:
    async with case_app.run_test(size=WIDE) as pilot:
        await _in_case_pane(pilot)
        await press(pilot, "a")
        await type_text(pilot, "Ask the Pentagon")
        await press(pilot, "enter")
    assert "Ask the Pentagon" in items_in_order(seed_corpus)


async def test_d_removes_an_item_and_ctrl_z_brings_it_back(case_app: CaseviewApp, seed_corpus: Path) -> None:
    async with case_app.run_test(size=WIDE) as pilot:
        await _in_case_pane(pilot)
        await press(pilot, "d")
        assert AUTHORISED not in items_in_order(seed_corpus)
        assert "over 100 US companies" not in widget_text(case_app, "#case-list")
        await press(pilot, "ctrl+z")
        assert AUTHORISED in items_in_order(seed_corpus)
        assert "over 100 US companies" in widget_text(case_app, "#case-list")
        await press(pilot, "ctrl+y")
        assert AUTHORISED not in items_in_order(seed_corpus)


async def test_x_exports_markdown_next_to_the_case_file_and_says_where(
    case_app: CaseviewApp, seed_corpus: Path
) -> None:
    async with case_app.run_test(size=WIDE) as pilot:
        await _in_case_pane(pilot)
        await press(pilot, "x", "enter")  # md is the first format
        messages = [str(notification.message) for notification in case_app._notifications]
    exported = [path for path in seed_corpus.iterdir() if path.suffix == ".md"]
    assert len(exported) == 1
    assert AUTHORISED in exported[0].read_text(encoding="utf-8")
    assert any(str(exported[0]) in message for message in messages)


async def test_grading_is_offered_for_passages_only(case_app: CaseviewApp) -> None:
    async with case_app.run_test(size=WIDE) as pilot:
        await _in_case_pane(pilot)
        await press(pilot, "G")  # the note
        assert case_app.main_screen.case.check_action("case_grade", ()) is None
