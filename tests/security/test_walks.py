"""Walks never follow links to folders (issue 12, point 2): the change watcher's state token and
the corpus scan answer at once on a corpus with links to ``.`` and to ``/usr``."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from caseview.annotations.service import AnnotationService
from caseview.corpus import scan_corpus
from caseview.workspace import Workspace
from caseview.workspace.watching import Watcher

from .conftest import DOC, Layout


def _plant_loops(corpus: Path) -> None:
    (corpus / "loop-a").symlink_to(".", target_is_directory=True)
    (corpus / "loop-b").symlink_to(".", target_is_directory=True)
    (corpus / "usr").symlink_to("/usr", target_is_directory=True)
    sub = corpus / "sub"
    sub.mkdir()
    (sub / "up").symlink_to("..", target_is_directory=True)
    (sub / "inner.txt").write_text("an article in a real sub-folder\n", encoding="utf-8")


def _within(seconds: float, work: object) -> object:
    """Run ``work`` in a thread; fail (instead of hanging the suite) when it has not answered in time."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)  # type: ignore[operator]
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"no answer within {seconds} s: a walk followed a link to a folder"
    return result[0]


def test_the_state_token_does_not_follow_links_to_folders(layout: Layout) -> None:
    """Two links to ``.`` made ``state_token`` loop (no answer in 60 s) and a link to /usr made it
    walk /usr; now it answers at once and sees only the corpus's own files."""
    _plant_loops(layout.corpus)
    watcher = Watcher(layout.corpus)
    started = time.perf_counter()
    token = _within(10, watcher.state_token)
    assert time.perf_counter() - started < 2
    assert sorted(token.documents) == sorted(["other.txt", DOC, "sub/inner.txt"])  # type: ignore[attr-defined]
    (layout.corpus / "sub" / "inner.txt").write_text("changed\n", encoding="utf-8")
    changes = _within(10, lambda: watcher.changes_since(token))  # type: ignore[arg-type]
    assert changes.documents == ("sub/inner.txt",)  # type: ignore[attr-defined]


def test_the_corpus_scan_and_annotation_walk_skip_linked_folders(layout: Layout) -> None:
    """The scan names each link to a folder once and does not walk it; the walk for annotation
    files does not either; a workspace opens on such a corpus."""
    _plant_loops(layout.corpus)
    scan = _within(10, lambda: scan_corpus(layout.corpus))
    assert sorted(entry.doc_id for entry in scan.files) == sorted([DOC, "other.txt", "sub/inner.txt"])  # type: ignore[attr-defined]
    linked = {warning.path for warning in scan.warnings}  # type: ignore[attr-defined]
    assert {"loop-a", "loop-b", "usr", "sub/up"} <= linked
    service = AnnotationService(layout.corpus)
    assert _within(10, service.annotated_documents) == []
    workspace = _within(30, lambda: Workspace.open(layout.corpus))
    assert sorted(info.id for info in workspace.documents()) == sorted([DOC, "other.txt", "sub/inner.txt"])  # type: ignore[attr-defined]
