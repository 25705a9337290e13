"""Searching from the search bar: results, opening the top hit, stepping through hits, bad queries."""

from __future__ import annotations

from caseview.tui.app import CaseviewApp
from caseview.tui.widgets.panes.reader import ReaderPane
from caseview.tui.widgets.reader_view import ReaderView
from caseview.tui.widgets.search_bar import SearchInput
from tests.tui.tui_helpers import WIDE, press, screen_text, settle, type_text, widget_text


async def search(pilot, query: str) -> None:
    await press(pilot, "slash")
    await type_text(pilot, query)
    await press(pilot, "enter")


async def test_slash_focuses_the_search_bar(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        assert isinstance(app.focused, SearchInput)


async def test_search_lists_ranked_documents_with_snippets(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "supply chain risk")
        text = screen_text(app)
        assert "3 results" in text
        assert "1. Is Mythos too powerful" in text
        assert "2. Scoop: White House" in text
        assert "supply chain risk designations" in widget_text(app, "#results-list")


async def test_enter_on_the_top_hit_opens_it_at_its_first_match(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "supply chain risk")
        await press(pilot, "enter")
        reader = app.query_one(ReaderPane)
        assert reader.document_id == "002_029d7ec1a1d3b899.txt"
        assert isinstance(app.focused, ReaderView)
        assert "hit 1 of 13 · supply chain risk" in screen_text(app)


async def test_n_and_shift_n_step_from_hit_to_hit(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, '"supply chain risk"')
        await press(pilot, "enter")
        reader = app.query_one(ReaderPane)
        text = reader.document.text
        await press(pilot, "n")
        assert "hit 2 of" in screen_text(app)
        ((row, spans),) = reader.view.layer_spans("current").items()
        start, end = spans[0]
        offset = reader.view.lines.offset(row, start)
        assert text[offset : offset + (end - start)].lower() == "supply chain risk"
        await press(pilot, "N")
        assert "hit 1 of" in screen_text(app)


async def test_stepping_past_the_last_hit_wraps_to_the_first(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "Bessent")
        await press(pilot, "enter")
        reader = app.query_one(ReaderPane)
        count = len(reader.trail.marks)
        for _ in range(count):
            await press(pilot, "n")
        assert f"hit 1 of {count}" in screen_text(app)


async def test_a_bad_query_shows_its_error_inline_and_keeps_the_focus(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, 'supply "chain')
        text = screen_text(app)
        assert "bad query" in text
        assert "column 8" in text
        assert "is never closed" in text
        assert isinstance(app.focused, SearchInput)


async def test_an_unknown_field_is_named_in_the_error(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "colour:red")
        assert "unknown field 'colour:'" in screen_text(app)


async def test_fixing_the_query_clears_the_error(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "Mythos AND")
        assert "bad query" in screen_text(app)
        await press(pilot, "backspace", "backspace", "backspace", "backspace")
        await press(pilot, "enter")
        assert "bad query" not in screen_text(app)
        assert "5 results" in screen_text(app)


async def test_typing_searches_without_enter(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "Besant")
        await pilot.pause(0.4)
        await settle(pilot)
        assert "1 result" in screen_text(app)
        assert isinstance(app.focused, SearchInput)


async def test_escape_in_the_results_lists_all_sources_again(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await search(pilot, "Axios")
        await press(pilot, "escape")
        text = screen_text(app)
        assert "1 Sources · 5" in text
        assert "Trump Admin releases" in text


async def test_escape_in_the_search_bar_goes_back_to_the_pane(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "2", "slash", "escape")
        assert isinstance(app.focused, ReaderView)
