"""Case files, entity corrections and document metadata (dates) as records, for the team server.

These three files are JSON objects whose lists hold records with an ``id`` (a case's sections,
items, links and tombstones; the corrections) and whose other keys are single values (a case's
header, a document's date). On the server each becomes one row per record — ``items/<id>``, or the
key itself — so row-level security can let an analyst change only the records they created, the
same rule as annotations. A file is rebuilt from its records in order and written exactly as
caseview writes it (two-space indented JSON, UTF-8, a final newline).

Merging is three-way against the version last agreed with the server: a case file by the case
store's own rules (:func:`caseview.casefile.merge.merge_cases`: an edit beats a delete, two edits
keep both as a conflict); the others record by record (a record changed on one side only takes
that side; changed on both, the local edit wins — the later one; deleted on one side and edited
on the other, the edit stays).
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from caseview.casefile.codec import case_from_data, case_to_json
from caseview.casefile.merge import merge_cases
from caseview.casefile.model import CaseFile
from caseview.casefile.store import DEFAULT_CASE_FILE, NAMED_CASE_SUFFIX
from caseview.extract.corrections import CORRECTIONS_FILE
from caseview.kernel.docmeta import META_SUFFIX

Store = Literal["case", "entities", "meta"]
STORES: tuple[Store, ...] = ("case", "entities", "meta")
#: The marker record of a list (so an empty list, and where it sits among the keys, survive).
_LIST = "/"


@dataclass(frozen=True)
class Record:
    """One record of a file: ``key`` or ``key/id``, and its JSON text."""

    id: str
    body: str


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))


def _is_record_list(value: object) -> bool:
    if not isinstance(value, list):
        return False
    ids = [item.get("id") for item in value if isinstance(item, dict)]
    return (
        len(ids) == len(value)
        and all(isinstance(i, str) and i and _LIST not in i for i in ids)
        and len(set(ids)) == len(ids)
    )


def flatten(raw: bytes) -> list[Record]:
    """The records of a file's bytes, in file order. ValueError when it is not a JSON object."""
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    records: list[Record] = []
    for key, value in data.items():
        if _LIST in key:
            raise ValueError(f"a key with '/': {key!r}")
        if _is_record_list(value):
            records.append(Record(key + _LIST, "[]"))
            records += [Record(f"{key}{_LIST}{item['id']}", _dumps(item)) for item in value]
        else:
            records.append(Record(key, _dumps(value)))
    return records


def assemble(records: Sequence[Record]) -> bytes:
    """The file's bytes from its records, as caseview writes its JSON files."""
    data: dict[str, Any] = {}
    for record in records:
        key, slash, item = record.id.partition(_LIST)
        if not slash:
            data[key] = json.loads(record.body)
        elif not item:
            data.setdefault(key, [])
        else:
            target = data.setdefault(key, [])
            if isinstance(target, list):
                target.append(json.loads(record.body))
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def merge(store: Store, base: bytes | None, mine: bytes | None, theirs: bytes | None) -> bytes | None:
    """The three-way merge of a file: ``base`` is what was last agreed with the server."""
    if theirs is None or mine == theirs:
        return mine
    if mine is None or mine == base:
        return theirs
    if theirs == base:
        return mine
    if store == "case":
        return _merge_cases(base, mine, theirs)
    return assemble(_merge_records(flatten(base) if base else [], flatten(mine), flatten(theirs)))


def _merge_cases(base: bytes | None, mine: bytes, theirs: bytes) -> bytes:
    def case(raw: bytes) -> CaseFile:
        return case_from_data(json.loads(raw.decode("utf-8")))

    merged = merge_cases(case(base) if base else None, case(mine), case(theirs))
    return case_to_json(merged).encode("utf-8")


def _merge_records(base: list[Record], mine: list[Record], theirs: list[Record]) -> list[Record]:
    was = {r.id: r.body for r in base}
    mine_by = {r.id: r.body for r in mine}
    theirs_by = {r.id: r.body for r in theirs}
    order = [r.id for r in theirs]
    for index, record in enumerate(mine):  # new here: after the record before it here
        if record.id in theirs_by:
            continue
        before = next((mine[i].id for i in range(index - 1, -1, -1) if mine[i].id in order), None)
        order.insert(order.index(before) + 1 if before is not None else 0, record.id)
    merged: list[Record] = []
    for record_id in order:
        old, here, there = was.get(record_id), mine_by.get(record_id), theirs_by.get(record_id)
        if here == there:
            body = here
        elif here == old:
            body = there
        elif there == old:
            body = here
        else:  # both changed: the local (later) edit, and an edit beats a delete
            body = here if here is not None else there
        if body is not None:
            merged.append(Record(record_id, body))
    return merged


# -- which files ---------------------------------------------------------------------------------------
def store_of(name: str) -> Store | None:
    """Which store a file (its path relative to the corpus root) belongs to, if any."""
    if name == CORRECTIONS_FILE:
        return "entities"
    if "/" not in name and (name == DEFAULT_CASE_FILE or name.endswith(NAMED_CASE_SUFFIX)):
        return "case"
    if name.endswith(META_SUFFIX):
        return "meta"
    return None


def local_files(root: Path) -> list[tuple[Store, str]]:
    """Every case file, the corrections and every document metadata file of a corpus folder."""
    found: list[tuple[Store, str]] = []
    pending = [root]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            # Links are not followed: a link to a folder could loop or lead outside the corpus.
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
                continue
            if not entry.is_file(follow_symlinks=False):
                continue
            name = Path(entry.path).relative_to(root).as_posix()
            store = store_of(name)
            if store is not None:
                found.append((store, name))
    return sorted(found)
