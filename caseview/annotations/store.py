"""``<doc>.annotations.json`` files: safe reads, locked and merged writes (DESIGN §3–§4).

- Writes are read-modify-write under ``filelock`` on ``<file>.lock``: read the file as it is now,
  merge the change in (:mod:`caseview.annotations.merge`), write atomically.
- A file that does not parse or validate is never overwritten: reading it raises
  :class:`AnnotationFileError` naming the file and the reason, and a copy goes to
  ``.caseview/quarantine/``. Writes to it are refused until the analyst fixes or moves it.
- A file with a newer ``cv:schemaVersion`` is read (when it can be) but never written.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from caseview.annotations.errors import AnnotationError, AnnotationFileError, ReadOnlyAnnotations, StoreBusy
from caseview.annotations.jsonld import (
    SCHEMA_VERSION,
    AnnotationFile,
    file_from_jsonld,
    file_schema_version,
    file_to_jsonld,
)
from caseview.annotations.merge import Change, Outcome, apply_change
from caseview.kernel.safefile import atomic_write_bytes, quarantine_copy, remove_stale_temp_files

SIDECAR_SUFFIX = ".annotations.json"
LOCK_SUFFIX = ".lock"


def sidecar_path(document_path: Path) -> Path:
    """Where a document's annotations live: its own path plus ``.annotations.json``."""
    return document_path.with_name(document_path.name + SIDECAR_SUFFIX)


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


@dataclass(frozen=True)
class LoadedFile:
    path: Path
    content: AnnotationFile
    #: Written by a newer caseview: readable, not writable.
    read_only: bool = False
    exists: bool = True


class AnnotationStore:
    """Reads and writes annotation files; ``quarantine_dir`` receives copies of unreadable ones."""

    def __init__(self, quarantine_dir: Path, lock_timeout: float = 15.0) -> None:
        self.quarantine_dir = quarantine_dir
        self.lock_timeout = lock_timeout

    def load(self, path: Path, doc_id: str) -> LoadedFile:
        """The annotations in ``path`` (empty when there is no file yet)."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return LoadedFile(path, AnnotationFile(doc_id=doc_id), exists=False)
        except OSError as error:
            raise AnnotationFileError(path, f"cannot be opened ({error.strerror or error})") from None
        return self._parse(path, data, doc_id)

    def _parse(self, path: Path, data: bytes, doc_id: str) -> LoadedFile:
        try:
            parsed = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise self._unreadable(path, data, f"not UTF-8 text (byte {error.start})")
        except json.JSONDecodeError as error:
            raise self._unreadable(
                path, data, f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"
            )
        try:
            version = file_schema_version(parsed)
        except ValueError as error:
            raise self._unreadable(path, data, str(error))
        try:
            content = file_from_jsonld(parsed, doc_id)
        except ValueError as error:
            newer = f" (written by a newer caseview, schema version {version})" if version > SCHEMA_VERSION else ""
            raise self._unreadable(path, data, f"{error}{newer}")
        return LoadedFile(path, content, read_only=version > SCHEMA_VERSION)

    def _unreadable(self, path: Path, data: bytes, reason: str) -> AnnotationFileError:
        return AnnotationFileError(path, reason, quarantine_copy(path, data, self.quarantine_dir))

    def apply(self, path: Path, doc_id: str, changes: Sequence[Change]) -> tuple[AnnotationFile, list[Outcome]]:
        """Merge ``changes`` into the file under its lock and write it atomically.

        Raises :class:`AnnotationFileError` (file unreadable, left untouched), :class:`ReadOnlyAnnotations`
        (newer schema) or :class:`StoreBusy` (lock not obtained in time).
        """
        lock = FileLock(str(path) + LOCK_SUFFIX, timeout=self.lock_timeout)
        try:
            with lock:
                loaded = self.load(path, doc_id)
                if loaded.read_only:
                    raise ReadOnlyAnnotations(path, loaded.content.schema_version, SCHEMA_VERSION)
                remove_stale_temp_files(path)
                content = loaded.content
                outcomes = []
                for change in changes:
                    content, outcome = apply_change(content, change)
                    outcomes.append(outcome)
                if content != loaded.content:
                    atomic_write_bytes(path, serialise(content))
                return content, outcomes
        except Timeout:
            raise StoreBusy(
                f"{path}: another program has held its lock for {self.lock_timeout:.0f} s; "
                f"try again (or remove {path}{LOCK_SUFFIX} if no caseview is running)"
            ) from None
        except OSError as error:  # Timeout is an OSError too, hence caught first
            raise AnnotationError(
                f"{path}: cannot be written ({error.strerror or error}); nothing was changed"
            ) from None
