"""The case file pane and annotation counts: what the analyst has made so far, shown from the workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.widgets.panes.reader import ReaderPane
from caseview.tui.widgets.row_list import RowList
from caseview.workspace import Workspace
from tests.tui.tui_helpers import LEAN, NARROW, WIDE, press, settle, widget_text


@pytest.fixture
def worked_on_app(seed_corpus: Path) -> CaseviewApp:
    """The app on a corpus with a case file (a note and a passage) and one more annotation."""
    workspace = Workspace(seed_corpus)
    workspace.refresh()
    case = workspace.case()
    case.add_note("Who authorised the 100 organisations?", section="Open questions")
    case.add_passage("004_8f20206c802690a7.txt", quote="over 100 US companies", section="Evidence")
    workspace.annotate_quote("004_8f20206c802690a7.txt", "Mythos 5", tags=("model",))
    workspace.close()
    return make_app(seed_corpus, settings=LEAN)


async def test_the_case_pane_lists_items_under_their_sections(worked_on_app: CaseviewApp) -> None:
    app = worked_on_app
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        text = widget_text(app, "#case-list")
        assert text.index("Open questions") < text.index("Who authorised") < text.index("Evidence")
        assert "“over 100 US companies” passage" in text


async def test_enter_on_a_case_passage_opens_it_highlighted(worked_on_app: CaseviewApp) -> None:
    app = worked_on_app
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "5", "G", "enter")
        reader = app.query_one(ReaderPane)
        mark = reader.trail.current
        assert reader.document_id == "004_8f20206c802690a7.txt"
        assert reader.document.text[mark.start : mark.end] == "over 100 US companies"


async def test_sources_show_how_many_annotations_each_document_has(worked_on_app: CaseviewApp) -> None:
    app = worked_on_app
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        sources = app.screen.query_one("#sources-list", RowList)
        details = {row.key: str(row.prompt).splitlines()[1] for row in sources.shown_rows}
        assert "✎ 2" in details["004_8f20206c802690a7.txt"]
        assert "✎ 0" in details["000_465b9804960b177b.txt"]
