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

from caseview.search import Hit, IndexBusy, SearchResults
from caseview.search.field_terms import FieldTerms, field_terms, note_stems
from caseview.search.highlight import make_snippets, merge_spans
from caseview.workspace.annotating import AnnotationsFacet
from caseview.workspace.casework import CaseFacet
from caseview.workspace.core import DocumentInfo, RefreshReport, UnknownDocument
from caseview.workspace.entities import ExtractionFacet
from caseview.workspace.history import UndoResult
from caseview.workspace.undoing import UndoFacet
from caseview.workspace.watching import StateToken, WatchFacet, WorkspaceChanges

_FIELDS_WITH_PASSAGES = {"entity", "tag", "note"}


class Workspace(UndoFacet, WatchFacet, AnnotationsFacet, ExtractionFacet, CaseFacet):
    """A corpus folder, its documents, its search index, and the analyst's work on them."""

    def __init__(self, root: Path | str | None = None) -> None:
        super().__init__(root)
        self._init_extraction()
        self._init_annotations()
        self._init_cases()

    def search(self, query: str, limit: int = 20, snippets: bool = True) -> SearchResults:
        """Ranked hits for ``query``; raises ``QuerySyntaxError`` with a clear message for a bad one."""
        terms = field_terms(query)
        if terms.entity:
            # The index holds corpus-level names (aliases merged across documents) only once the
            # corpus extraction has run; this brings it up to date first (cached after the first time).
            self.extraction()
        results = super().search(query, limit=limit, snippets=snippets)
        if snippets and terms and any(set(hit.matched_fields) & _FIELDS_WITH_PASSAGES for hit in results.hits):
            results = results.model_copy(
                update={"hits": [self._with_field_matches(hit, terms) for hit in results.hits]}
            )
        return results

    def _with_field_matches(self, hit: Hit, terms: FieldTerms) -> Hit:
        """Add the passages behind entity, tag and note matches to a hit's matches and snippets."""
        spans: list[tuple[int, int]] = []
        if terms.entity:
            spans.extend(self.entity_mention_spans(hit.doc_id, terms.entity))
        if terms.tag or terms.note:
            for annotation in self.annotations(hit.doc_id):
                start, end = annotation.anchor.start, annotation.anchor.end
                if start is None or end is None:
                    continue
                tagged = terms.tag & {tag.lower() for tag in annotation.tags}
                noted = terms.note and annotation.note and terms.note & note_stems(annotation.note)
                if tagged or noted:
                    spans.append((start, end))
        text = self._text_or_none(hit.doc_id) if spans else None
        if text is None:
            return hit
        matches = merge_spans([(m.start, m.end) for m in hit.matches] + spans)
        return hit.model_copy(update={"matches": matches, "snippets": make_snippets(text, matches)})


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
