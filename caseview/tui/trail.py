"""A trail: the places ``n`` and ``N`` step through — search hits, an entity's mentions, an event's evidence."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

TrailKind = Literal["hit", "mention", "evidence", "passage"]
_NOUNS = {"hit": "hit", "mention": "mention", "evidence": "evidence", "passage": "passage"}


@dataclass(frozen=True)
class Mark:
    """One place in one document (offsets into ``Document.text``)."""

    doc_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Trail:
    """Marks in reading order and the one the reader is at; may cross documents (an entity's mentions)."""

    kind: TrailKind
    label: str
    marks: tuple[Mark, ...]
    position: int = 0

    @property
    def current(self) -> Mark | None:
        return self.marks[self.position] if self.marks else None

    def step(self, delta: int) -> Trail:
        """The trail moved ``delta`` marks on, wrapping around at either end."""
        if not self.marks:
            return self
        return replace(self, position=(self.position + delta) % len(self.marks))

    def at(self, position: int) -> Trail:
        return replace(self, position=max(0, min(position, len(self.marks) - 1)))

    def marks_in(self, doc_id: str) -> list[Mark]:
        return [mark for mark in self.marks if mark.doc_id == doc_id]

    def describe(self) -> str:
        """``hit 2 of 7 · "supply chain risk"`` for the reader's header."""
        if not self.marks:
            return f"no {_NOUNS[self.kind]}s · {self.label}"
        return f"{_NOUNS[self.kind]} {self.position + 1} of {len(self.marks)} · {self.label}"
