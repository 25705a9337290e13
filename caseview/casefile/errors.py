"""Everything that can go wrong with a case file, as specific exceptions with readable messages."""

from __future__ import annotations

from pathlib import Path

from caseview.kernel.storeerrors import BusyStoredFile, NewerSchemaFile, UnreadableStoredFile


class CaseError(Exception):
    """Base class: the message is meant for the analyst, as it is."""


class CaseUsageError(CaseError, ValueError):
    """A request that cannot be carried out as asked (bad name, bad position, unknown relation…)."""


class AlreadyInCase(CaseUsageError):
    """What was to be added is in the case already: no second item is made; ``item_id`` names it."""

    def __init__(self, message: str, item_id: str) -> None:
        super().__init__(message)
        self.item_id = item_id


class UnknownItem(CaseError, KeyError):
    """No item (or link, or section) matches the reference given."""

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return str(self.args[0]) if self.args else "unknown item"


class CaseFileError(CaseError, UnreadableStoredFile):
    """A case file that does not parse or validate. It is kept untouched; a copy is set aside."""

    action = "change this case"


class NewerCaseFile(CaseFileError):
    """A case file from a newer caseview that this one cannot even read: left untouched, no copy made."""

    def __init__(self, path: Path, version: int, known: str) -> None:
        super().__init__(path, f"written by a newer caseview (case schema version {version})")
        self.version = version
        self.args = (  # not "fix it or move it away": nothing is wrong with it
            f"{path}: written by a newer caseview (case schema version {version}; this one knows {known}) "
            "and cannot be read by this one; left untouched. Upgrade caseview to open it.",
        )


class ReadOnlyCase(CaseError, NewerSchemaFile):
    """A case file written by a newer caseview: it can be read and exported but not changed."""

    schema_name = "case schema"


class CaseBusy(CaseError, BusyStoredFile):
    """Another program held the case file's lock for too long."""
