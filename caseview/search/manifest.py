"""What the index holds, file by file, so that reopening a corpus re-indexes only what changed.

A document is unchanged when its size and modification time (and those of its metadata sidecar)
match the manifest; when they differ, the file is read and its content hash decides.

The manifest is a small SQLite database beside the index rather than one JSON file: at 200,000
documents a JSON manifest is ~100 MB, takes seconds to load and to rewrite after every one-file
change, and ~200 MB of memory as objects. Here a refresh reads only the (id, size, mtimes) columns,
a change writes only its rows, and nothing is held in memory between calls.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from caseview.corpus.pubdate import DatePrecision

MANIFEST_NAME = "index-manifest.sqlite"
_BUSY_TIMEOUT_S = 30.0


class ManifestEntry(BaseModel):
    size: int
    mtime_ns: int
    meta_mtime_ns: int = 0
    sha256: str
    format: str
    encoding: str = "utf-8"
    title: str
    title_source: str = "inferred"
    outlet: str | None = None
    published: date | None = None
    #: How much of ``published`` is known ("day", "month", "year"), and a lower bound for an undated one.
    published_precision: DatePrecision = "day"
    published_after: date | None = None
    url: str | None = None
    author: str | None = None
    #: Fingerprint of the entity/tag/note values indexed with the document.
    extras_key: str = ""
    #: Stamp of the files those values come from (e.g. the annotation file's inode, size, mtime):
    #: when it differs, a refresh recomputes them (another program wrote tags or notes).
    extras_stamp: str = ""
    #: How many pages the document has (0: a format without pages).
    pages: int = 0
    #: The document it was found in (an e-mail's attachment, a mailbox's message), else None.
    parent: str | None = None
    #: The caveats it was read with, as JSON [[kind, reason], …] (see workspace.ingest).
    problems: str = ""


class SkippedEntry(BaseModel):
    size: int
    mtime_ns: int
    reason: str
    #: What kind of problem it was (``caseview check`` groups by it): see ``corpus.problems.ProblemKind``.
    kind: str = "unreadable"


_ENTRY_COLUMNS = tuple(ManifestEntry.model_fields)
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (doc_id TEXT PRIMARY KEY, {", ".join(_ENTRY_COLUMNS)}) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skipped (doc_id TEXT PRIMARY KEY, size, mtime_ns, reason, kind) WITHOUT ROWID;
"""


def _entry_row(doc_id: str, entry: ManifestEntry) -> tuple[object, ...]:
    values = [getattr(entry, name) for name in _ENTRY_COLUMNS]
    return (doc_id, *(value.isoformat() if isinstance(value, date) else value for value in values))


def _entry_from_row(row: tuple[object, ...]) -> ManifestEntry:
    return ManifestEntry.model_validate(dict(zip(_ENTRY_COLUMNS, row, strict=True)))


