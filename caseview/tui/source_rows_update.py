"""The sources list after a refresh that touched a few documents, without re-making the others.

At 200,000 documents re-making every row takes seconds; a file saved into the folder changes one.
The rows kept are the same objects; the changed ones are replaced where they stand and the new ones
go where a full rebuild (:func:`caseview.tui.source_rows.grouped`) would put them: a file's own
document among the others in id order, a document found inside another among its siblings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from caseview.tui.list_rows import ListRow
from caseview.workspace import DocumentInfo


@dataclass(frozen=True)
class SourceChanges:
    """What a refresh changed of the sources list: the rows of documents added or changed (with what
    the index says of each, and of the documents they are inside), and the ids removed."""

    infos: dict[str, DocumentInfo]
    rows: list[ListRow]
    removed: list[str]


def nesting_depth(info: DocumentInfo, parent_of: Callable[[str], DocumentInfo | None]) -> int:
    """How many listed documents ``info`` is inside (0 for a file's own, as ``grouped`` counts)."""
    depth, seen, current = 0, {info.id}, info
    while current.parent is not None and current.parent not in seen:
        parent = parent_of(current.parent)
        if parent is None:
            break
        depth, current = depth + 1, parent
        seen.add(parent.id)
    return depth


def updated_rows(rows: Sequence[ListRow], infos: Mapping[str, DocumentInfo], changes: SourceChanges) -> list[ListRow]:
    """``rows`` with the removed ones dropped, the changed ones replaced and the new ones inserted.

    ``infos`` is every listed document (after the change), by id: it says who is inside whom.
    """
    removed = set(changes.removed)
    replacements = {row.key: row for row in changes.rows}
    result: list[ListRow] = []
    for row in rows:
        if row.key in removed:
            continue
        result.append(replacements.pop(row.key, row))
    for row in sorted(replacements.values(), key=lambda row: row.key):
        result.insert(_position(result, infos, row.key), row)
    return result


def _parent(infos: Mapping[str, DocumentInfo], doc_id: str) -> str | None:
    info = infos.get(doc_id)
    parent = info.parent if info is not None else None
    return parent if parent is not None and parent != doc_id and parent in infos else None


def _position(rows: Sequence[ListRow], infos: Mapping[str, DocumentInfo], key: str) -> int:
    """Where ``grouped`` would list ``key``: before the first later-sorting sibling, else after the
    last of its siblings' (and their descendants') rows."""
    parent = _parent(infos, key)
    start, end = 0, len(rows)
    if parent is not None:
        at = next((i for i, row in enumerate(rows) if row.key == parent), None)
        if at is None:
            return len(rows)
        start = end = at + 1
        while end < len(rows) and _is_inside(infos, rows[end].key, parent):
            end += 1
    for index in range(start, end):
        row_key = rows[index].key
        if _parent(infos, row_key) == parent and row_key > key:
            return index
    return end


def _is_inside(infos: Mapping[str, DocumentInfo], doc_id: str, ancestor: str) -> bool:
    seen = {doc_id}
    parent = _parent(infos, doc_id)
    while parent is not None and parent not in seen:
        if parent == ancestor:
            return True
        seen.add(parent)
        parent = _parent(infos, parent)
    return False
