"""Merging two versions of a case file record by record, so concurrent writers lose nothing.

See ARCHITECTURE.md, safe writes.

``merge_cases(base, mine, theirs)``: ``base`` is the version a writer started from, ``mine`` its
changed version and ``theirs`` what is on disk now. For every item, link and section id (and the
header):

* changed on one side only → that side's version;
* deleted on one side (a tombstone) → deleted, unless the other side holds a *different* revision
  than the one deleted: an edit beats a delete;
* changed on both sides → merged field by field against the base; a field both sides changed
  differently takes the later edit, and the losing value is kept in the record's ``conflicts``.

A pure function: no I/O, deterministic except for the fresh ``rev`` of a record merged from two edits.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Literal, TypeVar

from caseview.casefile.model import CaseFile, CaseHeader, FieldConflict, Tombstone, _Record, new_rev

R = TypeVar("R", bound=_Record)

#: Bookkeeping fields, never merged as content.
_BOOKKEEPING = {"id", "created", "modified", "rev", "conflicts", "kind"}
#: Fields where losing a concurrent edit loses no words of the analyst's: not recorded as conflicts.
_UNRECORDED = {"order", "section", "number"}


def merge_cases(base: CaseFile | None, mine: CaseFile, theirs: CaseFile) -> CaseFile:
    """The union of two versions of a case, as described in the module docstring."""
    base = base or CaseFile(header=theirs.header, schema_version=theirs.schema_version)
    header = _merge_record(base.header, mine.header, theirs.header)
    assert isinstance(header, CaseHeader)
    tombstones = list(mine.tombstones) + list(theirs.tombstones)
    sections, section_tombs = _merge_collection("section", base.sections, mine.sections, theirs.sections, tombstones)
    items, item_tombs = _merge_collection("item", base.items, mine.items, theirs.items, tombstones)
    links, link_tombs = _merge_collection("link", base.links, mine.links, theirs.links, tombstones)
    return CaseFile(
        schema_version=max(mine.schema_version, theirs.schema_version),
        header=header,
        sections=tuple(sorted(sections, key=lambda s: (s.order, s.id))),
        items=tuple(items),
        links=tuple(links),
        tombstones=tuple(sorted(section_tombs + item_tombs + link_tombs, key=lambda t: (t.kind, t.id))),
    )


def _merge_collection(
    kind: Literal["item", "link", "section"],
    base: Sequence[R],
    mine: Sequence[R],
    theirs: Sequence[R],
    tombstones: list[Tombstone],
) -> tuple[list[R], list[Tombstone]]:
    base_by_id = {record.id: record for record in base}
    mine_by_id = {record.id: record for record in mine}
    theirs_by_id = {record.id: record for record in theirs}
    tombs: dict[str, Tombstone] = {}
    for tomb in tombstones:
        if tomb.kind == kind and (tomb.id not in tombs or tomb.deleted > tombs[tomb.id].deleted):
            tombs[tomb.id] = tomb
    merged: list[R] = []
    # Keep theirs' order first, then records new in mine: stable and readable diffs on disk.
    ids = list(theirs_by_id) + [record_id for record_id in mine_by_id if record_id not in theirs_by_id]
    for record_id in ids:
        ours, other = mine_by_id.get(record_id), theirs_by_id.get(record_id)
        deleted = tombs.get(record_id)
        if ours is not None and other is not None:
            merged.append(_merge_record(base_by_id.get(record_id), ours, other))
            continue
        survivor = ours if ours is not None else other
        assert survivor is not None
        if deleted is not None and deleted.rev == survivor.rev:
            continue  # deleted as it was: stays deleted
        # New on one side, or edited after the other side deleted it (an edit beats a delete), or
        # missing on one side without a tombstone: kept, because nothing is dropped silently.
        merged.append(survivor)
    kept = {record.id for record in merged}
    return merged, [tomb for record_id, tomb in tombs.items() if record_id not in kept]


def _merge_record(base: _Record | None, mine: R, theirs: R) -> R:
    if mine.rev == theirs.rev:
        return mine
    if base is not None and mine.rev == base.rev:
        return theirs
    if base is not None and theirs.rev == base.rev:
        return mine
    if type(mine) is not type(theirs):
        # The same id for two kinds of record cannot come from caseview; keep the later, note the other.
        winner, loser = (mine, theirs) if mine.modified >= theirs.modified else (theirs, mine)
        lost = FieldConflict(field="record", value=loser.model_dump_json(), modified=loser.modified)
        return winner.model_copy(update={"conflicts": _union(winner.conflicts, loser.conflicts, (lost,))})
    later_is_mine = mine.modified >= theirs.modified
    mine_data, theirs_data = mine.model_dump(), theirs.model_dump()
    base_data = base.model_dump() if base is not None and type(base) is type(mine) else None
    result: dict[str, Any] = dict(theirs_data)
    new_conflicts: list[FieldConflict] = []
    for field in mine_data:
        if field in _BOOKKEEPING:
            continue
        ours, other = mine_data[field], theirs_data[field]
        if ours == other:
            continue
        original = base_data.get(field) if base_data is not None else _MISSING
        if ours == original:
            result[field] = other
        elif other == original:
            result[field] = ours
        else:
            winner_value, loser = (ours, theirs) if later_is_mine else (other, mine)
            result[field] = winner_value
            if field not in _UNRECORDED:
                new_conflicts.append(
                    FieldConflict(
                        field=field,
                        value=json.dumps(_jsonable(getattr(loser, field)), ensure_ascii=False),
                        modified=loser.modified,
                    )
                )
    result["created"] = min(mine.created, theirs.created)
    result["modified"] = max(mine.modified, theirs.modified)
    result["rev"] = new_rev()
    result["conflicts"] = _union(mine.conflicts, theirs.conflicts, tuple(new_conflicts))
    return type(mine).model_validate(result)


_MISSING = object()


def _jsonable(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value


def _union(*groups: Sequence[FieldConflict]) -> tuple[FieldConflict, ...]:
    seen: list[FieldConflict] = []
    for group in groups:
        for conflict in group:
            if conflict not in seen:
                seen.append(conflict)
    return tuple(seen)
