"""Fast typing in pickers and lists (issue 13, bugs 1, 4 and 9): the keys go where the analyst meant.

The keys are sent as a burst, with no pause between them, as a terminal delivers fast typing (and as
a loaded machine delivers slow typing): the dialog that a key opens must own the keys typed after it,
a list's filter must get every letter, and one enter must pick the match that is highlighted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.dialogs.choice import ChoiceDialog, choice, rank_choices
from caseview.tui.widgets.row_list import RowList
from tests.tui.annotate_helpers import DOC_003, case_items, open_at, written_annotations
from tests.tui.case_fixtures import AUTHORISED, build_case, case_json
from tests.tui.tui_helpers import LEAN, WIDE, burst, press, settle

GRADES = [choice(code, code, label) for code, label in (("A", "completely reliable"), ("D", "not usually reliable"))]


@pytest.fixture
def case_app(seed_corpus: Path) -> CaseviewApp:
    build_case(seed_corpus)
    return make_app(seed_corpus, settings=LEAN)


def grade_of_first_passage(root: Path) -> dict[str, object] | None:
    item = next(i for i in case_json(root)["items"] if i.get("citation", {}).get("exact") == AUTHORISED)
    grade = item.get("grade")
    return grade if isinstance(grade, dict) else None


def test_a_typed_key_ranks_the_choice_with_that_key_first() -> None:
    grades = [
        choice(c, c, label) for c, label in (("A", "completely"), ("D", "not usually"), ("F", "cannot be judged"))
    ]
    assert [c.key for c in rank_choices(grades, "D")] == ["D", "F"]  # "judged" holds a d too
    assert [c.key for c in rank_choices(grades, "usually")] == ["D"]
    assert [c.key for c in rank_choices(grades, "")] == ["A", "D", "F"]


async def test_typing_d_and_enter_in_the_grade_dialog_records_d(case_app: CaseviewApp, seed_corpus: Path) -> None:
    async with case_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        await burst(pilot, "r", "D", "enter", "3", "enter")
        assert "#1 D3 “over 100" in " ".join(
            row.prompt.plain for row in case_app.screen.query_one("#case-list", RowList).rows
        )
    assert grade_of_first_passage(seed_corpus) == {"reliability": "D", "credibility": 3}


async def test_down_then_enter_picks_the_row_below_the_highlighted_match(
    case_app: CaseviewApp, seed_corpus: Path
) -> None:
    async with case_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        await burst(pilot, "r", *"reliable", "down", "enter")  # A is highlighted; the row below it is B
        await burst(pilot, "down", "down", "enter")  # credibility 1, 2, 3: two below the first
    assert grade_of_first_passage(seed_corpus) == {"reliability": "B", "credibility": 3}


async def test_keys_typed_right_after_x_go_to_the_export_dialog(case_app: CaseviewApp, seed_corpus: Path) -> None:
    async with case_app.run_test(size=WIDE) as pilot:
        await open_at(pilot, DOC_003, 190)
        await burst(pilot, "x", "c", "s", "v", "enter")
        reader = case_app.main_screen.reader
        assert reader.view.selected_span() is None  # the s did not select a sentence behind the dialog
    assert [path.suffix for path in seed_corpus.iterdir() if path.suffix in (".csv", ".md", ".html")] == [".csv"]
    assert len(case_items(seed_corpus)) == 3  # and the c did not add anything to the case


async def test_keys_typed_right_after_t_go_to_the_tag_picker(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_at(pilot, DOC_003, 190)
        await press(pilot, "s")
        await burst(pilot, "t", *"design", "enter")
    assert [w.tags for w in written_annotations(seed_corpus, DOC_003)] == [("design",)]


async def test_enter_right_after_c_adds_to_the_section_being_loaded(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_at(pilot, DOC_003, 190)
        await press(pilot, "s")
        await burst(pilot, "c", "enter")
        assert not isinstance(app.screen, ChoiceDialog)
    assert len(case_items(seed_corpus)) == 1


async def test_typing_in_a_list_keeps_every_letter_even_those_with_a_job(extracting_app: CaseviewApp) -> None:
    app = extracting_app
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        await burst(pilot, "b", "e", "s")  # s splits an entity here, but the filter was started by b
        entities = app.screen.query_one("#entities-list", RowList)
        assert entities.filter_text == "bes"
        assert not isinstance(app.screen, ChoiceDialog)  # no split dialog
        names = [row.prompt.plain for row in entities.shown_rows if not row.header]
        assert names and all("bes" in name.casefold() for name in names)


async def test_f_starts_the_filter_so_letters_with_a_job_filter_too(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await burst(pilot, "f", "g", "o", "v")  # g would go to the first row
        sources = app.screen.query_one("#sources-list", RowList)
        assert sources.filter_text == "gov"
        assert [row.key for row in sources.shown_rows] == ["000_465b9804960b177b.txt", "001_c0973cc29b59132c.txt"]
