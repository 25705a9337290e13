"""One discipline for every JSON file the analyst owns: annotation files, case files, entity
corrections and document metadata sidecars (see ARCHITECTURE.md, safe writes).

- **Read with quarantine.** A file that is not UTF-8 JSON (or that its store cannot validate) is
  never overwritten: reading it raises the store's :class:`~caseview.kernel.storeerrors.UnreadableStoredFile`
  naming the file and the reason, and a copy is set aside in the quarantine folder.
- **Locked read-modify-write.** Changes happen under a cross-process lock on ``<file>.lock``: read
  the file as it is now, change or merge, write atomically (:mod:`caseview.kernel.safefile`). Temp
  files of writers killed mid-write are removed while the lock is held.
- **Parsed within limits.** At most :data:`MAX_JSON_BYTES`, nested at most as deep as Python's
  decoder goes, integers of at most :data:`MAX_INT_DIGITS` digits: anything beyond is a bad file
  (quarantined), never a ``RecursionError`` or ``ValueError`` traceback.
- **Inside the jail.** The file is read without following a link and only when it is a regular
  file (a FIFO would block): :mod:`caseview.kernel.jail`. A link is refused and set aside as a
  link, never as its target. The lock lives in ``.caseview/locks/`` (:func:`caseview.kernel.paths.lock_path_for`)
  and is opened the same way (:mod:`caseview.kernel.locks`).
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

from caseview.kernel.jail import JailError, no_linked_folders, read_regular
from caseview.kernel.locks import LockTimeout, OwnedLock
from caseview.kernel.paths import lock_path_for
from caseview.kernel.safefile import atomic_write_bytes, quarantine_copy, quarantine_link, remove_stale_temp_files
from caseview.kernel.storeerrors import BusyStoredFile, NewerSchemaFile, UnreadableStoredFile

LOCK_SUFFIX = ".lock"
DEFAULT_LOCK_TIMEOUT_S = 30.0
#: The largest JSON file of the analyst's caseview reads (an annotation file of 100,000 annotations is ~60 MB).
MAX_JSON_BYTES = 512 * 1024 * 1024
#: Longer integers are not offsets, counts or versions: refused before Python's 4,300-digit limit is hit.
MAX_INT_DIGITS = 40


def lock_path(path: Path, derived_dir: Path) -> Path:
    """The lock of a stored file, in the derived folder's ``locks/`` (see :func:`lock_path_for`)."""
    return lock_path_for(derived_dir, path)


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise NotJson(f"an integer of {len(text.lstrip('-')):,} digits (caseview reads at most {MAX_INT_DIGITS})")
    return int(text)


class NotJson(ValueError):
    """Bytes that are not UTF-8 JSON; the message is the reason, for the analyst."""


def parse_json(data: bytes) -> object:
    """The JSON value in ``data``; :class:`NotJson` with a reason a person can act on otherwise."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotJson(f"not UTF-8 text (byte {error.start})") from None
    try:
        return json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as error:
        raise NotJson(f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    except RecursionError:
        raise NotJson("nested too deeply (arrays or objects inside each other thousands of levels deep)") from None
    except ValueError as error:  # Python's own integer-length limit, should parse_int be bypassed
        raise NotJson(str(error).split(";")[0]) from None


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
    #: The corpus folder the file belongs to: no folder between it and the file may be a link.
    root: Path | None = None
    #: The derived folder whose ``locks/`` holds the lock (default: the quarantine folder's parent,
    #: which is ``.caseview/``).
    derived_dir: Path | None = None

    @property
    def lock_file(self) -> Path:
        return lock_path_for(self.derived_dir or self.quarantine_dir.parent, self.path)

    # -- reading ---------------------------------------------------------------------------------
    def read_bytes(self) -> bytes | None:
        """The file's bytes, None when there is no file yet; ``unreadable`` when it cannot be opened."""
        try:
            if self.root is not None:
                no_linked_folders(self.root, self.path)
            return read_regular(self.path, MAX_JSON_BYTES, follow_links=False)
        except FileNotFoundError:
            return None
        except JailError as error:
            copy = quarantine_link(self.path, self.quarantine_dir) if self.path.is_symlink() else None
            reason = str(error).removeprefix(f"{self.path}: ")
            raise self.unreadable(self.path, reason, copy) from None
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
        derived = self.derived_dir or self.quarantine_dir.parent
        lock = OwnedLock(self.lock_file, self.lock_timeout, stop=derived.parent)
        try:
            lock.acquire()
        except LockTimeout:
            raise self.busy(
                f"{self.path}: another program has held its lock for {self.lock_timeout:.0f} s; try again "
                f"(or remove {self.lock_file} if no caseview is running); nothing was changed"
            ) from None
        except OSError as error:  # a lock (or its folder) that is a link, a FIFO, unwritable
            reason = str(error) if isinstance(error, JailError) else f"{self.lock_file}: {error.strerror or error}"
            raise self.unreadable(self.path, f"its lock cannot be used: {reason}") from None
        try:
            remove_stale_temp_files(self.path)
            yield
        finally:
            lock.release()

    def write_bytes(self, data: bytes) -> None:
        """Replace the file atomically and durably (call it while holding :meth:`locked`).

        The rename replaces a link at the file's place, never writes through it; a linked folder on
        the way is refused (:class:`~caseview.kernel.jail.JailError`, an ``OSError``)."""
        if self.root is not None:
            no_linked_folders(self.root, self.path)
        atomic_write_bytes(self.path, data)

    def write_json(self, value: object) -> None:
        """The value as indented UTF-8 JSON, one key per line (it diffs well), written atomically."""
        self.write_bytes((json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def schema_version_of(data: object, key: str, default: int) -> int:
    """The schema version stored under ``key`` of a JSON object (``default`` when absent or not a whole number)."""
    version = data.get(key, default) if isinstance(data, dict) else default
    return version if isinstance(version, int) and not isinstance(version, bool) else default
