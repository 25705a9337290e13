"""Undo and redo of the analyst's last change, whatever it was (annotation, case file, entity correction).

A non-visual widget: ctrl+z / ctrl+y run ``Workspace.undo()`` / ``redo()`` in a worker, which posts
``ChangeDone`` naming what to show again (or ``ChangeFailed``).
"""

from __future__ import annotations

from textual.widget import Widget

from caseview.tui.messages import ChangeDone, ChangeFailed, Reload
from caseview.tui.workers import start_worker
from caseview.workspace import Workspace
from caseview.workspace.history import UndoResult


def reloads_after(result: UndoResult) -> frozenset[Reload]:
    """What to show again after an undo or redo of ``result``."""
    reload: set[Reload] = {"review"}
    if "annotation" in result.kinds or result.doc_ids:
        reload |= {"annotations", "counts"}
    if "case" in result.kinds:
        reload.add("case")
    if "entities" in result.kinds:
        reload |= {"entities", "case"}
    return frozenset(reload)


class History(Widget):
    """Runs undo and redo; shows nothing itself."""

    DEFAULT_CSS = "History { display: none; }"

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace

    def undo(self) -> None:
        self._step("undo")

    def redo(self) -> None:
        self._step("redo")

    def _step(self, action: str) -> None:
        workspace = self.workspace

        def job() -> None:
            try:
                result = workspace.undo() if action == "undo" else workspace.redo()
            except Exception as error:
                self.post_message(ChangeFailed(f"Could not {action}", str(error)))
                return
            if result is None:
                self.post_message(ChangeDone(f"Nothing to {action}", severity="warning"))
                return
            self.post_message(ChangeDone(result.message, reloads_after(result), tuple(result.doc_ids)))

        start_worker(self, job, name=action, group="changes")
