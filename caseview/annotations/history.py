"""Undo and redo within a session: a stack of steps, each a change from one version to another.

A step remembers an annotation before and after a change (None = did not exist / deleted). Undo
applies the change back *through the store*, based on the revision the session last wrote, so an
undo is merged like any edit: if someone else changed the annotation meanwhile, nothing is lost
(their edit wins over an undone add, or both versions are kept).

Inside a workspace the steps go to its session history instead (one undo across annotations, the
case file and entity corrections), wrapped as :class:`AnnotationStep`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from caseview.annotations.model import Annotation
from caseview.kernel.undo import Reverted, StepKind, short_quote

if TYPE_CHECKING:
    from caseview.annotations.service import AnnotationService

#: Merge outcomes of an undo that did not go quite as asked, worth a word in the status line.
_NOTEWORTHY = ("kept-edit", "conflict")


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
        del self._undo[: -self.limit]
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


@dataclass(frozen=True)
class AnnotationStep:
    """An annotation change as a step of the workspace's session history (:class:`caseview.kernel.undo.Undoable`)."""

    service: AnnotationService
    step: Step

    @property
    def kind(self) -> StepKind:
        return "annotation"

    @property
    def description(self) -> str:
        return describe_step(self.step)

    def undo(self) -> Reverted:
        result, back = self.service.undo_step(self.step)
        note = result.message if result.outcome in _NOTEWORTHY else ""
        return Reverted(AnnotationStep(self.service, back), note, (self.step.doc_id,))

    def redo(self) -> Reverted:
        result, back = self.service.redo_step(self.step)
        note = result.message if result.outcome in _NOTEWORTHY else ""
        return Reverted(AnnotationStep(self.service, back), note, (self.step.doc_id,))


def describe_step(step: Step) -> str:
    """The change in words: ``tag 'designation' on “the supply chain…” (003_….txt)``."""
    shown = step.after or step.before
    if shown is None:
        return f"{step.action} annotation {step.annotation_id} ({step.doc_id})"
    where = f"on {short_quote(shown.quote.exact)} ({step.doc_id})"
    before, after = step.before, step.after
    if step.action == "add" and after is not None:
        if after.tags:
            return f"tag {_tags(after.tags)} {where}"
        return f"note {where}" if after.note else f"annotation {where}"
    if step.action == "delete":
        return f"delete {_tags(shown.tags) or 'annotation'} {where}"
    if step.action == "resolve":
        return f"settle the conflict {where}"
    if before is not None and after is not None:
        tags_changed, note_changed = before.tags != after.tags, before.note != after.note
        if tags_changed and not note_changed:
            return f"tags {_tags(before.tags) or '(none)'} → {_tags(after.tags) or '(none)'} {where}"
        if note_changed and not tags_changed:
            return f"note {where}"
    return f"edit annotation {where}"


def _tags(tags: tuple[str, ...]) -> str:
    return ", ".join(f"'{tag}'" for tag in tags)
