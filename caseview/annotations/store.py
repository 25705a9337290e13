"""``<doc>.annotations.json`` files: safe reads, locked and merged writes (the discipline of
:mod:`caseview.kernel.jsonstore`, shared by every file the analyst owns).

- Writes are read-modify-write under the lock on ``<file>.lock``: read the file as it is now,
  merge the change in (:mod:`caseview.annotations.merge`), write atomically.
- A file that does not parse or validate is never overwritten: reading it raises
  :class:`AnnotationFileError` naming the file and the reason, and a copy goes to
  ``.caseview/quarantine/``. Writes to it are refused until the analyst fixes or moves it.
- A file with a newer ``cv:schemaVersion`` is read (when it can be) but never written.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from caseview.annotations.errors import AnnotationError, AnnotationFileError, ReadOnlyAnnotations, StoreBusy
from caseview.annotations.jsonld import (
    SCHEMA_VERSION,
    AnnotationFile,
    file_from_jsonld,
    file_schema_version,
    file_to_jsonld,
)
from caseview.annotations.merge import Change, Outcome, apply_change
from caseview.annotations.sidecar import SIDECAR_SUFFIX as SIDECAR_SUFFIX
from caseview.annotations.sidecar import sidecar_path as sidecar_path
from caseview.kernel.jsonstore import JsonFile

#: How long a writer waits for another writer of the same annotation file before giving up (nothing changed).
LOCK_TIMEOUT_S = 15.0


def serialise(content: AnnotationFile) -> bytes:
    """The file's bytes: UTF-8 JSON with one key per line for the collection, the page and each
    annotation (values of an annotation's keys stay on one line). It reads and diffs well, and uses
    json's C encoder: ``indent=`` falls back to the pure-Python one, far too slow for big files."""
    data = file_to_jsonld(content)
    page = data.pop("first")
    items = page.pop("items")
    item_lines = ",\n".join("      " + _object_lines(item, "      ") for item in items)
    page_lines = _object_lines(page, "  ", tail=f'"items": [\n{item_lines}\n    ]' if items else '"items": []')
    return (_object_lines(data, "", tail=f'"first": {page_lines}') + "\n").encode("utf-8")


_encode = json.JSONEncoder(ensure_ascii=False).encode


def _object_lines(value: dict[str, object], indent: str, tail: str | None = None) -> str:
    lines = [f"{indent}  {_encode(key)}: {_encode(item)}" for key, item in value.items()]
    if tail is not None:
        lines.append(f"{indent}  {tail}")
    return "{\n" + ",\n".join(lines) + "\n" + indent + "}"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _position_problem(item: object, where: str) -> str | None:
    """Offsets that are not whole numbers (``"start": "5"``): flagged, never coerced, so what the
    analyst's file says is what caseview shows."""
    target = item.get("target") if isinstance(item, dict) else None
    selectors = target.get("selector") if isinstance(target, dict) else None
    for selector in selectors if isinstance(selectors, list) else []:
        if isinstance(selector, dict) and selector.get("type") == "TextPositionSelector":
            for key in ("start", "end"):
                if key in selector and not _is_int(selector[key]):
                    return f"{where}: position {key} must be a whole number, not {json.dumps(selector[key])[:40]}"
    anchor = item.get("cv:anchor") if isinstance(item, dict) else None
    if isinstance(anchor, dict):
        for key in ("start", "end"):
            if anchor.get(key) is not None and not _is_int(anchor[key]):
                return f"{where}: cv:anchor {key} must be a whole number, not {json.dumps(anchor[key])[:40]}"
    conflicts = item.get("cv:conflicts", []) if isinstance(item, dict) else []
    if not isinstance(conflicts, list):
        return f"{where}: cv:conflicts must be a list"
    for number, other in enumerate(conflicts):
        problem = _position_problem(other, f"{where}, conflicting version {number}")
        if problem is not None:
            return problem
    return None


def wrong_types(data: object) -> str | None:
    """What in a parsed annotation file has the wrong JSON type, before the model could coerce it."""
    if not isinstance(data, dict):
        return "the file must hold a JSON object (an AnnotationCollection)"
    if not isinstance(data.get("cv:tombstones", []), list):
        return "cv:tombstones must be a list"
    first = data.get("first", {})
    items = first.get("items", []) if isinstance(first, dict) else []
    for index, item in enumerate(items if isinstance(items, list) else []):
        problem = _position_problem(item, f"item {index}")
        if problem is not None:
            return problem
    return None


#: How many parsed annotation files an :class:`AnnotationStore` keeps (see ``_parsed``).
_PARSED_FILES_KEPT = 8


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    content: AnnotationFile
    #: Written by a newer caseview: readable, not writable.
    read_only: bool = False
    exists: bool = True


@dataclass(frozen=True)
class Applied:
    """What :meth:`AnnotationStore.apply` wrote: the file's content now and each change's outcome, in order."""

    content: AnnotationFile
    outcomes: list[Outcome]


class AnnotationStore:
    """Reads and writes annotation files; ``quarantine_dir`` receives copies of unreadable ones."""

    def __init__(self, quarantine_dir: Path, lock_timeout: float | None = None, *, root: Path | None = None) -> None:
        self.quarantine_dir = quarantine_dir
        self.lock_timeout = LOCK_TIMEOUT_S if lock_timeout is None else lock_timeout
        #: The corpus folder: no folder between it and an annotation file may be a link.
        self.root = root
        #: The last few files parsed, by path, with the exact bytes they were parsed from. The file is
        #: read every time (another program may have written it); only when its bytes are the same
        #: is the parse skipped: a 500-annotation file was parsed six times for one passage added to
        #: the case. The content is frozen (tuples of frozen models), so sharing it is safe.
        self._parsed: dict[Path, tuple[bytes, LoadedFile]] = {}
        #: The app reads annotation files from several worker threads at once.
        self._parsed_lock = threading.Lock()

    def _file(self, path: Path) -> JsonFile:
        return JsonFile(
            path,
            self.quarantine_dir,
            unreadable=AnnotationFileError,
            newer=ReadOnlyAnnotations,
            busy=StoreBusy,
            lock_timeout=self.lock_timeout,
            root=self.root,
        )

    def load(self, path: Path, doc_id: str) -> LoadedFile:
        """The annotations in ``path`` (empty when there is no file yet)."""
        stored = self._file(path)
        data = stored.read_bytes()
        if data is None:
            return LoadedFile(path, AnnotationFile(doc_id=doc_id), exists=False)
        with self._parsed_lock:
            cached = self._parsed.get(path)
        if cached is not None and cached[0] == data:
            return cached[1]
        parsed = stored.parse(data)
        try:
            version = file_schema_version(parsed)
        except ValueError as error:
            raise stored.reject(data, str(error)) from None
        try:
            wrong = wrong_types(parsed)
            if wrong is not None:
                raise ValueError(wrong)
            content = file_from_jsonld(parsed, doc_id)
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as error:
            # TypeError & co.: a hand-edited file of the wrong shape (a number where a list goes).
            reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
            newer = f" (written by a newer caseview, schema version {version})" if version > SCHEMA_VERSION else ""
            raise stored.reject(data, f"{reason}{newer}") from None
        loaded = LoadedFile(path, content, read_only=version > SCHEMA_VERSION)
        self._remember(path, data, loaded)
        return loaded

    def _remember(self, path: Path, data: bytes, loaded: LoadedFile) -> None:
        with self._parsed_lock:
            self._parsed.pop(path, None)
            while len(self._parsed) >= _PARSED_FILES_KEPT:
                self._parsed.pop(next(iter(self._parsed)))  # the oldest first
            self._parsed[path] = (data, loaded)

    def apply(self, path: Path, doc_id: str, changes: Sequence[Change]) -> Applied:
        """Merge ``changes`` into the file under its lock and write it atomically.

        Raises :class:`AnnotationFileError` (file unreadable, left untouched), :class:`ReadOnlyAnnotations`
        (newer schema) or :class:`StoreBusy` (lock not obtained in time).
        """
        stored = self._file(path)
        try:
            with stored.locked():
                loaded = self.load(path, doc_id)
                if loaded.read_only:
                    stored.refuse_newer(loaded.content.schema_version, SCHEMA_VERSION)
                content = loaded.content
                outcomes = []
                for change in changes:
                    content, outcome = apply_change(content, change)
                    outcomes.append(outcome)
                if content != loaded.content:
                    stored.write_bytes(serialise(content))
                return Applied(content, outcomes)
        except OSError as error:
            raise AnnotationError(
                f"{path}: cannot be written ({error.strerror or error}); nothing was changed"
            ) from None
