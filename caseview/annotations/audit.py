"""The append-only audit log of every change to annotations: who, when, what (one JSON line each).

It lives at the corpus root (``caseview-audit.jsonl``), beside the annotation files, because it is
the analyst's record, not derived data. Lines are only ever appended, under a lock, and fsynced.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from filelock import FileLock
from pydantic import BaseModel, ConfigDict, ValidationError

from caseview.annotations.jsonld import format_time

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
    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, entry: AuditEntry) -> None:
        data = entry.model_dump(mode="json")
        data["at"] = format_time(entry.at)
        line = json.dumps(data, ensure_ascii=False) + "\n"
        with FileLock(str(self.path) + ".lock", timeout=15), open(self.path, "ab+") as handle:
            handle.seek(0, os.SEEK_END)
            if handle.tell() > 0:
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":
                    line = "\n" + line  # a line cut by a crash: end it, so this entry stays whole
            handle.write(line.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())

    def read(self) -> list[AuditEntry]:
        """Every entry, oldest first; a damaged line (e.g. cut by a crash) is skipped."""
        try:
            lines = self.path.read_text(encoding="utf-8", errors="replace").splitlines()
        except FileNotFoundError:
            return []
        entries = []
        for line in lines:
            try:
                entries.append(AuditEntry.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValidationError):
                continue
        return entries
