"""Functions run in separate processes by the concurrency tests (importable for multiprocessing spawn)."""

from __future__ import annotations

from pathlib import Path

from caseview.annotations.model import Creator
from caseview.annotations.service import AnnotationService


def add_many(root: str, doc_id: str, worker: int, count: int) -> int:
    """Add ``count`` annotations, each on its own span, tagged with the worker number."""
    service = AnnotationService(Path(root), creator=Creator(name=f"process {worker}"))
    for index in range(count):
        start = (worker * count + index) * 3 % 3000
        service.add_span(doc_id, start, start + 20, tags=[f"worker-{worker}"], note=f"note {index}")
    return count


def add_forever(root: str, doc_id: str, started) -> None:  # type: ignore[no-untyped-def]
    """Keep adding annotations until killed; ``started`` is set after the first one is on disk."""
    service = AnnotationService(Path(root), creator=Creator(name="doomed writer"))
    index = 0
    while True:
        start = index * 7 % 3000
        service.add_span(doc_id, start, start + 15, tags=["crash-test"], note="x" * 200)
        started.set()
        index += 1
