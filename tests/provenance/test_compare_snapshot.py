"""Snapshot of the compare view: the seeds' rewrite 002 beside its origin, Axios's 003, at 120×40."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from caseview.tui.app import make_app
from tests.provenance.test_tui_provenance import traced
from tests.tui.tui_helpers import LEAN, WIDE, press, settle, stop_blinking


def test_compare_view_of_the_seed_rewrite(snap_compare, prepared_seed_corpus: Path) -> None:
    """Header with the pair's reasons, the two documents' columns, corresponding passages side by side
    and 002's own additions marked as such."""

    async def open_compare(pilot: Pilot) -> None:
        await traced(pilot)
        await press(pilot, "j", "j", "equals_sign")
        await settle(pilot)
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(make_app(prepared_seed_corpus, settings=LEAN), terminal_size=WIDE, run_before=open_compare)
