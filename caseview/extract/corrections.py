"""The analyst's entity corrections: a pure function that applies them, and their safe storage.

Corrections are kept in ``<corpus>/caseview-entities.json`` (plain JSON, next to the documents, part
of the analyst's case data) and re-applied, in the order made, on every extraction run. An entity
is found by its id; when the id no longer exists (new documents changed a canonical name) by any
alias it had when the correction was made.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock
from pydantic import ValidationError

from caseview.extract.aliases import entity_id, name_key
from caseview.extract.models import Correction, DocMention, Entity, EntityType, MergeSuggestion

CORRECTIONS_FILE = "caseview-entities.json"
SCHEMA_VERSION = 1


class CorrectionsError(Exception):
    """The corrections file cannot be used; the message names it and says why."""


# --- the pure part --------------------------------------------------------------------------


def _locate(entities: dict[str, Entity], entity_id: str, aliases: tuple[str, ...]) -> str | None:
    if entity_id in entities:
        return entity_id
    wanted = {name_key(a) for a in aliases}
    for candidate in entities.values():
        if wanted & {name_key(a) for a in candidate.aliases}:
            return candidate.id
    return None


def _merge(target: Entity, others: list[Entity]) -> Entity:
    mentions = sorted({m for e in (target, *others) for m in e.mentions}, key=lambda m: (m.doc_id, m.start))
    aliases = tuple(dict.fromkeys([*target.aliases, *(a for e in others for a in e.aliases)]))
    return target.model_copy(
        update={
            "mentions": tuple(mentions),
            "aliases": aliases,
            "merged_by": tuple(sorted(set(target.merged_by) | {"analyst"})),
        }
    )


def _split(entity: Entity, alias: str) -> tuple[Entity, Entity | None]:
    key = name_key(alias)
    moved = tuple(m for m in entity.mentions if name_key(m.text) == key)
    if not moved or len(moved) == len(entity.mentions):
        return entity, None
    kept = tuple(m for m in entity.mentions if name_key(m.text) != key)
    remaining_aliases = tuple(a for a in entity.aliases if name_key(a) != key) or (entity.name,)
    new = Entity(
        id=entity_id(entity.type, alias),
        name=alias,
        type=entity.type,
        aliases=(alias,),
        mentions=moved,
        merged_by=("analyst",),
    )
    return entity.model_copy(update={"mentions": kept, "aliases": remaining_aliases}), new


def apply_corrections(
    entities: list[Entity] | tuple[Entity, ...], corrections: list[Correction] | tuple[Correction, ...]
) -> list[Entity]:
    """The entities after the analyst's corrections, applied in order. Corrections that no longer
    apply (their entities are gone) are skipped — never an error, never a loss."""
    table: dict[str, Entity] = {e.id: e for e in entities}
    for correction in corrections:
        ids = [_locate(table, eid, correction.aliases) for eid in correction.entity_ids]
        ids = [i for i in dict.fromkeys(ids) if i is not None]
        if correction.op in ("merge", "accept"):
            if correction.op == "accept":  # a suggestion has no preferred side: keep the better-attested name
                ids.sort(key=lambda i: -len(table[i].mentions))
            if len(ids) >= 2:
                merged = _merge(table[ids[0]], [table[i] for i in ids[1:]])
                for i in ids[1:]:
                    del table[i]
                table[merged.id] = merged
        elif not ids or correction.op == "reject":
            continue
        elif correction.op == "split" and correction.value:
            kept, new = _split(table[ids[0]], correction.value)
            table[kept.id] = kept
            if new is not None:
                if new.id in table:
                    new = new.model_copy(update={"id": new.id + "-split"})
                table[new.id] = new
        elif correction.op == "rename" and correction.value:
            entity = table[ids[0]]
            aliases = tuple(dict.fromkeys([correction.value, *entity.aliases]))
            table[ids[0]] = entity.model_copy(update={"name": correction.value, "aliases": aliases})
        elif correction.op == "retype" and correction.type is not None:
            table[ids[0]] = table[ids[0]].model_copy(update={"type": correction.type})
        elif correction.op in ("hide", "unhide"):
            table[ids[0]] = table[ids[0]].model_copy(update={"hidden": correction.op == "hide"})
    result = list(table.values())
    result.sort(key=lambda e: (-len(e.mentions), e.name))
    return result


def pending_suggestions(
    suggestions: list[MergeSuggestion] | tuple[MergeSuggestion, ...],
    entities: list[Entity],
    corrections: list[Correction] | tuple[Correction, ...],
) -> list[MergeSuggestion]:
    """Suggestions still open: not accepted or rejected, and both entities still separate."""
    decided = {frozenset(c.entity_ids) for c in corrections if c.op in ("accept", "reject", "merge")}
    present = {e.id for e in entities}
    return [
        s for s in suggestions if frozenset(s.entity_ids) not in decided and all(i in present for i in s.entity_ids)
    ]


def make_correction(
    op: str,
    entities: list[Entity],
    entity_ids: list[str],
    value: str | None = None,
    entity_type: EntityType | str | None = None,
) -> Correction:
    """A correction stamped with an id, the time, and the aliases the entities have now."""
    by_id = {e.id: e for e in entities}
    unknown = [i for i in entity_ids if i not in by_id]
    if unknown:
        raise CorrectionsError(f"no entity with id {', '.join(unknown)}")
    aliases = tuple(a for i in entity_ids for a in by_id[i].aliases)
    return Correction(
        op=op,
        entity_ids=tuple(entity_ids),
        aliases=aliases,
        value=value,
        type=EntityType(entity_type) if entity_type else None,
        created=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        id=f"urn:uuid:{uuid.uuid4()}",
    )


# --- the I/O part ---------------------------------------------------------------------------


def corrections_path(corpus_root: Path) -> Path:
    return corpus_root / CORRECTIONS_FILE


def load_corrections(path: Path) -> list[Correction]:
    """The stored corrections (none if the file does not exist). A file that does not parse is
    copied aside and reported; it is never overwritten."""
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("corrections"), list):
            raise ValueError("expected an object with a 'corrections' list")
        version = data.get("cv:schemaVersion", SCHEMA_VERSION)
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise CorrectionsError(f"{path.name}: written by a newer caseview (schema {version}); opened read-only")
        return [Correction.model_validate(item) for item in data["corrections"]]
    except CorrectionsError:
        raise
    except (OSError, UnicodeDecodeError, ValueError, ValidationError) as error:
        aside = _copy_aside(path)
        raise CorrectionsError(
            f"{path.name} cannot be read ({error}); a copy was kept at {aside.name}, the file was left untouched"
        ) from None


def _copy_aside(path: Path) -> Path:
    aside = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
    if not aside.exists():
        shutil.copy2(path, aside)
    return aside


def add_correction(path: Path, correction: Correction) -> list[Correction]:
    """Append one correction: read-modify-write under a file lock, written atomically."""
    with FileLock(str(path) + ".lock", timeout=30):
        existing = load_corrections(path)
        if correction.id and any(c.id == correction.id for c in existing):
            return existing
        updated = [*existing, correction]
        _write_corrections(path, updated)
        return updated


def remove_correction(path: Path, correction_id: str) -> tuple[Correction | None, str | None]:
    """Take one correction out (to undo it), under the file lock. Returns it (None when it was not
    there, e.g. another window undid it) and the id of the correction before it, to put it back there."""
    with FileLock(str(path) + ".lock", timeout=30):
        existing = load_corrections(path)
        index = next((i for i, c in enumerate(existing) if c.id == correction_id), None)
        if index is None:
            return None, None
        _write_corrections(path, existing[:index] + existing[index + 1 :])
        return existing[index], existing[index - 1].id if index else None


def restore_correction(path: Path, correction: Correction, after_id: str | None) -> bool:
    """Put a removed correction back (to redo it) right after ``after_id`` (None: first; gone: last).
    Order matters: corrections are applied in order. False when it is there already."""
    with FileLock(str(path) + ".lock", timeout=30):
        existing = load_corrections(path)
        if any(c.id == correction.id for c in existing):
            return False
        ids = [c.id for c in existing]
        index = 0 if after_id is None else (ids.index(after_id) + 1 if after_id in ids else len(existing))
        _write_corrections(path, [*existing[:index], correction, *existing[index:]])
        return True


def _write_corrections(path: Path, corrections: list[Correction]) -> None:
    payload = {
        "cv:schemaVersion": SCHEMA_VERSION,
        "corrections": [c.model_dump(mode="json", exclude_defaults=True) for c in corrections],
    }
    atomic_write_text(path, json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def describe_correction(correction: Correction, names: dict[str, str]) -> str:
    """A correction in words for the undo history: ``merge 'Scott Bessent' + 'Scott Besant'``."""
    named = [f"'{names.get(i) or i}'" for i in correction.entity_ids]
    first = named[0] if named else "?"
    if correction.op == "merge":
        return "merge " + " + ".join(named)
    if correction.op in ("accept", "reject"):
        return f"{correction.op} the suggestion " + " ~ ".join(named)
    if correction.op == "split":
        return f"split '{correction.value}' off {first}"
    if correction.op == "rename":
        return f"rename {first} to '{correction.value}'"
    if correction.op == "retype":
        return f"retype {first} as {correction.type.value if correction.type else '?'}"
    return f"{correction.op} {first}"


def atomic_write_text(path: Path, text: str, durable: bool = True) -> None:
    """Temp file in the same folder → flush + fsync → os.replace → fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    if durable and hasattr(os, "O_DIRECTORY"):
        folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


__all__ = [
    "CORRECTIONS_FILE",
    "CorrectionsError",
    "DocMention",
    "add_correction",
    "apply_corrections",
    "atomic_write_text",
    "corrections_path",
    "describe_correction",
    "load_corrections",
    "make_correction",
    "pending_suggestions",
    "remove_correction",
    "restore_correction",
]
