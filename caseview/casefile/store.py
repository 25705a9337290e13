"""Reading and writing one case file safely (the discipline of :mod:`caseview.kernel.jsonstore`,
shared by every file the analyst owns).

* Writes are atomic and happen under a cross-process lock on a sidecar (``case.json.lock``, as
  annotation files do), as a read-modify-write that merges with whatever another writer put on disk
  meanwhile (:func:`caseview.casefile.merge.merge_cases`).
* A file that does not parse or validate is never overwritten: reading it raises
  :class:`CaseFileError` naming the file and the reason, and a copy is set aside in
  ``.caseview/quarantine/``.
* A file from a newer caseview is read leniently and is read-only: writing raises :class:`ReadOnlyCase`
  (and one it cannot read even leniently raises :class:`NewerCaseFile`, with no copy set aside).
* A file from an older caseview is migrated as it is read (:func:`caseview.casefile.codec.migrate`)
  and written in the current schema version on its next change, every value kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from caseview.casefile.codec import OLDEST_VERSION, case_from_data, case_to_json, schema_version_of
from caseview.casefile.errors import CaseBusy, CaseFileError, CaseUsageError, NewerCaseFile, ReadOnlyCase
from caseview.casefile.merge import merge_cases
from caseview.casefile.model import SCHEMA_VERSION, CaseFile, empty_case
from caseview.kernel.jsonstore import JsonFile

#: The default case of a corpus, and the suffix of named ones (``<name>.case.json``).
DEFAULT_CASE_FILE = "case.json"
NAMED_CASE_SUFFIX = ".case.json"
LOCK_TIMEOUT_S = 30.0
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def case_path(root: Path, name: str | None) -> Path:
    """Where the case called ``name`` lives in a corpus (``None`` = the default ``case.json``)."""
    if name is None or name == "":
        return root / DEFAULT_CASE_FILE
    if not _NAME.match(name) or name.endswith(".") or ".." in name:
        raise CaseUsageError(
            f"bad case name {name!r}: use letters, digits, '-', '_' or '.' (at most 64), "
            "starting with a letter or digit"
        )
    return root / f"{name}{NAMED_CASE_SUFFIX}"


def case_names(root: Path) -> list[str | None]:
    """The cases in a corpus folder: ``None`` for ``case.json``, then the named ones, sorted."""
    names: list[str | None] = [None] if (root / DEFAULT_CASE_FILE).is_file() else []
    names += sorted(p.name[: -len(NAMED_CASE_SUFFIX)] for p in root.glob(f"*{NAMED_CASE_SUFFIX}") if p.is_file())
    return names


def _shape_reason(error: Exception) -> str:
    if isinstance(error, RecursionError):
        return "nested too deeply"
    if isinstance(error, ValueError):
        return str(error)
    return f"a value of the wrong kind ({error})"


@dataclass(frozen=True)
class LoadedCase:
    """A case as read from disk: ``read_only`` when a newer caseview wrote it; ``exists`` False for a new case;
    ``migrated_from`` the file's schema version when it is older (the case is migrated, not yet written)."""

    case: CaseFile
    read_only: bool
    exists: bool
    migrated_from: int | None = None


@dataclass(frozen=True)
class SavedCase:
    """One write: the case on disk just before it (``previous``) and what was written (``merged``)."""

    previous: CaseFile
    merged: CaseFile


class CaseStore:
    """One case file: load it, and save changes to it by a locked, merging, atomic read-modify-write."""

    def __init__(
        self,
        path: Path,
        quarantine_dir: Path,
        *,
        default_title: str = "Untitled case",
        lock_timeout: float = LOCK_TIMEOUT_S,
    ) -> None:
        self.path = path
        self.quarantine_dir = quarantine_dir
        self.default_title = default_title
        self.lock_timeout = lock_timeout

    @property
    def lock_path(self) -> Path:
        return self._file.lock_file

    @property
    def _file(self) -> JsonFile:
        return JsonFile(
            self.path,
            self.quarantine_dir,
            unreadable=CaseFileError,
            newer=ReadOnlyCase,
            busy=CaseBusy,
            lock_timeout=self.lock_timeout,
            root=self.path.parent,
        )

    def fingerprint(self) -> tuple[int, int, int] | None:
        """(inode, size, mtime) of the file, to notice cheaply that another writer changed it."""
        try:
            stat = self.path.lstat()  # never through a link (the load refuses one, naming it)
        except FileNotFoundError:
            return None
        return stat.st_ino, stat.st_size, stat.st_mtime_ns

    def load(self) -> LoadedCase:
        """The case on disk (an empty one when there is no file yet). Raises :class:`CaseFileError`."""
        stored = self._file
        raw = stored.read_bytes()
        if raw is None:
            return LoadedCase(empty_case(self.default_title), read_only=False, exists=False)
        data = stored.parse(raw)
        if not isinstance(data, dict):
            raise stored.reject(raw, "the file must hold a JSON object")
        version: int | None = None
        try:
            version = schema_version_of(data)
            case = case_from_data(data, lenient=version > SCHEMA_VERSION)
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError) as error:
            if version is not None and version > SCHEMA_VERSION:  # not damaged: too new for this caseview
                raise NewerCaseFile(self.path, version, f"versions {OLDEST_VERSION}–{SCHEMA_VERSION}") from None
            # A hand-edited file of the wrong shape (a number where a list goes…): named, set aside.
            raise stored.reject(raw, _shape_reason(error)) from None
        migrated = version if version < SCHEMA_VERSION else None
        return LoadedCase(case, read_only=version > SCHEMA_VERSION, exists=True, migrated_from=migrated)

    def save(self, base: CaseFile | None, mine: CaseFile) -> CaseFile:
        """Write ``mine`` merged with the file as it is now; ``base`` is the version ``mine`` came from.

        Returns what was written. Raises :class:`ReadOnlyCase`, :class:`CaseFileError` (the file on
        disk is bad: it is not overwritten) or :class:`CaseBusy`.
        """
        return self.write_merged(base, mine).merged

    def write_merged(self, base: CaseFile | None, mine: CaseFile) -> SavedCase:
        """As :meth:`save`, also returning the file as it was just before (what undo goes back to)."""
        stored = self._file
        with stored.locked():
            current = self.load()
            if current.read_only:
                stored.refuse_newer(current.case.schema_version, SCHEMA_VERSION)
            merged = merge_cases(base, mine, current.case) if current.exists else mine
            merged = merged.model_copy(update={"schema_version": SCHEMA_VERSION})
            stored.write_bytes(case_to_json(merged).encode("utf-8"))
            return SavedCase(current.case, merged)
