"""Undo and redo within a session: a stack of steps, each a change from one version to another.

A step remembers an annotation before and after a change (None = did not exist / deleted). Undo
applies the change back *through the store*, based on the revision the session last wrote, so an
undo is merged like any edit: if someone else changed the annotation meanwhile, nothing is lost
(their edit wins over an undone add, or both versions are kept).
"""

from __future__ import annotations

from dataclasses import dataclass

from caseview.annotations.model import Annotation


@dataclass(frozen=True)
class Step:
    action: str
    doc_id: str
    annotation_id: str
    before: Annotation | None
    after: Annotation | None


class History:
    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    def record(self, step: Step) -> None:
        """A new change: it can be undone; whatever was undone before can no longer be redone."""
        self._undo.append(step)
        del self._undo[:-self.limit]
        self._redo.clear()

    def pop_undo(self) -> Step | None:
        return self._undo.pop() if self._undo else None

    def pop_redo(self) -> Step | None:
        return self._redo.pop() if self._redo else None

    def push_undone(self, step: Step) -> None:
        self._redo.append(step)

    def push_redone(self, step: Step) -> None:
        self._undo.append(step)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)
