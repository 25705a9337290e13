"""The append-only audit log of every change to annotations: who, when, what (one JSON line each).

It lives at the corpus root (``caseview-audit.jsonl``), beside the annotation files, because it is
the analyst's record, not derived data. Lines are only ever appended, under a lock (in
``.caseview/locks/``), and fsynced. The log is opened without following a link and only when it is
a regular file: a log linked to a file outside the corpus is never appended to.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from caseview.annotations.jsonld import format_time
from caseview.kernel.jail import JailError, open_owned, read_regular
from caseview.kernel.locks import LockTimeout, OwnedLock

#: How long an append waits for another writer's lock on the log.
AUDIT_LOCK_TIMEOUT_S = 15.0

AUDIT_FILE = "caseview-audit.jsonl"


class AuditEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    at: datetime
    who: str
    #: add, edit, retag, delete, undo, redo, resolve
    action: str
    doc_id: str
    annotation_id: str
    #: What changed, in words ("tags: a, b; note: …"), and how the merge went when not plainly.
    summary: str = ""

    def line(self) -> str:
        return (
            f"{format_time(self.at)}  {self.who}  {self.action:<7} {self.doc_id}  {self.annotation_id}  {self.summary}"
        )


class AuditLog:
    def __init__(self, path: Path, *, lock_file: Path | None = None, root: Path | None = None) -> None:
        self.path = path
        #: Where the log's lock lives (the derived folder's ``locks/``); beside the log when not given.
        self.lock_file = lock_file if lock_file is not None else path.with_name(path.name + ".lock")
        self.root = root

    def append(self, entry: AuditEntry) -> None:
        """Append one line; ``OSError`` (a :class:`JailError` for a link or special file) with a
        one-line message when the log cannot be written."""
        data = entry.model_dump(mode="json")
        data["at"] = format_time(entry.at)
        line = json.dumps(data, ensure_ascii=False) + "\n"
        stop = self.lock_file.parent.parent.parent
        try:
            with OwnedLock(self.lock_file, AUDIT_LOCK_TIMEOUT_S, stop=stop):
                descriptor = open_owned(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, root=self.root)
                with os.fdopen(descriptor, "rb+") as handle:
                    handle.seek(0, os.SEEK_END)
                    if handle.tell() > 0:
                        handle.seek(-1, os.SEEK_END)
                        if handle.read(1) != b"\n":
                            line = "\n" + line  # a line cut by a crash: end it, so this entry stays whole
                    handle.write(line.encode("utf-8"))
                    handle.flush()
                    os.fsync(handle.fileno())
        except LockTimeout:
            raise OSError(f"{self.path}: another program held its lock for {AUDIT_LOCK_TIMEOUT_S:.0f} s") from None
        except JailError:
            raise
        except OSError as error:
            raise OSError(f"{self.path}: cannot be appended to ({error.strerror or error})") from None

    def read(self) -> list[AuditEntry]:
        """Every entry, oldest first; a damaged line (e.g. cut by a crash) is skipped; a log that is a
        link or not a regular file reads as empty (never through the link)."""
        try:
            data = read_regular(self.path, follow_links=False)
        except (FileNotFoundError, JailError):
            return []
        except OSError:
            return []
        lines = data.decode("utf-8", errors="replace").splitlines()
        entries = []
        for line in lines:
            try:
                entries.append(AuditEntry.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValidationError, RecursionError, ValueError):
                continue
        return entries
