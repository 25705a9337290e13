"""Undoing an entity correction: take it out of ``caseview-entities.json`` (redo puts it back in place).

Corrections are re-applied in order on every extraction run, so removing one is its exact inverse.
The file is changed under its lock (:func:`caseview.extract.corrections.remove_correction`), so
corrections another window made meanwhile stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from caseview.extract.corrections import Withdrawn
from caseview.extract.models import Correction
from caseview.kernel.undo import Reverted, StepKind


class CorrectionReverter(Protocol):
    """What a correction step undoes itself through (the extraction service)."""

    def withdraw(self, correction_id: str) -> Withdrawn: ...

    def restore(self, correction: Correction, after_id: str | None) -> bool: ...


@dataclass(frozen=True)
class CorrectionStep:
    """An entity correction as a step of the workspace's session history (:class:`caseview.kernel.undo.Undoable`)."""

    service: CorrectionReverter
    correction: Correction
    description: str
    #: The correction it came after, so a redo puts it back in the same place (None: the first).
    after_id: str | None = None

    @property
    def kind(self) -> StepKind:
        return "entities"

    def undo(self) -> Reverted:
        withdrawn = self.service.withdraw(self.correction.id)
        note = "" if withdrawn.correction is not None else "it had already been taken back elsewhere"
        return Reverted(CorrectionStep(self.service, self.correction, self.description, withdrawn.after_id), note)

    def redo(self) -> Reverted:
        restored = self.service.restore(self.correction, self.after_id)
        note = "" if restored else "it was there already"
        return Reverted(CorrectionStep(self.service, self.correction, self.description, self.after_id), note)
