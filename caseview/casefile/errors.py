"""Everything that can go wrong with a case file, as specific exceptions with readable messages."""

from __future__ import annotations

from pathlib import Path


class CaseError(Exception):
    """Base class: the message is meant for the analyst, as it is."""


class CaseUsageError(CaseError, ValueError):
    """A request that cannot be carried out as asked (bad name, bad position, unknown relation…)."""


class UnknownItem(CaseError, KeyError):
    """No item (or link, or section) matches the reference given."""

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return str(self.args[0]) if self.args else "unknown item"


class CaseFileError(CaseError):
    """A case file that does not parse or validate. It is kept untouched; a copy is set aside."""

    def __init__(self, path: Path, reason: str, quarantined: Path | None = None) -> None:
        self.path = path
        self.reason = reason
        self.quarantined = quarantined
        where = f"; a copy is kept in {quarantined}" if quarantined else ""
        super().__init__(f"{path}: cannot be read: {reason}. The file was left untouched{where}; "
                         "fix it or move it away to change this case again.")


class ReadOnlyCase(CaseError):
    """A case file written by a newer caseview: it can be read and exported but not changed."""

    def __init__(self, path: Path, version: int, supported: int) -> None:
        self.path = path
        self.version = version
        super().__init__(f"{path}: written by a newer caseview (case schema version {version}, this one knows "
                         f"{supported}); opened read-only, changes refused. Upgrade caseview to edit it.")


class CaseBusy(CaseError):
    """Another program held the case file's lock for too long."""
