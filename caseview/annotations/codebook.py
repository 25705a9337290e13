"""The codebook: every tag of the corpus with its count and description, and the passages it marks.

Renaming a tag and merging tags change every annotation that carries them, each through the
annotation service (merged with other windows' writes, audited, re-indexed) and recorded as one
group on the session history, so one ctrl+z puts every annotation back. Tag descriptions live in
``caseview-codebook.json`` in the corpus folder (the analyst's file, written under its lock).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from caseview.annotations.errors import AnnotationError, AnnotationFileError, ReadOnlyAnnotations, StoreBusy
from caseview.annotations.model import Annotation, normalise_tags
from caseview.annotations.service import ChangeResult
from caseview.kernel.jsonstore import JsonFile, schema_version_of
from caseview.kernel.undo import Recorder

CODEBOOK_FILE = "caseview-codebook.json"
CODEBOOK_SCHEMA = 1


class TagAnnotations(Protocol):
    """What the codebook needs of the annotation service."""

    history: Recorder | None

    def list(self, doc_id: str | None = None, tag: str | None = None) -> list[Annotation]: ...

    def edit(self, annotation_id: str, *, tags: Sequence[str], action: str) -> ChangeResult: ...


@dataclass(frozen=True)
class TagSummary:
    """One line of the codebook."""

    name: str
    #: Annotations carrying the tag.
    count: int
    #: Documents with at least one of them.
    documents: int
    description: str = ""


@dataclass(frozen=True)
class TaggedPassage:
    """One passage marked with a tag, where it is and what the analyst wrote on it."""

    annotation_id: str
    doc_id: str
    start: int
    end: int
    quote: str
    note: str | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class TagChange:
    """What a rename or merge did: how many annotations changed, and in which documents."""

    description: str
    changed: int
    doc_ids: tuple[str, ...]


class CodebookError(AnnotationError):
    """A rename or merge that cannot be done (the message says why, for the analyst)."""


def _key(tag: str) -> str:
    return tag.casefold()


def _clean(tag: str) -> str:
    try:
        (cleaned,) = normalise_tags([tag])
    except ValueError as error:
        raise CodebookError(str(error)) from None
    return cleaned


def _replaced(tags: Sequence[str], keys: set[str], target: str) -> tuple[str, ...]:
    """``tags`` with those in ``keys`` replaced by ``target``, each tag kept once (any case, first kept)."""
    kept: list[str] = []
    for tag in (target if _key(tag) in keys else tag for tag in tags):
        if _key(tag) not in {_key(each) for each in kept}:
            kept.append(tag)
    return tuple(kept)


class Codebook:
    """The tags of one corpus folder: listed, described, renamed and merged."""

    def __init__(self, root: Path, quarantine_dir: Path, annotations: TagAnnotations) -> None:
        self.annotations = annotations
        self.file = JsonFile(
            Path(root) / CODEBOOK_FILE,
            quarantine_dir,
            unreadable=AnnotationFileError,
            newer=ReadOnlyAnnotations,
            busy=StoreBusy,
        )

    # -- reading -------------------------------------------------------------------------------
    def descriptions(self) -> dict[str, str]:
        """Tag → description, as the analyst wrote them (keys as written)."""
        data = self.file.read_json()
        if data is None:
            return {}
        tags = data.get("tags") if isinstance(data, dict) else None
        if not isinstance(tags, dict):
            return {}
        found: dict[str, str] = {}
        for name, entry in tags.items():
            description = entry.get("description") if isinstance(entry, dict) else None
            if isinstance(name, str) and isinstance(description, str) and description.strip():
                found[name] = description.strip()
        return found

    def summary(self) -> list[TagSummary]:
        """Every tag in use (and every described one), most used first, then by name."""
        counts: dict[str, int] = {}
        docs: dict[str, set[str]] = {}
        names: dict[str, str] = {}
        for annotation in self.annotations.list():
            for tag in annotation.tags:
                key = _key(tag)
                names.setdefault(key, tag)
                counts[key] = counts.get(key, 0) + 1
                docs.setdefault(key, set()).add(annotation.doc_id)
        described = {_key(name): text for name, text in self.descriptions().items()}
        for key in described:
            names.setdefault(key, next(n for n in self.descriptions() if _key(n) == key))
        rows = [
            TagSummary(names[key], counts.get(key, 0), len(docs.get(key, ())), described.get(key, "")) for key in names
        ]
        return sorted(rows, key=lambda row: (-row.count, row.name.casefold()))

    def passages(self, tag: str) -> list[TaggedPassage]:
        """Every passage tagged ``tag`` (any case), by document then position."""
        found = []
        for annotation in self.annotations.list(tag=tag):
            span = annotation.current_span or (annotation.position.start, annotation.position.end)
            found.append(
                TaggedPassage(
                    annotation.id,
                    annotation.doc_id,
                    span[0],
                    span[1],
                    annotation.quote.exact,
                    annotation.note,
                    annotation.tags,
                )
            )
        return sorted(found, key=lambda passage: (passage.doc_id, passage.start))

    # -- changing ------------------------------------------------------------------------------
    def describe(self, tag: str, description: str) -> None:
        """Set (or, when empty, remove) a tag's description."""
        name = _clean(tag)
        with self.file.locked():
            data = self.file.read_json()
            document = data if isinstance(data, dict) else {}
            self.file.refuse_newer(schema_version_of(document, "schema_version", CODEBOOK_SCHEMA), CODEBOOK_SCHEMA)
            tags = document.get("tags") if isinstance(document.get("tags"), dict) else {}
            assert isinstance(tags, dict)
            for existing in [n for n in tags if isinstance(n, str) and _key(n) == _key(name)]:
                del tags[existing]
            if description.strip():
                tags[name] = {"description": description.strip()}
            self.file.write_json({"schema_version": CODEBOOK_SCHEMA, "tags": dict(sorted(tags.items()))})

    def rename(self, old: str, new: str) -> TagChange:
        """Rename tag ``old`` to ``new`` on every annotation; when ``new`` is already in use this merges them."""
        return self.merge([old], new)

    def merge(self, sources: Sequence[str], into: str) -> TagChange:
        """Replace every tag of ``sources`` by ``into`` (kept once) on every annotation; one undo step."""
        target = _clean(into)
        keys = {_key(_clean(source)) for source in sources} - {_key(target)}
        if not keys:
            raise CodebookError(f"nothing to change: the tag is already '{target}'")
        affected = [a for a in self.annotations.list() if any(_key(t) in keys for t in a.tags)]
        if not affected:
            raise CodebookError(f"no annotation is tagged {', '.join(repr(s) for s in sources)}")
        shown = ", ".join(f"'{source}'" for source in sources)
        verb = "rename tag" if len(sources) == 1 and target.casefold() not in self._used() else "merge tags"
        description = f"{verb} {shown} → '{target}' ({len(affected)} annotation{'s' if len(affected) != 1 else ''})"
        history = self.annotations.history
        group: AbstractContextManager[None] = history.group(description) if history is not None else nullcontext()
        doc_ids: list[str] = []
        with group:
            for annotation in affected:
                self.annotations.edit(annotation.id, tags=_replaced(annotation.tags, keys, target), action="retag")
                if annotation.doc_id not in doc_ids:
                    doc_ids.append(annotation.doc_id)
        self._move_descriptions(keys, target)
        return TagChange(description, len(affected), tuple(doc_ids))

    def _used(self) -> set[str]:
        return {_key(tag) for annotation in self.annotations.list() for tag in annotation.tags}

    def _move_descriptions(self, keys: set[str], target: str) -> None:
        """The target keeps its description; when it had none, it takes the first source's."""
        described = self.descriptions()
        if any(_key(name) == _key(target) for name in described):
            return
        for name, text in described.items():
            if _key(name) in keys:
                self.describe(target, text)
                return
