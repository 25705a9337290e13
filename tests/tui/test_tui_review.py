"""The review queue: an annotation whose article was edited is shown with its old quote and its best
candidate; the analyst accepts, re-attaches or dismisses it, and the annotation file says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.screens.review import ReviewScreen
from caseview.workspace import Workspace
from tests.tui.case_fixtures import FT, OPPOSED
from tests.tui.tui_helpers import LEAN, WIDE, press, settle, widget_text


def edit_article(root: Path, doc_id: str, old: str, new: str) -> None:
    path = root / doc_id
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def edited_app(seed_corpus: Path) -> CaseviewApp:
    """A tagged passage, then the article edited so the passage appears twice in a row: it needs review."""
    workspace = Workspace(seed_corpus)
    workspace.refresh()
    workspace.annotate_quote(FT, OPPOSED, tags=("opposed",), note="the administration was against it")
    workspace.close()
    edit_article(seed_corpus, FT, OPPOSED, OPPOSED + " " + OPPOSED)
    return make_app(seed_corpus, settings=LEAN)


def anchor_on_disk(root: Path) -> dict:
    data = json.loads((root / f"{FT}.annotations.json").read_text(encoding="utf-8"))
    (item,) = data.get("first", data)["items"]
    return {"quote": item["target"]["selector"][0]["exact"], **item["cv:anchor"]}


async def _open_review(pilot) -> None:
    await settle(pilot)
    await press(pilot, "R")
    await settle(pilot)


async def test_the_status_line_counts_what_needs_review(edited_app: CaseviewApp) -> None:
    async with edited_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "1 to review" in widget_text(edited_app, "#status")


async def test_r_shows_the_old_quote_beside_the_candidate(edited_app: CaseviewApp) -> None:
    async with edited_app.run_test(size=WIDE) as pilot:
        await _open_review(pilot)
        assert isinstance(edited_app.screen, ReviewScreen)
        detail = widget_text(edited_app, "#review-detail")
        assert detail.index("Original (as annotated") < detail.index(OPPOSED) < detail.index("Best candidate")
        assert "needs-review" in widget_text(edited_app, "#review-list")


async def test_accepting_anchors_it_and_empties_the_queue(edited_app: CaseviewApp, seed_corpus: Path) -> None:
    async with edited_app.run_test(size=WIDE) as pilot:
        await _open_review(pilot)
        await press(pilot, "a")
        assert "Nothing needs review" in widget_text(edited_app, "#review-list")
        await press(pilot, "escape")
        assert "0 to review" in widget_text(edited_app, "#status")
    stored = anchor_on_disk(seed_corpus)
    assert stored["status"] == "anchored" and stored["quote"] == OPPOSED


async def test_reattaching_uses_the_candidate(edited_app: CaseviewApp, seed_corpus: Path) -> None:
    async with edited_app.run_test(size=WIDE) as pilot:
        await _open_review(pilot)
        await press(pilot, "r")
    stored = anchor_on_disk(seed_corpus)
    text = (seed_corpus / FT).read_text(encoding="utf-8")
    assert stored["status"] == "anchored" and text[stored["start"] : stored["end"]] == OPPOSED


async def test_dismissing_keeps_the_original_as_orphaned(edited_app: CaseviewApp, seed_corpus: Path) -> None:
    async with edited_app.run_test(size=WIDE) as pilot:
        await _open_review(pilot)
        await press(pilot, "d")
        assert "Nothing needs review" in widget_text(edited_app, "#review-list")
    stored = anchor_on_disk(seed_corpus)
    assert stored["status"] == "orphaned" and stored["dismissed"] is True and stored["quote"] == OPPOSED


async def test_enter_goes_to_the_candidate_in_the_reader(edited_app: CaseviewApp) -> None:
    from caseview.tui.widgets.panes.reader import ReaderPane

    async with edited_app.run_test(size=WIDE) as pilot:
        await _open_review(pilot)
        await press(pilot, "enter")
        reader = edited_app.query_one(ReaderPane)
        mark = reader.trail.current
        assert reader.document_id == FT
        assert reader.document.text[mark.start : mark.end] == OPPOSED


def _offered_spans(detail: str) -> list[tuple[int, int]]:
    """The numbered candidates as the detail lists them: ``1 at 120–180, score …``."""
    import re

    return [(int(start), int(end)) for start, end in re.findall(r"\d at (\d+)–(\d+), score", detail)]


async def test_close_candidates_are_listed_and_the_chosen_one_is_accepted(
    edited_app: CaseviewApp, seed_corpus: Path
) -> None:
    """The passage is there twice: both places are listed, ] chooses the second, a anchors it there."""
    text = (seed_corpus / FT).read_text(encoding="utf-8")
    async with edited_app.run_test(size=WIDE) as pilot:
        await _open_review(pilot)
        detail = widget_text(edited_app, "#review-detail")
        offered = _offered_spans(detail)
        assert {start for start, _ in offered} == {text.index(OPPOSED), text.rindex(OPPOSED)}
        assert "▶ 1 at" in detail and "▶ 2" not in detail
        await press(pilot, "right_square_bracket")
        assert "▶ 2 at" in widget_text(edited_app, "#review-detail")
        await press(pilot, "a")
        await settle(pilot)
        assert "Nothing needs review" in widget_text(edited_app, "#review-list")
    stored = anchor_on_disk(seed_corpus)
    assert (stored["start"], stored["end"]) == offered[1]
    assert stored["status"] == "anchored" and stored["quote"] == OPPOSED


async def test_the_choice_wraps_round_and_the_key_bar_says_so(edited_app: CaseviewApp) -> None:
    async with edited_app.run_test(size=WIDE) as pilot:
        await _open_review(pilot)
        assert "Next cand." in widget_text(edited_app, "#review-keys")
        await press(pilot, "left_square_bracket")  # from the first back round to the last
        assert "▶ 2 at" in widget_text(edited_app, "#review-detail")
        await press(pilot, "right_square_bracket")
        assert "▶ 1 at" in widget_text(edited_app, "#review-detail")


async def test_accepting_the_second_candidate_is_undone_by_ctrl_z(edited_app: CaseviewApp, seed_corpus: Path) -> None:
    before = anchor_on_disk(seed_corpus)
    async with edited_app.run_test(size=WIDE) as pilot:
        await _open_review(pilot)
        await press(pilot, "right_square_bracket")
        await press(pilot, "a")
        await settle(pilot)
        assert anchor_on_disk(seed_corpus)["status"] == "anchored"
        await press(pilot, "escape")
        await press(pilot, "ctrl+z")
        await settle(pilot)
        assert "1 to review" in widget_text(edited_app, "#status")
    after = anchor_on_disk(seed_corpus)
    assert after["status"] == "needs-review" and (after["start"], after["end"]) == (before["start"], before["end"])
