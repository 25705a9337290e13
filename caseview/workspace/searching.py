"""Searching a workspace: ranked hits from the index, with the passages behind field matches.

A hit on ``entity:``, ``tag:`` or ``note:`` matched a document through a field the text does not
show, so the passages behind it (an entity's mentions, the tagged or noted annotations) are marked
as the hit's matches too. The query is checked and parsed once, here, and the parsed form goes
down; the passages reach the highlighter as extra spans, so each hit's text is loaded and its
snippets made once. This draws on the index, the extraction and the annotations, which is why it
lives at the workspace layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from caseview.search import ExtraSpans, ParsedQuery, SearchResults, Span, parse_query
from caseview.search.field_terms import FieldTerms, note_stems

if TYPE_CHECKING:
    from caseview.annotations.model import Annotation


class IndexSearch(Protocol):
    """The search index of a corpus and the text of its documents (the workspace's corpus index)."""

    def search(
        self,
        query: str | ParsedQuery,
        limit: int = 20,
        snippets: bool = True,
        extra_spans: ExtraSpans | None = None,
    ) -> SearchResults: ...


class FieldPassages(Protocol):
    """Where the passages behind ``entity:``, ``tag:`` and ``note:`` matches come from (the workspace)."""

    def extraction(self) -> object:
        """Bring the corpus-level entity names in the index up to date (cached after the first time)."""
        ...

    def entity_mention_spans(self, doc_id: str, keywords: set[str]) -> list[tuple[int, int]]: ...

    def annotations(self, doc_id: str | None = None, tag: str | None = None) -> list[Annotation]: ...


def search(
    index: IndexSearch, passages: FieldPassages, query: str | ParsedQuery, limit: int = 20, snippets: bool = True
) -> SearchResults:
    """Ranked hits for ``query``; raises ``QuerySyntaxError`` with a clear message for a bad one."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
    if parsed.needs_entities:
        # The index holds corpus-level names (aliases merged across documents) only once the
        # corpus extraction has run; this brings it up to date first (cached after the first time).
        passages.extraction()
    terms = parsed.field_terms
    return index.search(
        parsed,
        limit=limit,
        snippets=snippets,
        extra_spans=lambda doc_id, _text: field_passages(passages, doc_id, terms),
    )


def field_passages(passages: FieldPassages, doc_id: str, terms: FieldTerms) -> list[Span]:
    """The passages behind entity, tag and note matches in ``doc_id``, to mark as the hit's matches."""
    spans: list[Span] = []
    if terms.entity:
        spans.extend(Span(start, end) for start, end in passages.entity_mention_spans(doc_id, set(terms.entity)))
    if terms.tag or terms.note:
        for annotation in passages.annotations(doc_id):
            start, end = annotation.anchor.start, annotation.anchor.end
            if start is None or end is None:
                continue
            tagged = terms.tag & {tag.lower() for tag in annotation.tags}
            noted = terms.note and annotation.note and terms.note & note_stems(annotation.note)
            if tagged or noted:
                spans.append(Span(start, end))
    return spans
