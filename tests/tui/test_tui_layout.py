"""Layout keys: z zooms the pane you are in and back; < > resize the column split, remembered per corpus;
every sources row shows its annotation count at 120×40."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp, make_app
from caseview.workspace import Workspace
from caseview.workspace.view_state import VIEW_STATE_FILE
from tests.tui.annotate_helpers import DOC_003
from tests.tui.tui_helpers import LEAN, NARROW, WIDE, press, settle, stop_blinking, widget_text


async def test_z_zooms_the_reader_and_back(app: CaseviewApp) -> None:
    """In the reader, z hides the other panes and the reader takes the whole width; z again shows all five."""
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.main_screen
        await press(pilot, "2", "z")
        await settle(pilot)
        assert screen.zoomed
        assert not screen.sources.display or screen.sources.region.width == 0
        assert screen.reader.region.width >= WIDE[0] - 2
        await press(pilot, "z")
        await settle(pilot)
        assert not screen.zoomed and screen.sources.region.width > 0 and screen.reader.region.width < WIDE[0] // 2


async def test_z_zooms_a_side_pane(app: CaseviewApp) -> None:
    """The case pane, zoomed, fills the screen below the search bar."""
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.main_screen
        await press(pilot, "5", "z")
        await settle(pilot)
        assert screen.case.region.width >= WIDE[0] - 2 and screen.case.region.height > WIDE[1] // 2
        assert screen.entities.region.width == 0 or not screen.entities.display


async def test_resizing_the_split_is_remembered_for_the_corpus(seed_corpus: Path) -> None:
    """> twice widens the sources column; a new window on the same folder opens with that width."""
    app = make_app(seed_corpus, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        before = app.main_screen.sources.region.width
        await press(pilot, "greater_than_sign", "greater_than_sign")
        await settle(pilot)
        wider = app.main_screen.sources.region.width
        assert wider > before
        chosen = app.main_screen.sources_width
    saved = json.loads((Workspace(seed_corpus).corpus_index.derived_dir / VIEW_STATE_FILE).read_text("utf-8"))
    assert saved["sources_width"] == chosen
    again = make_app(seed_corpus, settings=LEAN)
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert again.main_screen.sources.region.width == wider
        await press(pilot, "less_than_sign")
        await settle(pilot)
        assert again.main_screen.sources.region.width < wider


async def test_every_sources_row_shows_its_annotation_count_at_120x40(app: CaseviewApp, seed_corpus: Path) -> None:
    """The count comes first on each row's second line, so the narrow column never cuts it off."""
    workspace = Workspace.open(seed_corpus)
    workspace.annotate_quote(DOC_003, "supply chain risk designation", tags=["designation"])
    workspace.close()
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = widget_text(app, "#sources-list")
        documents = len(app.main_screen.sources.primary().rows)
        assert text.count("✎ ") == documents and "✎ 1" in text


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_zoomed_reader_snapshot(snap_compare, app: CaseviewApp, size: tuple[int, int]) -> None:
    """Article 003 in the reader, zoomed to the whole screen with z."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        pilot.app.main_screen.reader.open(DOC_003, None)
        await settle(pilot)
        await press(pilot, "z")
        await settle(pilot)
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
