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

import sqlite3
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from caseview.corpus.problems import Notice
from caseview.kernel.sqlitestore import DerivedDatabase

CACHE_FILE = "extracted.sqlite"
#: Version of the record layout below (not of any extractor).
RECORD_SCHEMA = 1
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS extracted (sha256 TEXT NOT NULL, extractor TEXT NOT NULL,"
    " schema INTEGER NOT NULL, record TEXT NOT NULL, PRIMARY KEY (sha256, extractor));"
)


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
        self._database = DerivedDatabase(self.path, _SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        return self._database.connection()

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
        self._database.close()
