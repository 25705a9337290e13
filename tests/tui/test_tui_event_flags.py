"""Event flags (! in the events pane): each pair with its two passages side by side; enter opens them in the reader."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp
from caseview.tui.screens.event_flags import EventFlagsScreen
from caseview.tui.screens.main import MainScreen
from tests.tui.tui_helpers import NARROW, WIDE, press, settle, stop_blinking, widget_text


@pytest.fixture
def app(extracting_app: CaseviewApp) -> CaseviewApp:
    return extracting_app


async def open_flags(pilot: Pilot) -> EventFlagsScreen:
    await settle(pilot)
    await press(pilot, "4", "exclamation_mark")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EventFlagsScreen)
    return screen


async def test_flags_show_both_passages_side_by_side(app: CaseviewApp) -> None:
    """Every flag of the extraction is listed; the highlighted one's two evidence sentences fill the two sides."""
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_flags(pilot)
        flags = app.workspace.extraction().flags
        assert len(screen.rows) == len(flags) > 0
        row = screen.rows[0]
        left, right = widget_text(app, "#flag-left"), widget_text(app, "#flag-right")
        assert " ".join(row.first.place.text.split())[:40] in left
        assert " ".join(row.second.place.text.split())[:40] in right
        assert row.first.place.doc_id != row.second.place.doc_id


async def test_enter_opens_the_pair_in_the_reader(app: CaseviewApp) -> None:
    """Enter: the reader at the left passage, evidence 1 of 2; n goes to the right one."""
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_flags(pilot)
        row = screen.rows[0]
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        reader = app.main_screen.reader
        assert reader.document_id == row.first.place.doc_id
        await press(pilot, "n")
        await settle(pilot)
        assert reader.document_id == row.second.place.doc_id


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_event_flags_snapshot(snap_compare, app: CaseviewApp, size: tuple[int, int]) -> None:
    """The flags of the bundled case: kinds and documents, the first pair's passages side by side."""

    async def run_before(pilot: Pilot) -> None:
        await open_flags(pilot)
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
