"""Undoing a change to a case: put the records it touched back as they were, as a merged change.

A change is remembered as the records it touched (header, sections, items, links), each before
and after. Undoing it is itself an ordinary change saved through the store: its base holds the
records as the change left them and its own version holds them as they were before, so the
store's three-way merge keeps whatever another window changed meanwhile (a record edited elsewhere
since is not deleted; a field edited elsewhere keeps that edit, or both values as a conflict).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

from caseview.casefile.model import (
    CaseFile,
    CaseHeader,
    CaseItem,
    Link,
    Section,
    Tombstone,
    _Record,
    new_rev,
    utc_now,
)
from caseview.casefile.store import SavedCase
from caseview.kernel.undo import Reverted, StepKind

RecordKind = Literal["header", "section", "item", "link"]
CaseRecord = CaseHeader | Section | CaseItem | Link
_COLLECTIONS: dict[RecordKind, str] = {"section": "sections", "item": "items", "link": "links"}
#: Fields that say nothing about a record's content (compared when checking an undo went as asked).
_BOOKKEEPING = {"created", "modified", "rev", "conflicts"}


@dataclass(frozen=True)
class RecordChange:
    """One record a change touched: as it was before (None: it did not exist) and after (None: deleted)."""

    kind: RecordKind
    id: str
    before: CaseRecord | None
    after: CaseRecord | None


# -- pure functions ----------------------------------------------------------------------------------
def record(case: CaseFile, kind: RecordKind, record_id: str) -> CaseRecord | None:
    if kind == "header":
        return case.header
    return next((r for r in getattr(case, _COLLECTIONS[kind]) if r.id == record_id), None)


def touched_records(base: CaseFile, mine: CaseFile) -> list[tuple[RecordKind, str]]:
    """The records that differ between two versions of a case (added, changed or deleted)."""
    keys: list[tuple[RecordKind, str]] = []
    if base.header.rev != mine.header.rev:
        keys.append(("header", base.header.id))
    for kind, attribute in _COLLECTIONS.items():
        old = {r.id: r.rev for r in getattr(base, attribute)}
        new = {r.id: r.rev for r in getattr(mine, attribute)}
        keys += [
            (kind, record_id) for record_id in dict.fromkeys([*old, *new]) if old.get(record_id) != new.get(record_id)
        ]
    return keys


def record_changes(
    keys: Iterable[tuple[RecordKind, str]], before: CaseFile, after: CaseFile
) -> tuple[RecordChange, ...]:
    """The records named by ``keys`` in two versions of a case, leaving out those that did not change."""
    changes = []
    for kind, record_id in keys:
        old, new = record(before, kind, record_id), record(after, kind, record_id)
        if (old.rev if old else None) != (new.rev if new else None):
            changes.append(RecordChange(kind, record_id, old, new))
    return tuple(changes)


def record_changes_of(base: CaseFile, mine: CaseFile, saved: SavedCase) -> tuple[RecordChange, ...]:
    """The records a change touched (base → mine), as they were on disk before it and as saved."""
    return record_changes(touched_records(base, mine), saved.previous, saved.merged)


def _with_record(case: CaseFile, kind: RecordKind, record_id: str, value: CaseRecord | None) -> CaseFile:
    if kind == "header":
        assert isinstance(value, CaseHeader)
        return case.model_copy(update={"header": value})
    attribute = _COLLECTIONS[kind]
    records = [r for r in getattr(case, attribute) if r.id != record_id]
    if value is not None:
        records.append(value)
    return case.model_copy(update={attribute: tuple(records)})


def reverting(current: CaseFile, changes: Iterable[RecordChange]) -> tuple[CaseFile, CaseFile]:
    """``(base, mine)`` for ``CaseStore.save`` that puts every record back as it was before the changes.

    A record the changes created is deleted (with a tombstone of the revision they made, so a version
    edited elsewhere since survives); one they deleted comes back with a new revision (so its old
    tombstone no longer applies); one they edited gets its old content back with a new revision. A
    section the changes created stays while items (someone else's, say) are still in it.
    """
    base, mine = current, current
    now = utc_now()
    new_sections: list[RecordChange] = []
    for change in changes:
        base = _with_record(base, change.kind, change.id, change.after)
        if change.before is not None:
            restored = change.before.model_copy(update={"rev": new_rev(), "modified": max(now, change.before.created)})
            mine = _with_record(mine, change.kind, change.id, restored)
        elif change.kind == "section":
            new_sections.append(change)
        elif change.after is not None:
            mine = _with_record(mine, change.kind, change.id, None)
            mine = _add_tombstone(mine, change.kind, change.after)
    for change in new_sections:
        if change.after is not None and not any(item.section == change.id for item in mine.items):
            mine = _with_record(mine, "section", change.id, None)
            mine = _add_tombstone(mine, "section", change.after)
    return base, mine


def _add_tombstone(case: CaseFile, kind: RecordKind, gone: _Record) -> CaseFile:
    assert kind != "header"
    tombstone = Tombstone(id=gone.id, kind=kind, rev=gone.rev, deleted=utc_now())
    return case.model_copy(update={"tombstones": (*case.tombstones, tombstone)})


def same_content(one: CaseRecord | None, other: CaseRecord | None) -> bool:
    """Whether two versions of a record say the same (revisions and times aside)."""
    if one is None or other is None:
        return one is other
    return one.model_dump(exclude=_BOOKKEEPING) == other.model_dump(exclude=_BOOKKEEPING)


# -- the step in the session history ---------------------------------------------------------------
class CaseReverter(Protocol):
    """What a case step undoes itself through (the case service)."""

    def revert(self, changes: Iterable[RecordChange]) -> SavedCase: ...


@dataclass(frozen=True)
class CaseStep:
    """A change to a case as a step of the workspace's session history (:class:`caseview.kernel.undo.Undoable`)."""

    service: CaseReverter
    changes: tuple[RecordChange, ...]
    description: str

    @property
    def kind(self) -> StepKind:
        return "case"

    def undo(self) -> Reverted:
        return self._revert()

    def redo(self) -> Reverted:
        return self._revert()

    def _revert(self) -> Reverted:
        """Both directions are the same move: every record back to its ``before``."""
        saved = self.service.revert(self.changes)
        keys = [(c.kind, c.id) for c in self.changes]
        back = record_changes(keys, saved.previous, saved.merged)
        return Reverted(CaseStep(self.service, back, self.description), _note(self.changes, saved))


def _note(changes: tuple[RecordChange, ...], saved: SavedCase) -> str:
    """What did not go as asked: records kept as another window changed them, values kept as conflicts."""
    notes = []
    kept = [c for c in changes if not same_content(record(saved.merged, c.kind, c.id), c.before)]
    if kept:
        notes.append(
            "kept as changed elsewhere since"
            if len(kept) == len(changes)
            else f"{len(kept)} of {len(changes)} records kept as changed elsewhere since"
        )
    for change in changes:
        now, was = record(saved.merged, change.kind, change.id), record(saved.previous, change.kind, change.id)
        if now is not None and len(now.conflicts) > len(was.conflicts if was is not None else ()):
            notes.append("a value changed elsewhere too is kept as a conflict")
            break
    return "; ".join(notes)
