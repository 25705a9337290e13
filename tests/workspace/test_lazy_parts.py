"""The workspace's parts are made on first use, once, even when threads ask together (ARCHITECTURE.md, "Start-up")."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from caseview.workspace import Workspace
from caseview.workspace.lazy import Lazy


def test_a_part_asked_for_by_many_threads_at_once_is_made_once() -> None:
    made: list[object] = []

    def build() -> object:
        time.sleep(0.05)  # long enough that every thread arrives while the first is still building
        part = object()
        made.append(part)
        return part

    lazy: Lazy[object] = Lazy(build)
    start = threading.Barrier(8)
    got: list[object] = []

    def ask() -> None:
        start.wait()
        got.append(lazy.get())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1 and lazy.made
    assert got == made * 8


def test_a_search_makes_no_service_and_a_tag_makes_the_annotation_service_only(tmp_path: Path) -> None:
    (tmp_path / "memo.txt").write_text("The lighthouse keeper wrote to the ministry.\n", encoding="utf-8")
    workspace = Workspace.open(tmp_path)  # the first index reads the document: its entity names are made
    workspace.close()
    workspace = Workspace.open(tmp_path)  # warm: nothing re-indexed
    try:
        parts = workspace._parts
        assert workspace.search("lighthouse").total == 1
        assert not any(
            holder.made
            for holder in (parts.annotation_service, parts.extraction_service, parts.entity_index, parts.cases)
        )
        workspace.annotate_quote("memo.txt", "lighthouse keeper", tags=["keeper"])
        assert parts.annotation_service.made and not parts.extraction_service.made and not parts.cases.made
        assert workspace.search("tag:keeper").total == 1
        assert workspace.case().view().items == () and parts.cases.made and parts.extraction_service.made
    finally:
        workspace.close()


def test_a_first_build_makes_the_annotation_service_only_for_a_document_with_an_annotation_file(
    tmp_path: Path,
) -> None:
    """Guards the build's per-document cost: a document without annotations is indexed without the
    annotation service; one whose annotation file is already there gets its tags at the first build."""
    (tmp_path / "memo.txt").write_text("The lighthouse keeper wrote to the ministry.\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("The ministry answered the keeper in May.\n", encoding="utf-8")
    workspace = Workspace.open(tmp_path)
    try:
        assert not workspace._parts.annotation_service.made
        workspace.annotate_quote("memo.txt", "lighthouse keeper", tags=["keeper"])
    finally:
        workspace.close()
    shutil.rmtree(tmp_path / ".caseview")  # derived data only: the annotation file stays beside the document
    workspace = Workspace.open(tmp_path)
    try:
        assert workspace._parts.annotation_service.made
        assert [hit.doc_id for hit in workspace.search("tag:keeper").hits] == ["memo.txt"]
    finally:
        workspace.close()
