"""File events for a corpus folder (real inotify through watchfiles), what their paths mean, and the
partial refresh they lead to: only the changed files are looked at."""

from __future__ import annotations

import os
import queue
import time
from pathlib import Path

import pytest

from caseview.workspace import Workspace
from caseview.workspace.file_events import (
    FileEvents,
    FileEventsUnavailable,
    relevant_paths,
    with_new_folders_contents,
)
from caseview.workspace.watching import changes_of_paths

#: A generous bound for an event to arrive on a loaded machine (the wait ends as soon as it does).
PATIENCE_S = 15.0


def test_paths_of_derived_hidden_and_outside_files_are_dropped(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (root / "out").symlink_to(outside)
    (root / "in").symlink_to(root / "sub")
    base = os.path.realpath(root)
    raw = [
        f"{base}/a.txt",
        f"{base}/sub/b.txt",
        f"{base}/.caseview/index/seg.toc",
        f"{base}/sub/.hidden.txt",
        f"{base}/out/c.txt",
        f"{base}/in/d.txt",
        f"{tmp_path}/elsewhere/e.txt",
        f"{base}/a.txt",
    ]
    assert relevant_paths(base, raw) == ("a.txt", "in/d.txt", "sub/b.txt")


def test_changed_paths_are_sorted_into_what_the_panes_reload(tmp_path: Path) -> None:
    changes = changes_of_paths(
        tmp_path,
        (
            "memo.txt",
            "sub/report.pdf.meta.json",
            "memo.txt.annotations.json",
            "case.json",
            "leads.case.json",
            "caseview-entities.json",
            "sub/case.json",
            "notes.xyz",
        ),
    )
    assert changes.documents == ("memo.txt", "sub/report.pdf.meta.json")
    assert changes.annotations == ("memo.txt",)
    assert changes.cases == (None, "leads")
    assert changes.entities


def test_a_new_folder_is_named_with_the_files_already_in_it(tmp_path: Path) -> None:
    """A file written into a folder before the watcher put a watch on it makes no event of its own."""
    (tmp_path / "copied" / "deeper").mkdir(parents=True)
    (tmp_path / "copied" / "a.txt").write_text("a", "utf-8")
    (tmp_path / "copied" / "deeper" / "b.txt").write_text("b", "utf-8")
    (tmp_path / "linked").symlink_to(tmp_path / "copied")
    raw = [str(tmp_path / "copied"), str(tmp_path / "linked"), str(tmp_path / "gone.txt")]
    named = relevant_paths(os.path.realpath(tmp_path), with_new_folders_contents(raw))
    assert named == ("copied", "copied/a.txt", "copied/deeper/b.txt", "gone.txt", "linked")


def test_a_file_saved_into_the_folder_is_heard_of_and_derived_data_is_not(tmp_path: Path) -> None:
    heard: queue.Queue[tuple[str, ...]] = queue.Queue()
    events = FileEvents(tmp_path, heard.put, lambda reason: heard.put(("failed: " + reason,)))
    try:
        (tmp_path / ".caseview").mkdir()
        (tmp_path / ".caseview" / "manifest").write_text("x", "utf-8")
        (tmp_path / "sub").mkdir()
        (tmp_path / "sub" / "new.txt").write_text("hello", "utf-8")
        seen: set[str] = set()
        deadline = time.monotonic() + PATIENCE_S
        while "sub/new.txt" not in seen:
            seen.update(heard.get(timeout=max(0.01, deadline - time.monotonic())))
    finally:
        events.stop()
    assert not any(path.startswith((".caseview", "failed")) for path in seen)


def test_a_folder_that_cannot_be_watched_says_why(tmp_path: Path) -> None:
    with pytest.raises(FileEventsUnavailable, match="cannot watch"):
        FileEvents(tmp_path / "missing", print, print)


def test_refreshing_one_new_file_reads_only_that_file(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    (seed_corpus / "zyzzyva.txt").write_text("The zyzzyva memo arrived late.", "utf-8")
    report = workspace.refresh_paths(["zyzzyva.txt"])
    assert report.indexed == ["zyzzyva.txt"] and report.unchanged == 0 and report.removed == []
    assert workspace.corpus_index.files_read == 1
    assert [hit.doc_id for hit in workspace.search("zyzzyva").hits] == ["zyzzyva.txt"]
    assert len(workspace.documents()) == 6


def test_refreshing_a_removed_file_drops_it_and_keeps_the_rest(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    gone = sorted(seed_corpus.glob("*.txt"))[1]
    gone.unlink()
    report = workspace.refresh_paths([gone.name])
    assert report.removed == [gone.name] and report.indexed == []
    assert workspace.corpus_index.files_read == 0
    assert len(workspace.documents()) == 4


def test_a_changed_meta_file_rereads_its_document(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    target = sorted(seed_corpus.glob("*.txt"))[0]
    meta = target.with_name(target.name + ".meta.json")
    meta.write_text('{"title": "A renamed memo"}', "utf-8")
    report = workspace.refresh_paths([meta.name])
    assert report.indexed == [target.name] and report.unchanged == 0


def test_an_unchanged_file_is_not_read_again(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    target = sorted(seed_corpus.glob("*.txt"))[0]
    report = workspace.refresh_paths([target.name])
    assert report.indexed == [] and report.unchanged == 1
    assert workspace.corpus_index.files_read == 0


def test_a_file_through_a_linked_folder_is_not_indexed(seed_corpus: Path, tmp_path: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("zyzzyva secrets", "utf-8")
    (seed_corpus / "linked").symlink_to(outside)
    report = workspace.refresh_paths(["linked/secret.txt"])
    assert report.indexed == []
    assert workspace.search("zyzzyva").hits == []
