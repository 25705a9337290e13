"""Snapshots of what the analyst sees: the main screen, help, and the reader with highlights.

``snap_compare`` runs the app itself, so these are plain ``def`` tests; ``run_before`` waits for the
workers and turns cursor blinking off so every run draws the same picture.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp
from tests.tui.tui_helpers import NARROW, WIDE, press, settle, stop_blinking, type_text


@pytest.fixture
def app(extracting_app: CaseviewApp) -> CaseviewApp:
    """These tests are about entities, events and mentions: the app extracts them."""
    return extracting_app


SIZES = pytest.mark.parametrize("size", [NARROW, WIDE], ids=["80x24", "120x40"])


async def ready(pilot: Pilot) -> None:
    await settle(pilot)
    stop_blinking(pilot.app)
    await pilot.pause()


@SIZES
def test_main_screen(snap_compare, app: CaseviewApp, size: tuple[int, int]) -> None:
    """The main screen once the seeds are indexed and extracted: five sources, entities by type, the
    timeline, the empty case file, the status line and the key bar (at 80×24: the panes as tabs)."""
    assert snap_compare(app, terminal_size=size, run_before=ready)


@SIZES
def test_help_screen(snap_compare, app: CaseviewApp, size: tuple[int, int]) -> None:
    """The help screen (``?``): every key, grouped by where it works, starting with the keys that work everywhere."""

    async def open_help(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "question_mark")
        await ready(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_help)


@SIZES
def test_reader_with_search_hits_and_entity_mentions(
    snap_compare,
    app: CaseviewApp,
    size: tuple[int, int],
) -> None:
    """The top hit of "supply chain risk" in the reader at its fourth hit (``n`` three times): hits,
    the current hit and entity mentions highlighted, the header saying "hit 4 of …"."""

    async def open_top_hit(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "supply chain risk")
        await press(pilot, "enter", "enter", "n", "n", "n")
        await ready(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_top_hit)
