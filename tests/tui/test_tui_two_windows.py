"""Two windows on one folder: the app sees what another window (or the CLI) wrote, at its next look."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from caseview.tui.app import CaseviewApp
from caseview.workspace import Workspace
from tests.tui.annotate_helpers import DOC_003, open_at, tag_selection, written_annotations
from tests.tui.tui_helpers import WIDE, press, settle, widget_text

REPO = Path(__file__).resolve().parents[2]


async def look_for_changes(pilot) -> None:
    pilot.app.main_screen.watcher.check_now()
    await settle(pilot)


async def test_an_annotation_made_in_another_window_shows_in_the_reader(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, DOC_003, 0)
        await look_for_changes(pilot)
        other_window = Workspace.open(seed_corpus)
        other_window.annotate_quote(DOC_003, "save face", tags=["spin"])
        await look_for_changes(pilot)
        assert [a.tags for a in pane.annotations] == [("spin",)]
        assert "spin" in app.main_screen.reader.known_tags


async def test_a_case_item_added_by_the_cli_shows_in_the_case_pane(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_at(pilot, DOC_003, 0)
        await look_for_changes(pilot)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "caseview",
                "case",
                str(seed_corpus),
                "add",
                "passage",
                DOC_003,
                "--quote",
                "save face",
            ],
            cwd=REPO,
            check=True,
            capture_output=True,
        )
        await look_for_changes(pilot)
        assert "save face" in widget_text(app, "#pane-case")


async def test_both_windows_keep_their_work(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_at(pilot, DOC_003, 190)
        await look_for_changes(pilot)
        Workspace.open(seed_corpus).annotate_quote(DOC_003, "save face", tags=["spin"])
        await press(pilot, "s")
        await tag_selection(pilot, "designation")
        await look_for_changes(pilot)
        assert sorted(w.tags for w in written_annotations(seed_corpus, DOC_003)) == [("designation",), ("spin",)]
        assert len(app.main_screen.reader.annotations) == 2
