"""The extracted-text cache: the same file bytes always give the same document text.

Text extracted from PDF, Word, e-mail and the like is stored in ``<derived dir>/extracted.sqlite``,
keyed by the SHA-256 of the file's bytes and the extractor's version (a document inside a file:
the file's hash followed by the id steps leading to it). Reading an unchanged file
costs a hash and a lookup, no extraction; upgrading a library changes nothing already read (the
text offsets annotations point into must not move); only a new extractor version re-extracts, and
then annotations re-anchor as for an edited document. The cache is derived data: deleting it loses
no work, only that guarantee for files whose library changed meanwhile.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from caseview.corpus.problems import Notice

CACHE_FILE = "extracted.sqlite"
#: Version of the record layout below (not of any extractor).
RECORD_SCHEMA = 1


class CachedChild(BaseModel):
    """A document inside a cached file: its id step and its file name (whose suffix gives its format)."""

    model_config = ConfigDict(frozen=True)

    step: str
    filename: str


class CachedExtraction(BaseModel):
    """Everything a reader returned for one file's bytes, as stored."""

    model_config = ConfigDict(frozen=True)

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    extra: dict[str, str] = {}
    pages: tuple[int, ...] = ()
    notices: tuple[Notice, ...] = ()
    children: tuple[CachedChild, ...] = ()
    ocr_pending: bool = False


class TextCache:
    """Extracted texts by (file hash, extractor version), in one SQLite file shared by processes."""

    def __init__(self, derived_dir: Path) -> None:
        self.path = Path(derived_dir) / CACHE_FILE
        self._local = threading.local()

    def __getstate__(self) -> dict[str, object]:
        """Picklable (for process pools): only the path travels; connections are per process."""
        return {"path": self.path}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.path = Path(str(state["path"]))
        self._local = threading.local()

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=60.0)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            # A commit need not reach the disk at once: a crash loses at most the newest records
            # of a cache that is rebuilt from the files (no work of the analyst's).
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS extracted (sha256 TEXT NOT NULL, extractor TEXT NOT NULL,"
                " schema INTEGER NOT NULL, record TEXT NOT NULL, PRIMARY KEY (sha256, extractor))"
            )
            connection.commit()
        except sqlite3.DatabaseError:
            connection.close()
            raise
        return connection

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        # A connection must not cross a fork (the index writers are forked processes): each opens its own.
        if connection is not None and getattr(self._local, "pid", None) != os.getpid():
            connection = None
        if connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                connection = self._open()
            except sqlite3.DatabaseError:
                self._discard_corrupt()
                connection = self._open()
            self._local.connection = connection
            self._local.pid = os.getpid()
        return connection

    def _discard_corrupt(self) -> None:
        """A cache that is not a database any more is derived data: set aside, started afresh."""
        with contextlib.suppress(OSError):
            self.path.replace(self.path.with_name(self.path.name + ".corrupt"))
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                self.path.with_name(self.path.name + suffix).unlink()

    def get(self, sha256: str, extractor: str) -> CachedExtraction | None:
        try:
            row = (
                self._connection()
                .execute("SELECT schema, record FROM extracted WHERE sha256 = ? AND extractor = ?", (sha256, extractor))
                .fetchone()
            )
        except sqlite3.Error:
            return None
        if row is None or row[0] != RECORD_SCHEMA:
            return None
        try:
            return CachedExtraction.model_validate_json(row[1])
        except ValidationError:
            return None

    def put(self, sha256: str, extractor: str, record: CachedExtraction) -> None:
        """Store ``record``; a cache that cannot be written only costs a re-extraction later."""
        try:
            connection = self._connection()
            with connection:
                connection.execute(
                    "INSERT OR REPLACE INTO extracted (sha256, extractor, schema, record) VALUES (?, ?, ?, ?)",
                    (sha256, extractor, RECORD_SCHEMA, record.model_dump_json()),
                )
        except sqlite3.Error:
            return

    def close(self) -> None:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
