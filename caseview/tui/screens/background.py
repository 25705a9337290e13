"""Background work of the main screen: indexing, extraction and the case file, in thread workers."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from textual import work

from caseview.search import IndexBusy
from caseview.tui.features import FeatureUnavailable
from caseview.tui.messages import (
    CaseFileLoaded,
    ExtractionProgress,
    ExtractionReady,
    ExtractionUnavailable,
    IndexProgress,
    IndexReady,
)
from caseview.tui.screens.base import MainScreenBase
from caseview.tui.widgets.panes import CasePane, EntitiesPane, EventsPane, source_rows

#: At most this often the indexing progress is reported to the screen.
PROGRESS_INTERVAL_S = 0.1


class _Loading:
    """While workers load the corpus, the cyclic garbage collector waits; what they made is then set aside.

    Loading 10,000 documents' rows and entities makes over a million long-lived objects, and each
    full collection over them stops every thread, the UI's too, for up to two seconds. So the
    collector is off while any loading worker runs (there is little cyclic garbage to miss), and
    afterwards everything alive is frozen (``gc.freeze``): it lives as long as the corpus is open,
    and later collections need not scan it again.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._collector_was_enabled = True

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._running == 0:
                self._collector_was_enabled = gc.isenabled()
                gc.disable()
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                gc.freeze()
                if self._running == 0 and self._collector_was_enabled:
                    gc.enable()


loading = _Loading()


class BackgroundWork(MainScreenBase):
    """Brings the index up to date, then loads entities, events and the case file; panes fill as they come."""

    def action_reindex(self) -> None:
        self.status.change(index="updating…", index_busy=True)
        self.refresh_index()

    @work(thread=True, exclusive=True, group="index")
    def refresh_index(self) -> None:
        last_report = 0.0

        def progress(done: int, total: int, current: str) -> None:
            nonlocal last_report
            now = time.monotonic()
            if done >= total or now - last_report >= PROGRESS_INTERVAL_S:
                last_report = now
                self.post_message(IndexProgress(done, total, current))

        report = None
        problem = None
        with loading():
            try:
                report = self.workspace.refresh(progress)
            except IndexBusy as error:
                problem = f"{error}; searching the index as it is"
            except Exception as error:
                problem = f"could not update the index: {type(error).__name__}: {error}"
            documents = self.workspace.documents()
            rows = source_rows(documents, self.features.annotation_counts())
            needs_review = self.features.needs_review_count()
        self.post_message(IndexReady(report, documents, rows, needs_review, problem))

    def on_index_progress(self, message: IndexProgress) -> None:
        percent = f" ({message.done * 100 // message.total}%)" if message.total else ""
        self.status.change(index=f"indexing {message.done:,}/{message.total:,}{percent}", index_busy=True)

    def on_index_ready(self, message: IndexReady) -> None:
        self.index_ready = True
        self.doc_titles = {info.id: info.title or info.id for info in message.documents}
        self.sources.set_documents(message.rows, empty=message.problem)
        report = message.report
        state = message.problem or "up to date"
        self.status.change(
            documents=len(message.documents),
            index=state,
            index_busy=bool(message.problem),
            needs_review=message.needs_review,
            warnings=len(report.skipped) if report else 0,
        )
        if report is not None and report.rebuilt_reason:
            self.notify(report.rebuilt_reason, title="Search index", markup=False)
        if message.problem:
            self.notify(message.problem, title="Search index", severity="warning", markup=False)
        if report is not None and report.skipped:
            listed = "\n".join(str(warning) for warning in report.skipped[:3])
            more = f"\n… and {len(report.skipped) - 3} more" if len(report.skipped) > 3 else ""
            self.notify(listed + more, title=f"{len(report.skipped)} files skipped", severity="warning", markup=False)
        self.status.change(extraction="extracting entities…" if self.features.has_extraction else "entities n/a")
        self.call_after_refresh(gc.freeze)  # the rows' widgets and caches live as long as the corpus is open
        self.load_extraction()
        self.load_case_file()

    # -- extraction and case file --------------------------------------------------------------
    @work(thread=True, exclusive=True, group="extract")
    def load_extraction(self) -> None:
        last_report = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last_report
            now = time.monotonic()
            if done >= total or now - last_report >= PROGRESS_INTERVAL_S:
                last_report = now
                self.post_message(ExtractionProgress(done, total))

        try:
            with loading():
                extraction = self.features.load_extraction(progress)
        except FeatureUnavailable as error:
            self.post_message(ExtractionUnavailable(f"{error}; the entities and events panes fill in when it is."))
            return
        except Exception as error:
            self.post_message(ExtractionUnavailable(f"extraction failed: {type(error).__name__}: {error}"))
            return
        self.post_message(ExtractionReady(extraction))

    def on_extraction_progress(self, message: ExtractionProgress) -> None:
        if message.total:
            self.status.change(extraction=f"extracting entities {message.done:,}/{message.total:,}")

    def on_extraction_ready(self, message: ExtractionReady) -> None:
        extraction = message.extraction
        self.extraction = extraction
        self.query_one(EntitiesPane).set_entities(extraction.entities)
        self.query_one(EventsPane).set_events(extraction.events, self.doc_titles)
        if self.reader.document_id:
            self.reader.set_mentions(extraction.mentions_by_doc.get(self.reader.document_id, ()))
        self.status.change(extraction=f"{len(extraction.entities):,} entities · {len(extraction.events):,} events")
        self.refresh_bindings()
        self.call_after_refresh(gc.freeze)

    def on_extraction_unavailable(self, message: ExtractionUnavailable) -> None:
        self.query_one(EntitiesPane).set_unavailable(message.reason)
        self.query_one(EventsPane).set_unavailable(message.reason)
        self.status.change(extraction="entities n/a")

    @work(thread=True, exclusive=True, group="case")
    def load_case_file(self) -> None:
        try:
            self.post_message(CaseFileLoaded(self.features.case_rows()))
        except FeatureUnavailable as error:
            self.post_message(CaseFileLoaded(None, f"{error}; it comes with annotations and the case file."))
        except Exception as error:
            self.post_message(CaseFileLoaded(None, f"the case file could not be read: {error}"))

    def on_case_file_loaded(self, message: CaseFileLoaded) -> None:
        case = self.query_one(CasePane)
        if message.rows is None:
            case.set_unavailable(message.reason or "")
        else:
            case.set_items(message.rows)
