"""Background loading of the corpus: the index brought up to date, then entities and events.

A non-visual widget that hosts the long workers: they report progress at most every
:data:`PROGRESS_INTERVAL_S`, stop posting when cancelled (a newer refresh replaced them), and
hand the screen finished rows; the screen routes them to the panes.
"""

from __future__ import annotations

import time

from textual.widget import Widget
from textual.worker import get_current_worker

from caseview.search import IndexBusy
from caseview.tui.gc_policy import CollectorPolicy
from caseview.tui.messages import (
    ExtractionProgress,
    ExtractionReady,
    ExtractionUnavailable,
    IndexProgress,
    IndexReady,
    ReviewCount,
)
from caseview.tui.rows import annotation_counts, load_extraction
from caseview.tui.widgets.panes.sources import source_changes, source_rows
from caseview.tui.workers import start_worker
from caseview.workspace import Workspace
from caseview.workspace.health import damaged_files

#: At most this often the progress is reported to the screen.
PROGRESS_INTERVAL_S = 0.1


class Indexer(Widget):
    """Runs indexing, extraction and the review count; shows nothing itself."""

    DEFAULT_CSS = "Indexer { display: none; }"

    def __init__(self, workspace: Workspace, collector: CollectorPolicy) -> None:
        super().__init__()
        self.workspace = workspace
        self.collector = collector

    def refresh_index(self, paths: tuple[str, ...] | None = None) -> None:
        """Bring the index up to date with the folder (with ``paths``: with just those files, which
        the watcher saw change), then post the documents and their rows."""
        workspace = self.workspace

        def job() -> None:
            worker = get_current_worker()
            last_report = 0.0

            def progress(done: int, total: int, current: str) -> None:
                nonlocal last_report
                now = time.monotonic()
                if not worker.is_cancelled and (done >= total or now - last_report >= PROGRESS_INTERVAL_S):
                    last_report = now
                    self.post_message(IndexProgress(done, total, current))

            report = None
            problem = None
            with self.collector.loading():
                try:
                    report = workspace.refresh(progress) if paths is None else workspace.refresh_paths(paths)
                except IndexBusy as error:
                    problem = f"{error}; searching the index as it is"
                if worker.is_cancelled:
                    return
                # After the watcher's few files: their rows alone (the whole list takes seconds at 200,000).
                changes = source_changes(workspace, report) if paths is not None and report is not None else None
                documents = workspace.documents() if changes is None else []
                rows = source_rows(documents, annotation_counts(workspace)) if changes is None else []
                needs_review = len(workspace.review_queue())
                damaged = [
                    p.message
                    for p in damaged_files(workspace.annotation_service, workspace.root, workspace.derived_dir)
                ]
            if not worker.is_cancelled:
                self.post_message(IndexReady(report, documents, rows, needs_review, problem, damaged, changes))

        start_worker(self, job, name="update the search index", group="index", exclusive=True)

    def refresh_annotations(self, doc_ids: tuple[str, ...]) -> None:
        """Index the tags and notes of these documents, whose annotation files changed on disk (only
        those another program wrote are written: a caseview window indexes its own)."""
        workspace = self.workspace

        def job() -> None:
            workspace.refresh_annotations(doc_ids)

        start_worker(self, job, name="index the tags written elsewhere", group="index-annotations")

    def load_extraction(self) -> None:
        """Extract (or read from the cache) the corpus's entities and events."""
        workspace = self.workspace

        def job() -> None:
            worker = get_current_worker()
            last_report = 0.0

            def progress(done: int, total: int) -> None:
                nonlocal last_report
                now = time.monotonic()
                if not worker.is_cancelled and (done >= total or now - last_report >= PROGRESS_INTERVAL_S):
                    last_report = now
                    self.post_message(ExtractionProgress(done, total))

            try:
                with self.collector.loading():
                    extraction = load_extraction(workspace, progress)
            except Exception as error:
                self.post_message(ExtractionUnavailable(f"extraction failed: {type(error).__name__}: {error}"))
                return
            if not worker.is_cancelled:
                self.post_message(ExtractionReady(extraction))

        start_worker(self, job, name="extract entities and events", group="extract", exclusive=True)

    def count_review(self) -> None:
        workspace = self.workspace

        def job() -> None:
            self.post_message(ReviewCount(len(workspace.review_queue())))

        start_worker(self, job, name="count the annotations to review", group="review-count", exclusive=True)
