"""The analyst's entity corrections: a pure function that applies them, and their safe storage.

Corrections are kept in ``<corpus>/caseview-entities.json`` (plain JSON, next to the documents, part
of the analyst's case data) and re-applied, in the order made, on every extraction run. An entity
is found by its id; when the id no longer exists (new documents changed a canonical name) by any
alias it had when the correction was made.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from caseview.extract.aliases import entity_id, name_key
from caseview.extract.models import Correction, DocMention, Entity, EntityType, MergeSuggestion
from caseview.kernel.jsonstore import JsonFile, schema_version_of
from caseview.kernel.paths import DERIVED_DIR
from caseview.kernel.storeerrors import BusyStoredFile, NewerSchemaFile, UnreadableStoredFile

CORRECTIONS_FILE = "caseview-entities.json"
SCHEMA_VERSION = 1
VERSION_KEY = "cv:schemaVersion"


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
    """Move the mentions named ``alias`` off ``entity``. Undoing a merge on evidence ("Scott Besant"
    into "Scott Bessent") also takes the alias's bare surname ("Besant") when no name kept uses it,
    and drops the merge's reason: the entity no longer claims the name."""
    key = name_key(alias)
    kept_aliases = [a for a in entity.aliases if name_key(a) != key]
    words = alias.split()
    surname = name_key(words[-1]) if len(words) >= 2 else None
    if surname is not None and any(a.split() and name_key(a.split()[-1]) == surname for a in kept_aliases):
        surname = None  # "Mr. Bessent" stays with "Scott Bessent"

    def goes(mention_text: str) -> bool:
        found = name_key(mention_text)
        return found == key or (surname is not None and found == surname)

    moved = tuple(m for m in entity.mentions if goes(m.text))
    if not moved or len(moved) == len(entity.mentions):
        return entity, None
    kept = tuple(m for m in entity.mentions if not goes(m.text))
    remaining_aliases = tuple(a for a in kept_aliases if not goes(a)) or (entity.name,)
    reasons = tuple(r for r in entity.merge_reasons if name_key(r.alias) != key)
    merged_by = entity.merged_by if reasons else tuple(h for h in entity.merged_by if h != "evidence")
    new = Entity(
        id=entity_id(entity.type, alias),
        name=alias,
        type=entity.type,
        aliases=tuple(dict.fromkeys([alias, *(a for a in entity.aliases if goes(a))])),
        mentions=moved,
        merged_by=("analyst",),
    )
    updated = {"mentions": kept, "aliases": remaining_aliases, "merge_reasons": reasons, "merged_by": merged_by}
    return entity.model_copy(update=updated), new


def apply_corrections(
    entities: list[Entity] | tuple[Entity, ...], corrections: list[Correction] | tuple[Correction, ...]
) -> list[Entity]:
    """The entities after the analyst's corrections, applied in order. Corrections that no longer
    apply (their entities are gone) are skipped — never an error, never a loss."""
    table: dict[str, Entity] = {e.id: e for e in entities}
    for correction in corrections:
        located = [_locate(table, eid, correction.aliases) for eid in correction.entity_ids]
        ids = [i for i in dict.fromkeys(located) if i is not None]
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
# The file is stored like every file the analyst owns (caseview.kernel.jsonstore): locked
# read-modify-write, atomic writes, an unreadable file quarantined and left untouched, a file from a
# newer caseview read but never written.


class CorrectionsFileError(CorrectionsError, UnreadableStoredFile):
    """A corrections file that does not parse or validate. It is kept untouched; a copy is set aside."""

    action = "correct entities"


class ReadOnlyCorrections(CorrectionsError, NewerSchemaFile):
    """A corrections file written by a newer caseview: its corrections apply, new ones are refused."""


class CorrectionsBusy(CorrectionsError, BusyStoredFile):
    """Another program held the corrections file's lock for too long."""


@dataclass(frozen=True)
class Withdrawn:
    """A correction taken out of the file (None: it was not there) and the one it came after (None: first)."""

    correction: Correction | None
    after_id: str | None


@dataclass(frozen=True)
class LoadedCorrections:
    corrections: list[Correction]
    #: Written by a newer caseview: readable, not writable.
    read_only: bool = False


def corrections_path(corpus_root: Path) -> Path:
    return corpus_root / CORRECTIONS_FILE


def _stored(path: Path, quarantine_dir: Path | None) -> JsonFile:
    return JsonFile(
        path,
        quarantine_dir if quarantine_dir is not None else path.parent / DERIVED_DIR / "quarantine",
        unreadable=CorrectionsFileError,
        newer=ReadOnlyCorrections,
        busy=CorrectionsBusy,
        root=path.parent,
    )


