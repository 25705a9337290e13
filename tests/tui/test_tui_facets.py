"""The sources pane's facets (F) and sort (o): counts beside the values, enter narrows the search;
recent and saved searches in the same picker."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp
from caseview.tui.dialogs.choice import ChoiceDialog
from caseview.workspace import Workspace
from tests.tui.tui_helpers import NARROW, WIDE, press, settle, stop_blinking, type_text


async def search(pilot: Pilot, query: str) -> None:
    await settle(pilot)
    await press(pilot, "slash")
    await type_text(pilot, query)
    await press(pilot, "enter")
    await settle(pilot)


async def test_f_lists_facets_of_the_results_and_enter_narrows(app: CaseviewApp, seed_corpus: Path) -> None:
    """F after a search: outlet values with counts; "Axios" + enter runs the search kept to that outlet."""
    async with app.run_test(size=WIDE) as pilot:
        await search(pilot, "Anthropic")
        before = app.main_screen.sources.results
        assert before is not None and before.total > 1
        await press(pilot, "F")
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        await settle(pilot)
        labels = [choice.label.plain for choice in dialog.choices]
        assert any(label.startswith("outlet  Axios  1") for label in labels), labels
        assert any(label.startswith("format  txt") for label in labels)
        await type_text(pilot, "outlet axios")
        await press(pilot, "enter")
        await settle(pilot)
        query = app.main_screen.search_bar.query_text
        assert query == '(Anthropic) AND outlet:"Axios"'
        results = app.main_screen.sources.results
        assert results is not None and results.query == query and results.total == 1


async def test_o_sorts_the_results_by_date_then_title(app: CaseviewApp) -> None:
    """o: newest first (undated last), o again: by title; the pane title says the order."""
    async with app.run_test(size=WIDE) as pilot:
        await search(pilot, "Anthropic")
        sources = app.main_screen.sources
        results = sources.results
        assert results is not None
        await press(pilot, "o")
        keys = [row.key for row in sources.primary().rows]
        dates = {hit.doc_id: hit.published for hit in results.hits}
        dated = [dates[k] for k in keys if dates[k] is not None]
        assert dated == sorted(dated, reverse=True) and all(dates[k] is None for k in keys[len(dated) :])
        assert "· by date" in str(sources.border_title)
        await press(pilot, "o")
        titles = {hit.doc_id: hit.title.casefold() for hit in results.hits}
        shown = [titles[row.key] for row in sources.primary().rows]
        assert shown == sorted(shown)


async def test_a_used_search_is_recent_and_one_can_be_saved(app: CaseviewApp, seed_corpus: Path) -> None:
    """Opening a result makes the search a recent one; F, "save", a name: it is saved in the corpus folder."""
    async with app.run_test(size=WIDE) as pilot:
        await search(pilot, "Pentagon")
        await press(pilot, "enter")  # open the top result: the search was used
        await settle(pilot)
        assert Workspace(seed_corpus).searches.load().recent == ("Pentagon",)
        await press(pilot, "1", "F")
        await settle(pilot)
        await type_text(pilot, "save this")
        await press(pilot, "enter")
        await press(pilot, "end", "ctrl+u")
        await type_text(pilot, "pentagon articles")
        await press(pilot, "enter")
        await settle(pilot)
        saved = Workspace(seed_corpus).searches.load().saved
        assert [(s.name, s.query) for s in saved] == [("pentagon articles", "Pentagon")]


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_facets_snapshot(snap_compare, app: CaseviewApp, size: tuple[int, int]) -> None:
    """The facets picker after searching "Anthropic": outlets, months, formats with their counts."""

    async def run_before(pilot: Pilot) -> None:
        await search(pilot, "Anthropic")
        await press(pilot, "F")
        await settle(pilot)
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
