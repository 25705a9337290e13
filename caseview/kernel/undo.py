"""What every undoable change looks like, whatever part of caseview made it.

Annotations, the case file and entity corrections each record their changes as :class:`Undoable`
steps on one :class:`Recorder` (the workspace's session history), so one ctrl+z undoes the most
recent change of any kind. A step undoes itself *through its own store*, merged with what other
windows wrote meanwhile, and hands back the step that redoes it.

This module only names the shapes; it imports nothing of caseview, so every part can use it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Literal, Protocol

#: Which part of caseview a step belongs to (the TUI reloads the matching pane).
StepKind = Literal["annotation", "case", "entities", "group"]


@dataclass(frozen=True)
class Reverted:
    """What undoing (or redoing) a step did: the step that reverses it again, and what to tell the analyst."""

    step: Undoable
    #: Empty when it went as asked; otherwise why it did not quite (e.g. "kept: edited elsewhere since").
    note: str = ""
    #: Documents whose annotations changed (their reader view and search entry need a reload).
    doc_ids: tuple[str, ...] = ()


class Undoable(Protocol):
    """One change that can be undone and redone."""

    @property
    def kind(self) -> StepKind: ...

    @property
    def description(self) -> str:
        """The change in a few words, for the status line: "tag 'designation' on 003…"."""
        ...

    def undo(self) -> Reverted: ...

    def redo(self) -> Reverted: ...


class Recorder(Protocol):
    """Where a part of caseview records its undoable changes (the workspace's session history)."""

    def record(self, step: Undoable) -> None: ...

    def group(self, description: str | None = None) -> AbstractContextManager[None]:
        """Steps recorded inside are undone and redone as one (e.g. annotate + add to the case)."""
        ...


def short_quote(text: str, limit: int = 40) -> str:
    """Text quoted on one line for a step's description, cut at ``limit`` characters: “Several agencies…”."""
    flat = " ".join(text.split())
    return "“" + (flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…") + "”"
