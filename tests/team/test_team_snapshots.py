"""Snapshots of the app with a team server configured: what the status line says about it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp
from tests.team.test_team_app import analyst_folder, team_app
from tests.tui.tui_helpers import NARROW, WIDE, settle, stop_blinking

SIZES = pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])


@pytest.fixture
def offline_app(prepared_seed_corpus: Path, tmp_path: Path) -> CaseviewApp:
    """The app linked to a team server that is not there (a socket folder with no server in it)."""
    socket_dir = tmp_path / "no-server"
    socket_dir.mkdir()
    folder = analyst_folder(prepared_seed_corpus, tmp_path, "alice")
    return team_app(folder, f"postgresql://analyst_a@/team?host={socket_dir}&port=1")


@SIZES
def test_status_line_says_the_team_server_is_unreachable(
    snap_compare, offline_app: CaseviewApp, size: tuple[int, int]
) -> None:
    """The main screen of an app whose team server does not answer: the status line says so right
    after the corpus name (so it is never cut off at 80 columns), in the warning colour."""

    async def offline(pilot: Pilot) -> None:
        start = time.monotonic()
        while not pilot.app.main_screen.status.state.team.startswith("team: server unreachable"):
            assert time.monotonic() - start < 20, "the link never said the server is unreachable"
            await pilot.pause(0.01)
        await settle(pilot)
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(offline_app, terminal_size=size, run_before=offline)
