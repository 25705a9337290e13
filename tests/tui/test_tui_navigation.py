"""Moving around: panes by number and tab, lists by j/k/g/G, type-to-filter, narrow tabs, quitting."""

from __future__ import annotations

from caseview.tui.app import CaseviewApp
from caseview.tui.widgets.panes.reader import ReaderPane
from caseview.tui.widgets.reader_view import ReaderView
from caseview.tui.widgets.row_list import FilterInput, RowList
from tests.tui.tui_helpers import NARROW, WIDE, press, screen_text, settle, widget_text


def sources(app: CaseviewApp) -> RowList:
    return app.screen.query_one("#sources-list", RowList)


async def test_the_sources_list_shows_every_document_with_its_details(app: CaseviewApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert len(sources(app).shown_rows) == 5
        text = widget_text(app, "#sources-list")
        assert "Scoop: White House" in text
        assert "✎ 0 · Axios · 2026-04-29 · 003_dcac92be05b45050.txt" in text
        # Dates as precisely as the sidecars know them: a month, a lower bound.
        assert "✎ 0 · Beyond Market Intelligence · June 2026 · 004_8f20206c802690a7.txt" in text
        assert "✎ 0 · unknown outlet · not before 2026-04-29 · 002_029d7ec1a1d3b899.txt" in text


async def test_the_status_line_shows_corpus_size_and_index_state(extracting_app: CaseviewApp) -> None:
    app = extracting_app
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        status = widget_text(app, "#status")
        assert status.startswith("seeds │ 5 docs │ index up to date │ ")
        assert status.endswith(" events │ 0 to review")


async def test_number_keys_move_between_panes(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        assert isinstance(app.focused, ReaderView)
        await press(pilot, "4")
        assert app.focused.parent.id == "events-list"
        await press(pilot, "1")
        assert app.focused.parent.id == "sources-list"


async def test_tab_and_shift_tab_cycle_through_the_panes(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "tab")
        assert isinstance(app.focused, ReaderView)
        await press(pilot, "tab", "tab", "tab", "tab")
        assert app.focused.parent.id == "sources-list"
        await press(pilot, "shift+tab")
        assert app.focused.parent.id == "case-list"


async def test_j_k_g_and_shift_g_move_in_a_list(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        rows = sources(app)
        await press(pilot, "j", "j")
        assert rows.highlighted_key == "002_029d7ec1a1d3b899.txt"
        await press(pilot, "k")
        assert rows.highlighted_key == "001_c0973cc29b59132c.txt"
        await press(pilot, "G")
        assert rows.highlighted_key == "004_8f20206c802690a7.txt"
        await press(pilot, "g")
        assert rows.highlighted_key == "000_465b9804960b177b.txt"


async def test_enter_on_a_source_opens_it_in_the_reader(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j", "j", "enter")
        assert isinstance(app.focused, ReaderView)
        assert "Scoop: White House workshops plan to bring back Anthropic" in widget_text(app, "#pane-reader")


async def test_typing_a_letter_in_a_list_filters_it(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "S", "c", "o", "o", "p")
        assert isinstance(app.focused, FilterInput)
        assert [row.key for row in sources(app).shown_rows] == ["003_dcac92be05b45050.txt"]
        await press(pilot, "enter")
        assert app.focused.parent.id == "sources-list"
        await press(pilot, "enter")
        assert "Scoop: White House" in widget_text(app, "#pane-reader")


async def test_f_opens_the_filter_and_escape_clears_it(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "f", "A", "x", "i", "o", "s")
        assert len(sources(app).shown_rows) == 1
        await press(pilot, "escape")
        assert len(sources(app).shown_rows) == 5
        assert app.focused.parent.id == "sources-list"


async def test_a_filter_that_matches_nothing_says_so(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "f", "z", "z", "z")
        assert "nothing matches “zzz”" in widget_text(app, "#sources-list")


async def test_keys_with_a_job_do_not_start_the_filter(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "j")
        assert not isinstance(app.focused, FilterInput)
        assert sources(app).highlighted_key == "001_c0973cc29b59132c.txt"


async def test_at_80_by_24_the_panes_are_tabs_showing_one_at_a_time(app: CaseviewApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "1 Sources  2 Reader  3 Entities  4 Events  5 Case file" in text
        assert "╭─ 1 Sources" in text
        assert "╭─ 2 Reader" not in text
        await press(pilot, "2")
        text = screen_text(app)
        assert "╭─ 2 Reader" in text
        assert "╭─ 1 Sources" not in text


async def test_resizing_to_wide_shows_every_pane(app: CaseviewApp) -> None:
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(*WIDE)
        await settle(pilot)
        text = screen_text(app)
        for title in ("1 Sources", "2 Reader", "3 Entities", "4 Events", "5 Case file"):
            assert f"─ {title}" in text


async def test_q_quits(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_q_in_the_search_bar_is_just_a_letter(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "q")
        assert app.is_running
        assert app.screen.query_one("#search-input").value == "q"


async def test_the_reader_header_gives_a_date_as_precisely_as_it_is_known(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        for doc_id, said in (("004_8f20206c802690a7.txt", "June 2026"), ("002_029d7ec1a1d3b899.txt", "not before")):
            await press(pilot, "1")
            sources(app).highlight(doc_id)
            await press(pilot, "enter")
            assert app.query_one(ReaderPane).document_id == doc_id
            assert said in widget_text(app, ".reader-header")
