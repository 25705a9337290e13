"""One opened corpus folder: the single API that the CLI and the TUI call (DESIGN §2).

:class:`Workspace` is assembled from one facet per part of caseview, each in its own module:
``core`` (documents and the search index), ``annotating`` (the analyst's annotations),
``entities`` (extraction), ``casework`` (the case file and exports), ``undoing`` (one undo/redo
history across all of them, :mod:`caseview.workspace.history`) and ``watching`` (noticing what
another window changed). Searching is defined here
because it draws on all of them: hits on ``entity:``, ``tag:`` and ``note:`` show the passages
behind them.
"""

from __future__ import annotations

from pathlib import Path

from caseview.search import IndexBusy, SearchResults
from caseview.workspace import searching
from caseview.workspace.annotating import AnnotationsFacet
from caseview.workspace.casework import CaseFacet
from caseview.workspace.core import DocumentInfo, RefreshReport, UnknownDocument
from caseview.workspace.entities import ExtractionFacet
from caseview.workspace.history import UndoResult
from caseview.workspace.undoing import UndoFacet
from caseview.workspace.watching import StateToken, WatchFacet, WorkspaceChanges


class Workspace(UndoFacet, WatchFacet, AnnotationsFacet, ExtractionFacet, CaseFacet):
    """A corpus folder, its documents, its search index, and the analyst's work on them."""

    def __init__(self, root: Path | str | None = None) -> None:
        super().__init__(root)
        self._init_extraction()
        self._init_annotations()
        self._init_cases()

    def search(self, query: str, limit: int = 20, snippets: bool = True) -> SearchResults:
        """Ranked hits for ``query``; raises ``QuerySyntaxError`` with a clear message for a bad one."""
        return searching.search(super(), self, query, limit=limit, snippets=snippets)


__all__ = [
    "DocumentInfo",
    "IndexBusy",
    "RefreshReport",
    "StateToken",
    "UndoResult",
    "UnknownDocument",
    "Workspace",
    "WorkspaceChanges",
]
