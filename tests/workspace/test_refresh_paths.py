"""Refreshing a workspace re-indexes exactly what changed, and remembers it across processes."""

from __future__ import annotations

import os
from pathlib import Path

from caseview.workspace import Workspace
from caseview.workspace.core import DOCUMENT_CACHE_SIZE


def test_a_second_open_reindexes_nothing(seed_corpus: Path) -> None:
    Workspace.open(seed_corpus).close()
    again = Workspace.open(seed_corpus)
    assert again.last_report.indexed == [] and again.last_report.unchanged == 5
    assert len(again.documents()) == 5


def test_a_changed_file_is_reindexed_alone_and_found(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    target = sorted(seed_corpus.glob("*.txt"))[2]
    target.write_text(target.read_text("utf-8") + "\nzyzzyva appears here.", "utf-8")
    report = workspace.refresh()
    assert report.indexed == [target.name]
    assert [hit.doc_id for hit in workspace.search("zyzzyva").hits] == [target.name]


def test_a_touched_but_unchanged_file_is_not_reindexed(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    target = sorted(seed_corpus.glob("*.txt"))[0]
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 10**9))
    report = workspace.refresh()
    assert report.indexed == [] and report.unchanged == 4


def test_a_document_whose_annotation_file_was_saved_stays_in_the_index(seed_corpus: Path) -> None:
    """Saving a document's annotation file (the document itself unchanged) must not take the document
    out of the index: a refresh that read the file again once counted it as gone, so every second
    refresh lost it (and `caseview check` called its annotations orphaned)."""
    workspace = Workspace.open(seed_corpus)
    target = sorted(seed_corpus.glob("*.txt"))[1]
    workspace.annotate_quote(target.name, "Anthropic", 1, tags=["kept"])
    sidecar = target.with_name(target.name + ".annotations.json")
    for step in range(3):
        os.utime(sidecar, ns=(sidecar.stat().st_atime_ns, sidecar.stat().st_mtime_ns + 10**9))
        report = workspace.refresh()
        assert report.removed == [], step
        assert target.name in {info.id for info in workspace.documents()}, step
        assert target.name in {hit.doc_id for hit in workspace.search("tag:kept").hits}, step


def test_a_deleted_file_leaves_the_index_and_the_list(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    target = sorted(seed_corpus.glob("*.txt"))[1]
    target.unlink()
    report = workspace.refresh()
    assert report.removed == [target.name]
    assert target.name not in {info.id for info in workspace.documents()}
    assert target.name not in {hit.doc_id for hit in workspace.search("anthropic", limit=50).hits}


def test_a_lost_manifest_rebuilds_the_index_from_the_files(seed_corpus: Path) -> None:
    Workspace.open(seed_corpus).close()
    for path in (seed_corpus / ".caseview").glob("index-manifest.sqlite*"):
        path.unlink()
    extra = seed_corpus / "000_465b9804960b177b.txt"
    extra.unlink()  # removed while the manifest was missing: it must not linger in the index
    again = Workspace.open(seed_corpus)
    assert again.last_report.rebuilt_reason == "the index manifest was missing; re-indexed every document"
    assert len(again.last_report.indexed) == 4
    assert again.index.doc_count() == 4


def test_an_unreadable_file_is_skipped_until_it_changes(seed_corpus: Path) -> None:
    broken = seed_corpus / "broken.txt"
    broken.write_bytes(b"\x00\x01\x02binary")
    workspace = Workspace.open(seed_corpus)
    assert [warning.path for warning in workspace.last_report.skipped] == ["broken.txt"]
    again = workspace.refresh()
    assert [warning.path for warning in again.skipped] == ["broken.txt"]
    broken.write_text("Now readable about zyzzyva.", "utf-8")
    assert workspace.refresh().indexed == ["broken.txt"]


def test_reading_documents_keeps_only_a_bounded_number_in_memory(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    for info in workspace.documents():
        workspace.document(info.id)
    assert workspace.corpus_index.cached_documents <= min(5, DOCUMENT_CACHE_SIZE)


def test_a_first_search_answers_from_the_index_as_last_refreshed(seed_corpus: Path) -> None:
    Workspace.open(seed_corpus).close()
    target = sorted(seed_corpus.glob("*.txt"))[2]
    target.write_text(target.read_text("utf-8") + "\nzyzzyva appears here.", "utf-8")
    workspace = Workspace(seed_corpus)
    assert workspace.search("anthropic").total > 0
    assert workspace.search("zyzzyva").total == 0  # not scanned yet: that is what refresh() is for
    assert workspace.refresh().indexed == [target.name]
    assert workspace.search("zyzzyva").total == 1


def test_a_first_search_on_a_new_corpus_builds_its_index(seed_corpus: Path) -> None:
    workspace = Workspace(seed_corpus)
    assert workspace.search("anthropic").total > 0
    assert len(workspace.documents()) == 5


def test_only_a_refresh_of_the_whole_folder_counts_as_a_full_scan(seed_corpus: Path) -> None:
    # What the watch benchmark (and an analyst at 200,000 documents) relies on: after the first
    # refresh, a file watcher's refreshes look at their paths alone.
    workspace = Workspace.open(seed_corpus)
    assert workspace.corpus_index.full_scans == 1
    (seed_corpus / "new.txt").write_text("A zyzzyva note.", "utf-8")
    report = workspace.refresh_paths(["new.txt"])
    assert report.indexed == ["new.txt"] and workspace.corpus_index.full_scans == 1
    workspace.refresh()
    assert workspace.corpus_index.full_scans == 2
