"""One discipline for every JSON file the analyst owns: annotation files, case files, entity
corrections and document metadata sidecars (see ARCHITECTURE.md, safe writes).

- **Read with quarantine.** A file that is not UTF-8 JSON (or that its store cannot validate) is
  never overwritten: reading it raises the store's :class:`~caseview.kernel.storeerrors.UnreadableStoredFile`
  naming the file and the reason, and a copy is set aside in the quarantine folder.
- **Locked read-modify-write.** Changes happen under a cross-process lock on ``<file>.lock``: read
  the file as it is now, change or merge, write atomically (:mod:`caseview.kernel.safefile`). Temp
  files of writers killed mid-write are removed while the lock is held.
- **Newer schema refused.** A file whose schema version is newer than this caseview knows is read
  (when it can be) but never written: the store's :class:`~caseview.kernel.storeerrors.NewerSchemaFile`.

Each store keeps its own format and errors; this module holds what they share.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from caseview.kernel.safefile import atomic_write_bytes, quarantine_copy, remove_stale_temp_files
from caseview.kernel.storeerrors import BusyStoredFile, NewerSchemaFile, UnreadableStoredFile

LOCK_SUFFIX = ".lock"
DEFAULT_LOCK_TIMEOUT_S = 30.0


def lock_path(path: Path) -> Path:
    """The lock beside a stored file: ``case.json`` → ``case.json.lock``."""
    return path.with_name(path.name + LOCK_SUFFIX)


class NotJson(ValueError):
    """Bytes that are not UTF-8 JSON; the message is the reason, for the analyst."""


def parse_json(data: bytes) -> object:
    """The JSON value in ``data``; :class:`NotJson` with a reason a person can act on otherwise."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotJson(f"not UTF-8 text (byte {error.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise NotJson(f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None


@dataclass(frozen=True)
class JsonFile:
    """One stored file and how its store names what can go wrong with it."""

    path: Path
    #: Where copies of unreadable versions go (``.caseview/quarantine/``).
    quarantine_dir: Path
    #: The store's own errors (subclasses of the shared ones, so messages read the same everywhere).
    unreadable: type[UnreadableStoredFile]
    newer: type[NewerSchemaFile]
    busy: Callable[[str], BusyStoredFile]
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT_S

    # -- reading ---------------------------------------------------------------------------------
    def read_bytes(self) -> bytes | None:
        """The file's bytes, None when there is no file yet; ``unreadable`` when it cannot be opened."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise self.unreadable(self.path, f"cannot be opened ({error.strerror or error})") from None

    def reject(self, data: bytes, reason: str) -> UnreadableStoredFile:
        """The error for content that cannot be used, after setting a copy of it aside."""
        return self.unreadable(self.path, reason, quarantine_copy(self.path, data, self.quarantine_dir))

    def parse(self, data: bytes) -> object:
        """The JSON value of the file's bytes; a bad file is quarantined and ``unreadable`` raised."""
        try:
            return parse_json(data)
        except NotJson as error:
            raise self.reject(data, str(error)) from None

    def read_json(self) -> object | None:
        """:meth:`read_bytes` then :meth:`parse`; None when there is no file yet."""
        data = self.read_bytes()
        return None if data is None else self.parse(data)

    def refuse_newer(self, version: int, supported: int) -> None:
        """Raise ``newer`` when ``version`` is newer than ``supported`` (call it before writing)."""
        if version > supported:
            raise self.newer(self.path, version, supported)

    # -- writing ---------------------------------------------------------------------------------
    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the file's cross-process lock for a read-modify-write; ``busy`` when it is not got in time."""
        lock = FileLock(str(lock_path(self.path)), timeout=self.lock_timeout)
        try:
            lock.acquire()
        except Timeout:
            raise self.busy(
                f"{self.path}: another program has held its lock for {self.lock_timeout:.0f} s; try again "
                f"(or remove {lock_path(self.path)} if no caseview is running); nothing was changed"
            ) from None
        try:
            remove_stale_temp_files(self.path)
            yield
        finally:
            lock.release()

    def write_bytes(self, data: bytes) -> None:
        """Replace the file atomically and durably (call it while holding :meth:`locked`)."""
        atomic_write_bytes(self.path, data)

    def write_json(self, value: object) -> None:
        """The value as indented UTF-8 JSON, one key per line (it diffs well), written atomically."""
        self.write_bytes((json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def schema_version_of(data: object, key: str, default: int) -> int:
    """The schema version stored under ``key`` of a JSON object (``default`` when absent or not a whole number)."""
    version = data.get(key, default) if isinstance(data, dict) else default
    return version if isinstance(version, int) and not isinstance(version, bool) else default
