"""The case from the app: E sets the title, summary and key questions; A an item's own note; L follows a
link; c adds the highlighted entity or event from their panes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp
from caseview.tui.dialogs.case_header import CaseHeaderDialog
from caseview.tui.widgets.row_list import RowList
from caseview.workspace import Workspace
from tests.tui.case_fixtures import build_case, case_json
from tests.tui.tui_helpers import NARROW, WIDE, press, settle, stop_blinking, type_text


async def test_e_sets_the_case_title_summary_and_questions(app: CaseviewApp, seed_corpus: Path) -> None:
    """E, a title, tab, a summary, tab, two questions, ctrl+s: case.json holds them; the memo shows the title."""
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "5", "E")
        await settle(pilot)
        assert isinstance(app.screen, CaseHeaderDialog)
        await press(pilot, "end", "ctrl+u")
        await type_text(pilot, "Mythos access")
        await press(pilot, "tab")
        await type_text(pilot, "Who lets agencies use Mythos")
        await press(pilot, "tab")
        await type_text(pilot, "Who signed?")
        await press(pilot, "enter")
        await type_text(pilot, "When?")
        await press(pilot, "ctrl+s")
        await settle(pilot)
    header = case_json(seed_corpus)["header"]
    assert header["title"] == "Mythos access" and header["summary"] == "Who lets agencies use Mythos"
    assert header["questions"] == ["Who signed?", "When?"]
    assert "Mythos access" in Workspace.open(seed_corpus).export_case("md")


async def test_a_writes_the_items_own_note(app: CaseviewApp, seed_corpus: Path) -> None:
    """A on item #1, a note, ctrl+s: the item carries it in case.json; ctrl+z takes it back."""
    build_case(seed_corpus)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "5", "j", "A")
        await type_text(pilot, "the key claim")
        await press(pilot, "ctrl+s")
        await settle(pilot)
        notes = [item.get("note") for item in case_json(seed_corpus)["items"]]
        assert "the key claim" in notes
        await press(pilot, "ctrl+z")
        await settle(pilot)
        assert "the key claim" not in [item.get("note") for item in case_json(seed_corpus)["items"]]


async def test_l_goes_to_the_linked_item(app: CaseviewApp, seed_corpus: Path) -> None:
    """#1 contradicts #2: L on #1 highlights #2."""
    build_case(seed_corpus)
    workspace = Workspace.open(seed_corpus)
    items = workspace.case().load().items
    workspace.case().link(items[0].id, items[1].id, "contradicts")
    workspace.close()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        case_list = app.main_screen.case.primary()
        case_list.highlight(items[0].id)
        await press(pilot, "L")
        assert case_list.highlighted_key == items[1].id


async def test_c_adds_the_highlighted_entity_and_event(extracting_app: CaseviewApp, seed_corpus: Path) -> None:
    """c in the entities pane adds Scott Bessent; c in the events pane adds the highlighted event."""
    app = extracting_app
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        app.screen.query_one("#entities-list", RowList).highlight("person:scott-bessent")
        await press(pilot, "c")
        await press(pilot, "4", "c")
        await settle(pilot)
    kinds = [item["kind"] for item in case_json(seed_corpus)["items"]]
    assert sorted(kinds) == ["entity", "event"]


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_case_header_dialog_snapshot(snap_compare, app: CaseviewApp, seed_corpus: Path, size: tuple[int, int]) -> None:
    """The case header dialog (E) with a title, a summary and two key questions already set."""
    workspace = Workspace.open(seed_corpus)
    workspace.case().set_header(title="Mythos access", summary="Who lets agencies use it", questions=["Who?", "When?"])
    workspace.close()

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "5", "E")
        await settle(pilot)
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
