"""Messages of the workers that read and change the analyst's work (annotations, case file, undo)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from caseview.annotations.model import Annotation
from caseview.tui.widgets.row_list import ListRow
from caseview.workspace.history import UndoResult
from caseview.workspace.watching import StateToken, WorkspaceChanges


class AnnotationsLoaded(Message):
    """The annotations of one document, and every tag of the corpus (for the tag picker)."""

    def __init__(
        self, doc_id: str, annotations: Sequence[Annotation], known_tags: Sequence[str], generation: int
    ) -> None:
        super().__init__()
        #: Which read this is (the screen shows only the latest).
        self.generation = generation
        self.doc_id = doc_id
        self.annotations = tuple(annotations)
        self.known_tags = tuple(known_tags)


class WorkChanged(Message):
    """A change was written: say so, and reload what it touched."""

    def __init__(
        self, message: str, doc_ids: Sequence[str], case_changed: bool, token: StateToken, counts_changed: bool = False
    ) -> None:
        super().__init__()
        self.message = message
        #: The folder's state just after the change (so the watch does not take it for another window's).
        self.token = token
        #: Whether annotations were added or removed (the sources list shows counts).
        self.counts_changed = counts_changed
        self.doc_ids = tuple(doc_ids)
        self.case_changed = case_changed


class WorkFailed(Message):
    def __init__(self, title: str, reason: str) -> None:
        super().__init__()
        self.title = title
        self.reason = reason


class UndoFinished(Message):
    """``ws.undo()`` / ``ws.redo()`` ran; ``result`` is None when there was nothing to undo or redo."""

    def __init__(self, action: str, result: UndoResult | None, token: StateToken) -> None:
        super().__init__()
        self.token = token
        self.action = action
        self.result = result


class CaseSectionsReady(Message):
    """The case file's sections, to pick one for the passage about to be added."""

    def __init__(self, sections: Sequence[str], target: tuple[str, int, int, str | None], subject: str) -> None:
        super().__init__()
        self.sections = tuple(sections)
        #: (doc_id, start, end, annotation id or None)
        self.target = target
        self.subject = subject


class AnnotationDetailsReady(Message):
    def __init__(self, annotation: Annotation, case_lines: Sequence[str]) -> None:
        super().__init__()
        self.annotation = annotation
        self.case_lines = tuple(case_lines)


class OutsideChanges(Message):
    """Files changed on disk since the last look (another window, the CLI, or this window)."""

    def __init__(self, changes: WorkspaceChanges, token: StateToken) -> None:
        super().__init__()
        self.changes = changes
        self.token = token


class SourceRowsReady(Message):
    """The sources list again, with new annotation counts."""

    def __init__(self, rows: Sequence[ListRow]) -> None:
        super().__init__()
        self.rows = list(rows)
