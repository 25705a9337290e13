"""What the index holds, file by file, so that reopening a corpus re-indexes only what changed.

A document is unchanged when its size and modification time (and those of its metadata sidecar)
match the manifest; when they differ, the file is read and its content hash decides.

The manifest is a small SQLite database beside the index rather than one JSON file: at 200,000
documents a JSON manifest is ~100 MB, takes seconds to load and to rewrite after every one-file
change, and ~200 MB of memory as objects. Here a refresh reads only the (id, size, mtimes) columns,
a change writes only its rows, and nothing is held in memory between calls.

The rows are kept small (at 25,488 documents the manifest was 9.4 MB, a sixth of the derived data):
the content hash is stored as its 32 bytes rather than 64 hex digits, and a descriptive string longer
than a few characters (outlet, URL, author, the extras fingerprint, …: the same for every paragraph
of a speech, every article of an outlet) is stored once in ``strings`` and referred to by a 47-bit
hash of it (a collision moves to the next free number). A column holds either the text itself or
that number: SQLite keeps each value's own type. The columns a refresh compares (``stat_keys``) are
stored as they are.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

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
#: Columns whose longer values are stored once in ``strings`` (never one a refresh compares).
_SHARED_COLUMNS = frozenset(
    {"format", "encoding", "title_source", "outlet", "published_precision", "url", "author"}
    | {"extras_key", "parent", "problems"}
)
#: A shorter value takes less room inline than a reference (an integer of up to 6 bytes).
_INLINE_MAX = 8
_ID_LIMIT = 2**47
#: Above every character a document id holds: the end of the range of ids that start with a prefix.
_HIGHEST_CHARACTER = chr(0x10FFFF)
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (doc_id TEXT PRIMARY KEY, {", ".join(_ENTRY_COLUMNS)}) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skipped (doc_id TEXT PRIMARY KEY, size, mtime_ns, reason, kind) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS strings (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
"""


def _string_id(text: str) -> int:
    """Where ``text`` is looked for first in ``strings``: a hash, positive and below 2**47."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=6).digest(), "big") >> 1


def _stored_value(name: str, value: object, intern: Callable[[str], int]) -> object:
    """A field's value as its column holds it."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        if name == "sha256" and _SHA256_HEX.fullmatch(value):
            return bytes.fromhex(value)
        if name in _SHARED_COLUMNS and len(value) > _INLINE_MAX:
            return intern(value)
    return value


def _entry_from_row(row: Sequence[object], text_of: Callable[[int], str]) -> ManifestEntry:
    values: dict[str, object] = {}
    for name, value in zip(_ENTRY_COLUMNS, row, strict=True):
        if isinstance(value, bytes):
            value = value.hex()
        elif isinstance(value, int) and name in _SHARED_COLUMNS:
            value = text_of(value)
        values[name] = value
    return ManifestEntry.model_validate(values)


