"""Background tracing of the corpus's provenance: whom each document cites, who rewrites whom.

A non-visual widget like the indexer: after each refresh of the index it reads the documents in a
worker and posts :class:`~caseview.tui.messages.ProvenanceReady`; the screen hands the report to the
panes that mark rewrites, relays and origins (issue 16). At thousands of documents this takes
seconds, which is why nothing waits for it: the marks appear when it is done.

Traces coalesce: a thread worker cannot be stopped once it reads the corpus, so a request made while
one runs only marks it stale; the running trace then traces once more before it posts. However many
refreshes arrive during a trace, at most one trace runs and at most one more follows it.
"""

from __future__ import annotations

import threading

from textual.widget import Widget

from caseview.tui.messages import ProvenanceReady
from caseview.tui.workers import start_worker
from caseview.workspace import Workspace


class ProvenanceTracer(Widget):
    """Runs the provenance analysis; shows nothing itself."""

    DEFAULT_CSS = "ProvenanceTracer { display: none; }"

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        #: How many traces have started since the app opened (each reads every document).
        self.traces_started = 0
        #: Guards the two flags below, which the worker's thread and the app's thread both change
        #: (named apart from the widget's own attributes).
        self._trace_lock = threading.Lock()
        self._trace_running = False
        self._trace_stale = False

    def trace(self) -> None:
        """Analyse the corpus as it is now (while a trace runs: once more after it, not alongside)."""
        with self._trace_lock:
            if self._trace_running:
                self._trace_stale = True
                return
            self._trace_running = True
        workspace = self.workspace

        def job() -> None:
            try:
                while True:
                    with self._trace_lock:
                        self._trace_stale = False
                        self.traces_started += 1
                    report = workspace.provenance()
                    with self._trace_lock:
                        if self._trace_stale:
                            continue  # the corpus changed while it was read: this report is old
                        self._trace_running = False
                    self.post_message(ProvenanceReady(report))
                    return
            finally:
                with self._trace_lock:
                    self._trace_running = False

        start_worker(self, job, name="trace the sources' provenance", group="provenance")
