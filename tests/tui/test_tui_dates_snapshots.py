"""Snapshot of the publication-date dialog (`D` in the sources pane) for a document dated to the month."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp
from caseview.tui.widgets.row_list import RowList
from tests.tui.tui_helpers import WIDE, press, settle, stop_blinking


@pytest.fixture
def app(extracting_app: CaseviewApp) -> CaseviewApp:
    return extracting_app


def test_publication_date_dialog(snap_compare, app: CaseviewApp) -> None:
    """The dialog for 004 (dated June 2026 by its sidecar): its title, "now: June 2026", the date as
    stored ("2026-06") ready to correct, and the hint (enter saves, empty clears, esc cancels)."""

    async def open_dialog(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "1")
        pilot.app.screen.query_one("#sources-list", RowList).highlight("004_8f20206c802690a7.txt")
        await press(pilot, "D")
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=WIDE, run_before=open_dialog)
