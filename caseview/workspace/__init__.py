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

from caseview.search import IndexBusy, ParsedQuery, SearchResults, Span, parse_query
from caseview.search.field_terms import FieldTerms, note_stems
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

    def search(self, query: str | ParsedQuery, limit: int = 20, snippets: bool = True) -> SearchResults:
        """Ranked hits for ``query`` (text is checked and parsed here, once); raises ``QuerySyntaxError``
        with a clear message for a bad one."""
        parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
        if parsed.needs_entities:
            # The index holds corpus-level names (aliases merged across documents) only once the
            # corpus extraction has run; this brings it up to date first (cached after the first time).
            self.extraction()
        if not self._opened:
            self._open_for_search()
        terms = parsed.field_terms
        return self.index.search(
            parsed,
            limit=limit,
            load_text=self._text_or_none,
            with_snippets=snippets,
            extra_spans=lambda doc_id, _text: self._with_field_matches(doc_id, terms),
        )

    def _with_field_matches(self, doc_id: str, terms: FieldTerms) -> list[Span]:
        """The passages behind entity, tag and note matches in ``doc_id``, to mark as the hit's matches."""
        spans: list[Span] = []
        if terms.entity:
            spans.extend(Span(start, end) for start, end in self.entity_mention_spans(doc_id, set(terms.entity)))
        if terms.tag or terms.note:
            for annotation in self.annotations(doc_id):
                start, end = annotation.anchor.start, annotation.anchor.end
                if start is None or end is None:
                    continue
                tagged = terms.tag & {tag.lower() for tag in annotation.tags}
                noted = terms.note and annotation.note and terms.note & note_stems(annotation.note)
                if tagged or noted:
                    spans.append(Span(start, end))
        return spans


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