class Manifest:
    """The manifest of the index in ``folder``. Thread-safe; changes are buffered until :meth:`commit`."""

    def __init__(self, folder: Path, schema_version: int) -> None:
        self.path = folder / MANIFEST_NAME
        self.schema_version = schema_version
        self._lock = threading.RLock()
        self._in_transaction = False
        #: text → its row in ``strings``, for the transaction under way (no other writer meanwhile).
        self._interned: dict[str, int] = {}
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
            # A row of a version before shared strings (texts and hex digits inline) reads as it is.
            if columns != ["doc_id", *_ENTRY_COLUMNS] or skipped != ["doc_id", "size", "mtime_ns", "reason", "kind"]:
                # Written by a version with other columns: start afresh (every file is re-read).
                db.executescript(
                    "DROP TABLE documents; DROP TABLE skipped; DROP TABLE info; DROP TABLE strings;" + _SCHEMA
                )
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
            # Also the strings no row refers to any more (kept until now: a changed URL leaves one).
            self._db.execute("DELETE FROM strings")
            self._interned.clear()
            self._db.execute("INSERT OR REPLACE INTO info VALUES ('schema_version', ?)", (str(self.schema_version),))

    # -- reading -----------------------------------------------------------------------------
    def stat_keys(self, prefixes: Iterable[str] | None = None) -> dict[str, tuple[int, int, int, str]]:
        """doc_id → (size, mtime_ns, meta_mtime_ns, extras_stamp) of every indexed document: what a refresh
        compares. With ``prefixes``, only the documents whose id starts with one of them (a file's own
        id and those of the attachments in it): a file watcher's refresh of one file then reads a few
        rows through the key's index, not all 200,000 (240 ms of CPU, twice per refresh)."""
        columns = "doc_id, size, mtime_ns, meta_mtime_ns, extras_stamp"
        with self._lock:
            rows = self._rows("documents", columns, prefixes)
            return {row[0]: row[1:] for row in rows}

    def skipped_keys(self, prefixes: Iterable[str] | None = None) -> dict[str, SkippedEntry]:
        """The files a refresh skipped (unreadable, too large …), as :meth:`stat_keys` (``prefixes`` too)."""
        with self._lock:
            rows = self._rows("skipped", "doc_id, size, mtime_ns, reason, kind", prefixes)
        return {
            doc_id: SkippedEntry(size=size, mtime_ns=mtime, reason=reason, kind=kind or "unreadable")
            for doc_id, size, mtime, reason, kind in rows
        }

    def _rows(self, table: str, columns: str, prefixes: Iterable[str] | None) -> list[Any]:
        if prefixes is None:
            return self._db.execute(f"SELECT {columns} FROM {table}").fetchall()
        # A range of the primary key per prefix: the ids that start with it sort from it up to it
        # followed by the highest code point (text compares by its UTF-8 bytes).
        query = f"SELECT {columns} FROM {table} WHERE doc_id >= ? AND doc_id < ?"
        rows: list[Any] = []
        for prefix in dict.fromkeys(prefixes):
            rows.extend(self._db.execute(query, (prefix, prefix + _HIGHEST_CHARACTER)).fetchall())
        return rows

    def get(self, doc_id: str) -> ManifestEntry | None:
        with self._lock:
            row = self._db.execute(
                f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM documents WHERE doc_id = ?", (doc_id,)
            ).fetchone()
            return _entry_from_row(row, self._text_of) if row else None

    def _text_of(self, string_id: int) -> str:
        row = self._db.execute("SELECT text FROM strings WHERE id = ?", (string_id,)).fetchone()
        if row is None:
            raise KeyError(f"manifest string {string_id} is missing")  # never expected: written together
        text: str = row[0]
        return text

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
            strings: dict[int, str] = dict(self._db.execute("SELECT id, text FROM strings").fetchall())
        for row in rows:
            yield row[0], _entry_from_row(row[1:], strings.__getitem__)

    # -- writing (buffered in a transaction until commit) -------------------------------------
    def _begin(self) -> None:
        if not self._in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
            self._in_transaction = True
            self._interned.clear()  # another process may have written (or reset) since our last one

    def _intern(self, text: str) -> int:
        """The row of ``strings`` holding ``text``, added if there is none (inside a transaction)."""
        known = self._interned.get(text)
        if known is not None:
            return known
        string_id = _string_id(text)
        while True:
            row = self._db.execute("SELECT text FROM strings WHERE id = ?", (string_id,)).fetchone()
            if row is None:
                self._db.execute("INSERT INTO strings VALUES (?, ?)", (string_id, text))
                break
            if row[0] == text:
                break
            string_id = (string_id + 1) % _ID_LIMIT  # another text has this hash: the next number
        self._interned[text] = string_id
        return string_id

    def put(self, doc_id: str, entry: ManifestEntry) -> None:
        with self._lock:
            self._begin()
            placeholders = ", ".join("?" * (len(_ENTRY_COLUMNS) + 1))
            row = (doc_id, *(_stored_value(name, getattr(entry, name), self._intern) for name in _ENTRY_COLUMNS))
            self._db.execute(f"INSERT OR REPLACE INTO documents VALUES ({placeholders})", row)

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
