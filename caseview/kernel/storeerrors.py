"""What can be wrong with a file of the analyst's work, shared by annotation files and case files.

Each store subclasses these with its own base error and the words for what the analyst can do again
once the file is fixed, so the messages read the same everywhere: say so clearly, keep the file
untouched, set a copy aside (see ARCHITECTURE.md, safe writes). :mod:`caseview.kernel.jsonstore`
raises them.
"""

from __future__ import annotations

from pathlib import Path


class UnreadableStoredFile(Exception):
    """A stored file that does not parse or validate. It is kept untouched; a copy is set aside."""

    #: What becomes possible again once the file is fixed, e.g. "annotate this document".
    action = "use it"

    def __init__(self, path: Path, reason: str, quarantined: Path | None = None) -> None:
        self.path = path
        self.reason = reason
        self.quarantined = quarantined
        where = f"; a copy is kept in {quarantined}" if quarantined else ""
        super().__init__(
            f"{path}: cannot be read: {reason}. The file was left untouched{where}; "
            f"fix it or move it away to {self.action} again."
        )


class BusyStoredFile(Exception):
    """Another program held a stored file's lock for too long; nothing was changed (the message says so)."""


class NewerSchemaFile(Exception):
    """A stored file written by a newer caseview: it can be read but not written."""

    #: How the message names the version ("schema", "case schema").
    schema_name = "schema"

    def __init__(self, path: Path, version: int, supported: int) -> None:
        self.path = path
        self.version = version
        super().__init__(
            f"{path}: written by a newer caseview ({self.schema_name} version {version}, this one knows "
            f"{supported}); opened read-only, changes refused. Upgrade caseview to edit it."
        )
