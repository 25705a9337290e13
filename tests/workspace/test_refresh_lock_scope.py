"""Change detection (issue 17, point 1): the refresh scans without the cross-process refresh lock,
so a writer in another process never waits behind the scan; and a file edited in place (its
folder's mtime unchanged) is still noticed by the next refresh."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

import caseview.workspace.core
from caseview.corpus.loader import StampScan
from caseview.workspace.core import CorpusIndex
from caseview.workspace.ingest import RefreshPlan

WAIT_S = 120  # a bound on a condition (the other process got there), never a measure of speed


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _corpus(root: Path) -> Path:
    for number in range(30):
        _write(root / f"folder{number % 3}" / f"note{number}.txt", f"Paragraph {number} about harbour cranes.\n")
    return root


@dataclass(frozen=True)
class PausedRefresh:
    """Another caseview process whose refresh has stopped at a point (``paused`` set) until let go."""

    paused: Event
    result: Any  # a multiprocessing Queue: what its refresh reported


@contextmanager
def _paused_refresh(target: Callable[[str, Event, Event, Any], None], root: Path) -> Iterator[PausedRefresh]:
    """Run ``target`` in a new process, wait until it pauses, let it go and check it ended well."""
    context = multiprocessing.get_context("spawn")
    paused, release, result = context.Event(), context.Event(), context.Queue()
    other = context.Process(target=target, args=(str(root), paused, release, result))
    other.start()
    try:
        assert paused.wait(WAIT_S), "the other process never got to its pause"
        yield PausedRefresh(paused, result)
    finally:
        release.set()
        other.join(WAIT_S)
    assert other.exitcode == 0


def _refresh_paused_in_its_scan(root: str, scanning: Event, release: Event, result: Any) -> None:
    """Another caseview process: its refresh stops inside the folder scan until the test lets it go."""
    real_scan = caseview.workspace.core.scan_stamps

    def paused_scan(folder: Path, *rest: Any) -> StampScan:
        scanning.set()
        release.wait(WAIT_S)
        return real_scan(folder, *rest)

    caseview.workspace.core.scan_stamps = paused_scan  # type: ignore[assignment]
    index = CorpusIndex(Path(root))
    report = index.refresh()
    result.put(sorted(report.indexed))
    index.close()


def test_a_write_in_another_process_is_not_blocked_by_a_scan(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")
    writer = CorpusIndex(root)
    writer.refresh()
    _write(root / "folder1" / "note1.txt", "Paragraph 1, rewritten: about tugboats.\n")
    with _paused_refresh(_refresh_paused_in_its_scan, root) as scanner:
        # The write path takes the refresh lock without waiting (timeout 0): it gets it mid-scan.
        assert writer.reindex_or_defer(["folder0/note0.txt"]) is True
        assert writer.deferred == set()
    assert scanner.result.get(timeout=WAIT_S) == ["folder1/note1.txt"]
    writer.close()


def _refresh_paused_after_its_plan(root: str, planned: Event, release: Event, result: Any) -> None:
    """Another caseview process: its refresh stops once it has planned, before it takes the lock."""
    real_plan = caseview.workspace.core.plan_refresh
    calls: list[int] = []

    def paused_plan(*arguments: Any, **options: bool) -> RefreshPlan:
        plan = real_plan(*arguments, **options)
        calls.append(len(plan.to_read))
        if len(calls) == 1:
            planned.set()
            release.wait(WAIT_S)
        return plan

    caseview.workspace.core.plan_refresh = paused_plan  # type: ignore[assignment]
    index = CorpusIndex(Path(root))
    report = index.refresh()
    result.put((calls, sorted(report.indexed), index.files_read))
    index.close()


def test_files_another_process_indexed_meanwhile_are_not_read_again(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")
    first = CorpusIndex(root)
    first.refresh()
    _write(root / "folder2" / "note5.txt", "Paragraph 5, rewritten: about pilots.\n")
    with _paused_refresh(_refresh_paused_after_its_plan, root) as late:
        assert first.refresh().indexed == ["folder2/note5.txt"]
    # It planned one file, found under the lock that the manifest had moved on, planned again: nothing.
    assert late.result.get(timeout=WAIT_S) == ([1, 0], [], 0)
    first.close()


def test_a_file_edited_in_place_is_noticed_by_the_next_refresh(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")
    builder = CorpusIndex(root)
    builder.refresh()
    builder.close()
    folder = root / "folder2"
    before = folder.stat()
    target = folder / "note2.txt"
    with target.open("r+", encoding="utf-8") as handle:  # same file, same folder entry: rewritten in place
        handle.write("Paragraph 2 about dredgers and silt in the estuary.\n")
    os.utime(folder, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert folder.stat().st_mtime_ns == before.st_mtime_ns
    index = CorpusIndex(root)
    report = index.refresh()
    assert report.indexed == ["folder2/note2.txt"] and index.files_read == 1
    assert [hit.doc_id for hit in index.search("dredgers").hits] == ["folder2/note2.txt"]
    index.close()
