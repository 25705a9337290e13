"""The extraction cache: one record per document content in ``<derived_dir>/extract/<version>/``.

The key is the extractor version (logic + data files), the sha256 of the text and the publication
fact — the date *with its precision* (relative times resolve against it: "2026-04" and "2026-04-01"
resolve "last week" differently). A changed document, a new or corrected publication date or a new
extractor version each miss the cache, for that document only; stale records are harmless, and an
old version's folder can be deleted at any time.

The records (each extraction's JSON) are rows of one SQLite file per extractor version
(:class:`~caseview.kernel.sqlitestore.DerivedDatabase`), not a file each: a first build stores one
per document, and creating and renaming a file cost more than extracting a paragraph. Another
version's folder is deleted once nobody has written to it for a week (:func:`prune_old_versions`).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import threading
import time
import weakref
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from caseview.corpus.pubdate import PublicationDate
from caseview.extract.lexicon import extractor_version
from caseview.extract.models import DocumentExtraction
from caseview.extract.nlp import backend_tag
from caseview.kernel.sqlitestore import DerivedDatabase

CACHE_FOLDER = "extract"
#: The file of one extractor version's records, in that version's folder.
CACHE_FILE = "extractions.sqlite"
_SCHEMA = "CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, record TEXT NOT NULL) WITHOUT ROWID;"
SELECT_RECORD = "SELECT record FROM extractions WHERE key = ?"
INSERT_RECORD = "INSERT OR REPLACE INTO extractions (key, record) VALUES (?, ?)"
#: Records written in one transaction. A first build puts one per document, and a commit each cost
#: more than the rows (the log's frames, its locks and its checkpoints); a crash loses at most these.
BATCH_RECORDS = 64


#: What a document's extraction was resolved against: a day, or a date known to the month or year.
Published = date | PublicationDate | None


def publication_fact(published: Published) -> str:
    """The publication fact as it enters the key: "2026-04-17", "2026-04", "2026" or "-"."""
    if published is None:
        return "-"
    if isinstance(published, PublicationDate):
        # A day keeps the key it had before precision existed, so old caches stay valid.
        return published.value.isoformat() if published.precision == "day" else published.iso()
    return published.isoformat()


def cache_key(text_sha256: str, published: Published) -> str:
    material = f"{extractor_version()}|{backend_tag()}|{text_sha256}|{publication_fact(published)}"
    return hashlib.sha256(material.encode()).hexdigest()


class ExtractionCache:
    """Per-document extractions by :func:`cache_key`; safe to share between threads and processes."""

    def __init__(self, derived_dir: Path) -> None:
        self.folder = derived_dir / CACHE_FOLDER / extractor_version()
        self.path = self.folder / CACHE_FILE
        prune_old_versions(self.folder)
        self._database = DerivedDatabase(self.path, _SCHEMA)
        #: Key → record put but not written yet (see BATCH_RECORDS); read by :meth:`get` too.
        self._pending: dict[str, str] = {}
        self._pending_lock = threading.Lock()
        # What is still pending when the cache is dropped, or at exit, is written then.
        weakref.finalize(self, _write_pending, self._database, self._pending, self._pending_lock)

    def get(self, text_sha256: str, published: Published) -> DocumentExtraction | None:
        key = cache_key(text_sha256, published)
        with self._pending_lock:
            record = self._pending.get(key)
        if record is None:
            try:
                row = self._database.connection().execute(SELECT_RECORD, (key,)).fetchone()
            except (OSError, sqlite3.Error):
                return None  # no usable cache (a read-only folder, say): extract again
            if row is None:
                return None
            record = row[0]
        try:
            return DocumentExtraction.model_validate_json(record)
        except (ValueError, ValidationError):
            return None  # damaged: extract again (and the new record replaces it)

    def put(self, text_sha256: str, published: Published, extraction: DocumentExtraction) -> bool:
        """Store ``extraction`` (written with the next :data:`BATCH_RECORDS` - 1 others); False when the
        cache could not be written (a read-only corpus folder, another process writing too long),
        which only costs extracting again the documents of that batch."""
        record = extraction.model_dump_json(exclude_defaults=True)
        key = cache_key(text_sha256, published)
        with self._pending_lock:
            self._pending[key] = record
            full = len(self._pending) >= BATCH_RECORDS
        return self.flush() if full else True

    def flush(self) -> bool:
        """Write the records not written yet; whether they were (if not, they are dropped)."""
        return _write_pending(self._database, self._pending, self._pending_lock)

    def close(self) -> None:
        """Write what is pending and close this thread's connection to the cache file."""
        self.flush()
        self._database.close()


#: An older extractor version's records are deleted once untouched this long: a caseview upgraded
#: (or a rule changed) makes a new version folder, and the old one is never read again by it. A
#: week leaves the folder to an older caseview another analyst still runs on the same corpus.
STALE_VERSION_S = 7 * 24 * 3600


def prune_old_versions(current: Path) -> None:
    """Delete the other version folders beside ``current`` that nobody wrote for a week (best effort)."""
    try:
        siblings = [entry for entry in current.parent.iterdir() if entry != current and entry.is_dir()]
    except OSError:
        return
    cutoff = time.time() - STALE_VERSION_S
    for folder in siblings:
        try:
            newest = max((item.stat().st_mtime for item in folder.iterdir()), default=folder.stat().st_mtime)
            if newest < cutoff:
                shutil.rmtree(folder)
        except OSError:
            continue  # in use, or not ours to delete: it stays, and costs only disk


def _write_pending(database: DerivedDatabase, pending: dict[str, str], lock: threading.Lock) -> bool:
    with lock:
        records = list(pending.items())
        pending.clear()
    if not records:
        return True
    try:
        connection = database.connection()
        with connection:
            connection.executemany(INSERT_RECORD, records)
    except (OSError, sqlite3.Error):
        return False
    return True
