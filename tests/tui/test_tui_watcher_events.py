"""The app hears of another window's changes through file events (inotify), and re-indexes a changed
document alone; without events it polls, as before."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from textual.pilot import Pilot

from caseview.tui.app import make_app
from caseview.workspace import Workspace
from tests.tui.annotate_helpers import DOC_003, open_at, tag_selection, written_annotations
from tests.tui.tui_helpers import LEAN, WIDE, press, settle, widget_text

#: Long enough that no poll happens during a test of file events (they must do the work alone).
NO_POLL_S = 3600.0
#: A generous bound on a loaded machine; each wait ends as soon as its condition holds.
PATIENCE_S = 20.0


async def wait_until(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        await pilot.pause(0.05)
    await settle(pilot)


async def test_a_file_saved_into_the_folder_becomes_searchable_without_a_rescan(seed_corpus: Path) -> None:
    app = make_app(seed_corpus, settings=replace(LEAN, watch_interval=NO_POLL_S))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.main_screen
        assert screen.watcher.events is not None and screen.index_ready
        workspace = screen.workspace
        (seed_corpus / "zyzzyva.txt").write_text("The zyzzyva memo arrived late.", "utf-8")
        await wait_until(
            pilot,
            lambda: workspace.last_report is not None and workspace.last_report.indexed == ["zyzzyva.txt"],
            "the new file to be indexed",
        )
        report = workspace.last_report
        assert report is not None and report.unchanged == 0  # the other five files were not even compared
        assert workspace.corpus_index.files_read == 1
        assert [hit.doc_id for hit in workspace.search("zyzzyva").hits] == ["zyzzyva.txt"]
        assert "zyzzyva" in widget_text(app, "#pane-sources").lower()


async def test_a_tag_added_in_another_window_shows_in_the_open_app(seed_corpus: Path) -> None:
    app = make_app(seed_corpus, settings=replace(LEAN, watch_interval=NO_POLL_S))
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, DOC_003, 0)
        assert app.main_screen.watcher.events is not None
        Workspace.open(seed_corpus).annotate_quote(DOC_003, "save face", tags=["spin"])
        await wait_until(pilot, lambda: [a.tags for a in pane.annotations] == [("spin",)], "the other window's tag")
        assert "spin" in app.main_screen.reader.known_tags


async def test_without_file_events_the_app_polls(seed_corpus: Path) -> None:
    app = make_app(seed_corpus, settings=replace(LEAN, watch_interval=0.2, watch_events=False))
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, DOC_003, 0)
        watcher = app.main_screen.watcher
        assert watcher.events is None
        await wait_until(pilot, lambda: watcher.token is not None, "the first look")
        Workspace.open(seed_corpus).annotate_quote(DOC_003, "save face", tags=["spin"])
        await wait_until(pilot, lambda: [a.tags for a in pane.annotations] == [("spin",)], "the poll to see the tag")


async def test_with_file_events_a_change_here_takes_no_state_of_the_folder(seed_corpus: Path) -> None:
    # The state token stats every file of the folder (seconds at 200,000): with file events nothing
    # compares it, so a change made in this window must not wait for one before it is shown.
    app = make_app(seed_corpus, settings=replace(LEAN, watch_interval=NO_POLL_S))
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, DOC_003, 0)
        watcher = app.main_screen.watcher
        assert watcher.events is not None
        await press(pilot, "s")
        await tag_selection(pilot, "spin")
        await wait_until(pilot, lambda: [a.tags for a in pane.annotations] == [("spin",)], "the tag")
        assert [w.tags for w in written_annotations(seed_corpus, DOC_003)] == [("spin",)]
        assert watcher.token is None


async def test_when_polling_a_change_here_is_not_taken_for_another_windows(seed_corpus: Path) -> None:
    app = make_app(seed_corpus, settings=replace(LEAN, watch_interval=0.2, watch_events=False))
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, DOC_003, 0)
        watcher = app.main_screen.watcher
        await wait_until(pilot, lambda: watcher.token is not None, "the first look")
        await press(pilot, "s")
        await tag_selection(pilot, "spin")
        await wait_until(pilot, lambda: [a.tags for a in pane.annotations] == [("spin",)], "the tag")
        workspace = app.main_screen.workspace
        # The look after the change compares with the state after it: nothing changed elsewhere.
        await wait_until(
            pilot,
            lambda: watcher.token is not None and not workspace.changes_since(watcher.token).any,
            "the state after this window's change",
        )
        assert DOC_003 in {key.rpartition("/")[2] for key in watcher.token.annotations}


async def test_a_tag_another_program_wrote_becomes_searchable_in_the_open_app(seed_corpus: Path) -> None:
    # Written as a sync tool or a script would: straight into the annotation file, no caseview
    # workspace to index it. The app hears of the file and indexes its tags (not the document).
    from caseview.annotations.model import Creator
    from caseview.annotations.service import AnnotationService

    app = make_app(seed_corpus, settings=replace(LEAN, watch_interval=NO_POLL_S))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        screen = app.main_screen
        assert screen.watcher.events is not None and screen.index_ready
        workspace = screen.workspace
        AnnotationService(seed_corpus, workspace.derived_dir, creator=Creator(name="script")).add_quote(
            DOC_003, "save face", tags=["from-a-script"]
        )
        await wait_until(
            pilot,
            lambda: [hit.doc_id for hit in workspace.search("tag:from-a-script").hits] == [DOC_003],
            "the script's tag to be searchable",
        )
        assert workspace.corpus_index.files_read == 0  # the document was not read again