class Manifest:
    """The manifest of the index in ``folder``. Thread-safe; changes are buffered until :meth:`commit`."""

    def __init__(self, folder: Path, schema_version: int) -> None:
        self.path = folder / MANIFEST_NAME
        self.schema_version = schema_version
        self._lock = threading.RLock()
        self._in_transaction = False
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError:
            # Not a database (damaged): it is derived data, so start a new one (every file is re-read).
            for suffix in ("", "-wal", "-shm"):
                self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
            self._db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")  # readers (another window) never wait for a refresh
            db.execute("PRAGMA synchronous=NORMAL")  # derived data: a lost last commit only re-reads files
            db.executescript(_SCHEMA)
            columns = [row[1] for row in db.execute("PRAGMA table_info(documents)")]
            skipped = [row[1] for row in db.execute("PRAGMA table_info(skipped)")]
            if columns != ["doc_id", *_ENTRY_COLUMNS] or skipped != ["doc_id", "size", "mtime_ns", "reason", "kind"]:
                # Written by a version with other columns: start afresh (every file is re-read).
                db.executescript("DROP TABLE documents; DROP TABLE skipped; DROP TABLE info;" + _SCHEMA)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    # -- opening -----------------------------------------------------------------------------
    def is_current(self) -> bool:
        """True when this manifest was written for the current schema version."""
        with self._lock:
            row = self._db.execute("SELECT value FROM info WHERE key = 'schema_version'").fetchone()
        return row is not None and row[0] == str(self.schema_version)

    def reset(self) -> None:
        """Forget every entry (the index is being rebuilt) and record the schema version."""
        with self._lock:
            self._begin()
            self._db.execute("DELETE FROM documents")
            self._db.execute("DELETE FROM skipped")
            self._db.execute("INSERT OR REPLACE INTO info VALUES ('schema_version', ?)", (str(self.schema_version),))

    # -- reading -----------------------------------------------------------------------------
    def stat_keys(self) -> dict[str, tuple[int, int, int, str]]:
        """doc_id → (size, mtime_ns, meta_mtime_ns, extras_stamp) of every indexed document: what a refresh compares."""
        query = "SELECT doc_id, size, mtime_ns, meta_mtime_ns, extras_stamp FROM documents"
        with self._lock:
            return {row[0]: row[1:] for row in self._db.execute(query)}

    def skipped_keys(self) -> dict[str, SkippedEntry]:
        with self._lock:
            rows = self._db.execute("SELECT doc_id, size, mtime_ns, reason, kind FROM skipped").fetchall()
        return {
            doc_id: SkippedEntry(size=size, mtime_ns=mtime, reason=reason, kind=kind or "unreadable")
            for doc_id, size, mtime, reason, kind in rows
        }

    def get(self, doc_id: str) -> ManifestEntry | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM documents WHERE doc_id = ?", (doc_id,)
            ).fetchone()
        return _entry_from_row(row) if row else None

    def __contains__(self, doc_id: object) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is not None

    def is_empty(self) -> bool:
        with self._lock:
            return self._db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None

    def __len__(self) -> int:
        with self._lock:
            count: int = self._db.execute("SELECT count(*) FROM documents").fetchone()[0]
            return count

    def entries(self) -> Iterator[tuple[str, ManifestEntry]]:
        """Every document, by id (code-point order, as ``sorted`` gives: SQLite compares UTF-8 bytes)."""
        with self._lock:
            rows = self._db.execute(
                f"SELECT doc_id, {', '.join(_ENTRY_COLUMNS)} FROM documents ORDER BY doc_id"
            ).fetchall()
        for row in rows:
            yield row[0], _entry_from_row(row[1:])

    # -- writing (buffered in a transaction until commit) -------------------------------------
    def _begin(self) -> None:
        if not self._in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
            self._in_transaction = True

    def put(self, doc_id: str, entry: ManifestEntry) -> None:
        with self._lock:
            self._begin()
            placeholders = ", ".join("?" * (len(_ENTRY_COLUMNS) + 1))
            self._db.execute(f"INSERT OR REPLACE INTO documents VALUES ({placeholders})", _entry_row(doc_id, entry))

    def remove(self, doc_ids: Iterable[str]) -> None:
        with self._lock:
            self._begin()
            self._db.executemany("DELETE FROM documents WHERE doc_id = ?", ((doc_id,) for doc_id in doc_ids))

    def put_skipped(self, doc_id: str, entry: SkippedEntry) -> None:
        with self._lock:
            self._begin()
            row = (doc_id, entry.size, entry.mtime_ns, entry.reason, entry.kind)
            self._db.execute("INSERT OR REPLACE INTO skipped VALUES (?, ?, ?, ?, ?)", row)

    def remove_skipped(self, doc_ids: Iterable[str]) -> None:
        with self._lock:
            self._begin()
            self._db.executemany("DELETE FROM skipped WHERE doc_id = ?", ((doc_id,) for doc_id in doc_ids))

    def commit(self) -> None:
        with self._lock:
            if self._in_transaction:
                self._db.execute("COMMIT")
                self._in_transaction = False

    def rollback(self) -> None:
        with self._lock:
            if self._in_transaction:
                self._db.execute("ROLLBACK")
                self._in_transaction = False

    @contextmanager
    def transaction(self) -> Iterator[Manifest]:
        """Commit what the block wrote, or roll it all back if the block raised.

        Only the calls lock, not the block: searches keep reading the manifest during a long refresh.
        """
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        self.commit()

    def close(self) -> None:
        with self._lock:
            self.rollback()
            self._db.close()
