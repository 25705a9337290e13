"""Undo and redo, as workspace methods: one history for annotations, the case file and entities."""

from __future__ import annotations

from caseview.workspace.core import WorkspaceCore
from caseview.workspace.history import UndoResult


class UndoFacet(WorkspaceCore):
    """ctrl+z / ctrl+y: the most recent change of any kind made through this workspace."""

    def undo(self) -> UndoResult | None:
        """Undo this session's most recent change (None when there is none). ``result.message`` says
        what was undone ("undid: link #1 contradicts #2"); ``result.kinds`` which panes to reload.
        Merged with other windows' work: what they changed since is kept (``result.note`` says so)."""
        return self.history.undo()

    def redo(self) -> UndoResult | None:
        """Redo the most recently undone change (None when there is none); any new change clears redo."""
        return self.history.redo()

    @property
    def can_undo(self) -> bool:
        return self.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self.history.can_redo

    def undo_label(self) -> str | None:
        """What ``undo()`` would undo, in words (for the palette or a tooltip), or None."""
        return self.history.next_undo

    def redo_label(self) -> str | None:
        return self.history.next_redo
