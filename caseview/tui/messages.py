"""Messages that workers post to the main screen: workers never touch widgets, they report here."""

from __future__ import annotations

from textual.message import Message

from caseview.corpus import Document
from caseview.search import SearchResults
from caseview.tui.features import CaseRow, Extraction
from caseview.tui.trail import Trail
from caseview.tui.widgets.row_list import ListRow
from caseview.workspace import DocumentInfo, RefreshReport


class IndexProgress(Message):
    def __init__(self, done: int, total: int, current: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.current = current


class IndexReady(Message):
    """The index is up to date (or as up to date as it can be); the documents are known."""

    def __init__(
        self,
        report: RefreshReport | None,
        documents: list[DocumentInfo],
        rows: list[ListRow],
        needs_review: int | None,
        problem: str | None,
    ) -> None:
        super().__init__()
        self.report = report
        self.documents = documents
        #: The sources list's rows, made in the worker (10,000 of them take a while).
        self.rows = rows
        self.needs_review = needs_review
        #: Why the index could not be brought up to date, if it could not.
        self.problem = problem


class ExtractionProgress(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class ExtractionReady(Message):
    def __init__(self, extraction: Extraction) -> None:
        super().__init__()
        self.extraction = extraction


class ExtractionUnavailable(Message):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class CaseFileLoaded(Message):
    def __init__(self, rows: list[CaseRow] | None, reason: str | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.reason = reason


class SearchFinished(Message):
    def __init__(self, query: str, results: SearchResults) -> None:
        super().__init__()
        self.query = query
        self.results = results


class SearchFailed(Message):
    """The query could not be run: a syntax error (with its column) or another problem."""

    def __init__(self, query: str, message: str, column: int | None) -> None:
        super().__init__()
        self.query = query
        self.message = message
        self.column = column


class DocumentLoaded(Message):
    def __init__(self, document: Document, trail: Trail | None, focus_reader: bool) -> None:
        super().__init__()
        self.document = document
        self.trail = trail
        self.focus_reader = focus_reader


class DocumentFailed(Message):
    def __init__(self, doc_id: str, reason: str) -> None:
        super().__init__()
        self.doc_id = doc_id
        self.reason = reason
