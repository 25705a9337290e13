"""Background tracing of the corpus's provenance: whom each document cites, who rewrites whom.

A non-visual widget like the indexer: after each refresh of the index it reads the documents in a
worker and posts :class:`~caseview.tui.messages.ProvenanceReady`; the screen hands the report to the
panes that mark rewrites, relays and origins (issue 16). At thousands of documents this takes
seconds, which is why nothing waits for it: the marks appear when it is done.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.worker import get_current_worker

from caseview.tui.messages import ProvenanceReady
from caseview.tui.workers import start_worker
from caseview.workspace import Workspace


class ProvenanceTracer(Widget):
    """Runs the provenance analysis; shows nothing itself."""

    DEFAULT_CSS = "ProvenanceTracer { display: none; }"

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace

    def trace(self) -> None:
        """Analyse the corpus as it is now (a newer call cancels one still running)."""
        workspace = self.workspace

        def job() -> None:
            report = workspace.provenance()
            if not get_current_worker().is_cancelled:
                self.post_message(ProvenanceReady(report))

        start_worker(self, job, name="trace the sources' provenance", group="provenance", exclusive=True)
