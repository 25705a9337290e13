"""One SQLite file of derived data, shared by the threads of a process and by processes.

The caches that remember one record per document content (the extracted texts of PDF, Word or
e-mail files; each document's entities, dates and events) keep their records in one database file
each rather than a file per record: a record costs one row written in the file's write-ahead log,
not a file created and renamed in a folder, which on a busy disk cost up to half a millisecond of
system time per document. Everything in such a file is derived: a crash may lose the newest rows
(``synchronous=NORMAL``), a file that is no longer a database is set aside and started afresh,
and a folder that cannot be written to only means every record is computed again.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from pathlib import Path

#: How long a writer waits for another process's write to the same file before giving up on a record.
BUSY_TIMEOUT_S = 60.0


class DerivedDatabase:
    """A SQLite file at ``path`` whose tables ``schema`` (idempotent DDL) creates; one connection per
    thread and process, opened on first use."""

    def __init__(self, path: Path, schema: str) -> None:
        self.path = path
        self.schema = schema
        self._local = threading.local()

    def __getstate__(self) -> dict[str, object]:
        """Picklable (for process pools): only the path and schema travel; connections are per process."""
        return {"path": self.path, "schema": self.schema}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.path = Path(str(state["path"]))
        self.schema = str(state["schema"])
        self._local = threading.local()

    def connection(self) -> sqlite3.Connection:
        """This thread's connection; ``sqlite3.Error`` or ``OSError`` when the file cannot be used."""
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

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            # A commit need not reach the disk at once: a crash loses at most the newest records
            # of a cache that is rebuilt from the files (no work of the analyst's).
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(self.schema)
            connection.commit()
        except sqlite3.DatabaseError:
            connection.close()
            raise
        return connection

    def _discard_corrupt(self) -> None:
        """A file that is not a database any more is derived data: set aside, started afresh."""
        with contextlib.suppress(OSError):
            self.path.replace(self.path.with_name(self.path.name + ".corrupt"))
        for suffix in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                self.path.with_name(self.path.name + suffix).unlink()

    def close(self) -> None:
        """Close this thread's connection (the others close with their threads)."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
