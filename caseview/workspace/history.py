"""One undo/redo history for a session, across annotations, the case file and entity corrections.

Each part of caseview records its changes here as :class:`~caseview.kernel.undo.Undoable` steps, so
``undo()`` reverts the most recent change of any kind. Steps undo themselves through their own
stores, merged with whatever other windows wrote meanwhile; this module only keeps the order.

Thread-safe: the TUI changes things from worker threads. A step is undone *outside* the history's
lock (it takes its store's lock, and stores record new steps under theirs), so the two never wait
on each other. Groups are per thread: a group opened by one worker never swallows another's steps.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

from caseview.kernel.undo import Reverted, StepKind, Undoable

#: How many steps a session remembers.
HISTORY_LIMIT = 500


@dataclass(frozen=True)
class GroupStep:
    """Several steps made by one action (annotate a passage and add it to the case), undone as one."""

    steps: tuple[Undoable, ...]
    label: str | None = None

    @property
    def kind(self) -> StepKind:
        return "group"

    @property
    def description(self) -> str:
        return self.label or self.steps[-1].description

    @property
    def kinds(self) -> frozenset[StepKind]:
        return frozenset(kind for step in self.steps for kind in kinds_of(step))

    def undo(self) -> Reverted:
        return self._revert([step.undo for step in reversed(self.steps)], reverse=True)

    def redo(self) -> Reverted:
        return self._revert([step.redo for step in self.steps], reverse=False)

    def _revert(self, actions: list[Callable[[], Reverted]], reverse: bool) -> Reverted:
        done: list[Reverted] = [action() for action in actions]
        steps = [each.step for each in done]
        if reverse:
            steps.reverse()
        notes = [each.note for each in done if each.note]
        doc_ids = tuple(dict.fromkeys(doc_id for each in done for doc_id in each.doc_ids))
        return Reverted(GroupStep(tuple(steps), self.label), "; ".join(notes), doc_ids)


def kinds_of(step: Undoable) -> frozenset[StepKind]:
    """The parts of caseview a step changes (a group: those of its members)."""
    return step.kinds if isinstance(step, GroupStep) else frozenset({step.kind})


@dataclass(frozen=True)
class UndoResult:
    """What ``Workspace.undo()`` / ``redo()`` did, for the status line and to know which panes to reload."""

    action: Literal["undo", "redo"]
    description: str
    #: Empty when it went as asked; otherwise why not quite ("kept: edited elsewhere since").
    note: str
    #: What changed: "annotation", "case", "entities".
    kinds: frozenset[StepKind]
    #: Documents whose annotations changed.
    doc_ids: tuple[str, ...]

    @property
    def message(self) -> str:
        """``undid: tag 'designation' on …`` (plus the note, when there is one)."""
        verb = "undid" if self.action == "undo" else "redid"
        return f"{verb}: {self.description}" + (f" ({self.note})" if self.note else "")


class SessionHistory:
    """The undo and redo stacks of one workspace session (a :class:`~caseview.kernel.undo.Recorder`)."""

    def __init__(self, limit: int = HISTORY_LIMIT) -> None:
        self.limit = limit
        self._undo: list[Undoable] = []
        self._redo: list[Undoable] = []
        self._lock = threading.Lock()
        self._local = threading.local()

    def _open_groups(self) -> list[list[Undoable]]:
        groups = getattr(self._local, "groups", None)
        if groups is None:
            groups = self._local.groups = []
        return groups

    def record(self, step: Undoable) -> None:
        """A new change: it can be undone, and what was undone before can no longer be redone."""
        groups = self._open_groups()
        if groups:
            groups[-1].append(step)
            return
        with self._lock:
            self._undo.append(step)
            del self._undo[: -self.limit]
            self._redo.clear()

    @contextmanager
    def group(self, description: str | None = None) -> Iterator[None]:
        """Steps recorded inside (on this thread) become one step; nested groups join the outer one.
        Without a description the group is described by its last step."""
        groups = self._open_groups()
        groups.append([])
        try:
            yield
        finally:
            steps = groups.pop()
            if len(steps) == 1 and description is None:
                self.record(steps[0])
            elif steps:
                self.record(GroupStep(tuple(steps), description))

    def undo(self) -> UndoResult | None:
        """Undo the most recent change (None when there is none). When undoing fails (a file is
        locked or unreadable) the step stays on the stack and the error propagates."""
        return self._move(self._undo, self._redo, "undo")

    def redo(self) -> UndoResult | None:
        return self._move(self._redo, self._undo, "redo")

    def _move(
        self, source: list[Undoable], target: list[Undoable], action: Literal["undo", "redo"]
    ) -> UndoResult | None:
        with self._lock:
            if not source:
                return None
            step = source.pop()
        try:
            reverted = step.undo() if action == "undo" else step.redo()
        except BaseException:
            with self._lock:
                source.append(step)
            raise
        with self._lock:
            target.append(reverted.step)
        return UndoResult(action, step.description, reverted.note, kinds_of(step), reverted.doc_ids)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def next_undo(self) -> str | None:
        """What ``undo()`` would undo, in words (for a menu or the palette), or None."""
        with self._lock:
            return self._undo[-1].description if self._undo else None

    @property
    def next_redo(self) -> str | None:
        with self._lock:
            return self._redo[-1].description if self._redo else None
