"""Annotation changes as undoable steps of the workspace's session history.

A step remembers an annotation before and after a change (None = did not exist / deleted). Undo
applies the change back *through the store*, based on the revision the session last wrote, so an
undo is merged like any edit: if someone else changed the annotation meanwhile, nothing is lost
(their edit wins over an undone add, or both versions are kept). The history itself (the order of
steps of every kind) is the workspace's; this module only has the annotation's step type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from caseview.annotations.merge import OutcomeKind
from caseview.annotations.model import Annotation
from caseview.kernel.undo import Reverted, StepKind, short_quote

#: Merge outcomes of an undo that did not go quite as asked, worth a word in the status line.
_NOTEWORTHY = ("kept-edit", "conflict")


@dataclass(frozen=True)
class Step:
    action: str
    doc_id: str
    annotation_id: str
    before: Annotation | None
    after: Annotation | None


@dataclass(frozen=True)
class Reversal:
    """What undoing or redoing a step did: how the merge went, and the step that reverses it again."""

    outcome: OutcomeKind
    message: str
    step: Step


class AnnotationReverter(Protocol):
    """What an annotation step undoes itself through (the annotation service)."""

    def undo_step(self, step: Step) -> Reversal: ...

    def redo_step(self, step: Step) -> Reversal: ...


@dataclass(frozen=True)
class AnnotationStep:
    """An annotation change as a step of the workspace's session history (:class:`caseview.kernel.undo.Undoable`)."""

    service: AnnotationReverter
    step: Step

    @property
    def kind(self) -> StepKind:
        return "annotation"

    @property
    def description(self) -> str:
        return describe_step(self.step)

    def undo(self) -> Reverted:
        return self._reverted(self.service.undo_step(self.step))

    def redo(self) -> Reverted:
        return self._reverted(self.service.redo_step(self.step))

    def _reverted(self, reversal: Reversal) -> Reverted:
        note = reversal.message if reversal.outcome in _NOTEWORTHY else ""
        return Reverted(AnnotationStep(self.service, reversal.step), note, (self.step.doc_id,))


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
