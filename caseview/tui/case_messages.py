"""Messages the case-file, review and entity-correction workers post to the main screen."""

from __future__ import annotations

from textual.message import Message

from caseview.tui.case_rows import CaseSnapshot


class CaseSnapshotLoaded(Message):
    """The case file as it is on disk now (or why it could not be read)."""

    def __init__(self, snapshot: CaseSnapshot | None, reason: str | None = None, highlight: str | None = None) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.reason = reason
        #: The item to highlight (the one just made or moved).
        self.highlight = highlight


class ChangeDone(Message):
    """A change went through the workspace; ``reload`` names what to show again (case, entities, review)."""

    def __init__(
        self, message: str, reload: frozenset[str], highlight: str | None = None, severity: str = "information"
    ) -> None:
        super().__init__()
        self.message = message
        self.reload = reload
        self.highlight = highlight
        self.severity = severity


class ChangeFailed(Message):
    def __init__(self, title: str, reason: str) -> None:
        super().__init__()
        self.title = title
        self.reason = reason


class ReviewCount(Message):
    def __init__(self, count: int | None) -> None:
        super().__init__()
        self.count = count