def read_corrections(path: Path, quarantine_dir: Path | None = None) -> LoadedCorrections:
    """The stored corrections (none if the file does not exist). A file that does not parse is
    quarantined and reported (:class:`CorrectionsFileError`); it is never overwritten. A newer
    file's corrections are read as far as this caseview understands them, and flagged read-only."""
    stored = _stored(path, quarantine_dir)
    data = stored.read_bytes()
    if data is None:
        return LoadedCorrections([])
    parsed = stored.parse(data)
    if not isinstance(parsed, dict) or not isinstance(parsed.get("corrections"), list):
        raise stored.reject(data, "expected an object with a 'corrections' list")
    version = schema_version_of(parsed, VERSION_KEY, SCHEMA_VERSION)
    newer = version > SCHEMA_VERSION
    corrections = []
    for item in parsed["corrections"]:
        try:
            corrections.append(Correction.model_validate(item))
        except RecursionError:
            raise stored.reject(data, "a correction is nested too deeply") from None
        except ValidationError as error:
            if newer:
                continue  # a kind of correction this caseview does not know: it cannot apply it
            raise stored.reject(data, f"a correction does not validate: {error.errors()[0]['msg']}") from None
    return LoadedCorrections(corrections, read_only=newer)


def load_corrections(path: Path, quarantine_dir: Path | None = None) -> list[Correction]:
    """The stored corrections, as :func:`read_corrections` reads them."""
    return read_corrections(path, quarantine_dir).corrections


@contextmanager
def _changing(path: Path, quarantine_dir: Path | None) -> Iterator[tuple[list[Correction], JsonFile]]:
    """The corrections as they are now, under the file's lock, with a newer file refused."""
    stored = _stored(path, quarantine_dir)
    with stored.locked():
        loaded = read_corrections(path, quarantine_dir)
        if loaded.read_only:
            parsed = stored.read_json()
            stored.refuse_newer(schema_version_of(parsed, VERSION_KEY, SCHEMA_VERSION), SCHEMA_VERSION)
        yield loaded.corrections, stored


def add_correction(path: Path, correction: Correction, quarantine_dir: Path | None = None) -> list[Correction]:
    """Append one correction: read-modify-write under the file's lock, written atomically."""
    with _changing(path, quarantine_dir) as (existing, stored):
        if correction.id and any(c.id == correction.id for c in existing):
            return existing
        updated = [*existing, correction]
        _write_corrections(stored, updated)
        return updated


def remove_correction(path: Path, correction_id: str, quarantine_dir: Path | None = None) -> Withdrawn:
    """Take one correction out (to undo it), under the file lock: it (None when it was not there,
    e.g. another window undid it) and the id of the correction before it, to put it back there."""
    with _changing(path, quarantine_dir) as (existing, stored):
        index = next((i for i, c in enumerate(existing) if c.id == correction_id), None)
        if index is None:
            return Withdrawn(None, None)
        _write_corrections(stored, existing[:index] + existing[index + 1 :])
        return Withdrawn(existing[index], existing[index - 1].id if index else None)


def restore_correction(
    path: Path, correction: Correction, after_id: str | None, quarantine_dir: Path | None = None
) -> bool:
    """Put a removed correction back (to redo it) right after ``after_id`` (None: first; gone: last).
    Order matters: corrections are applied in order. False when it is there already."""
    with _changing(path, quarantine_dir) as (existing, stored):
        if any(c.id == correction.id for c in existing):
            return False
        ids = [c.id for c in existing]
        index = 0 if after_id is None else (ids.index(after_id) + 1 if after_id in ids else len(existing))
        _write_corrections(stored, [*existing[:index], correction, *existing[index:]])
        return True


def _write_corrections(stored: JsonFile, corrections: list[Correction]) -> None:
    stored.write_json(
        {
            VERSION_KEY: SCHEMA_VERSION,
            "corrections": [c.model_dump(mode="json", exclude_defaults=True) for c in corrections],
        }
    )


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


__all__ = [
    "CORRECTIONS_FILE",
    "CorrectionsBusy",
    "CorrectionsError",
    "CorrectionsFileError",
    "DocMention",
    "LoadedCorrections",
    "ReadOnlyCorrections",
    "Withdrawn",
    "add_correction",
    "apply_corrections",
    "corrections_path",
    "describe_correction",
    "load_corrections",
    "make_correction",
    "pending_suggestions",
    "read_corrections",
    "remove_correction",
    "restore_correction",
]
