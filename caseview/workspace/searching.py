"""Searching a workspace: ranked hits from the index, plus the passages behind field matches.

A hit on ``entity:``, ``tag:`` or ``note:`` matched a document through a field the text does not
show, so the passages behind it (an entity's mentions, the tagged or noted annotations) are added
to the hit's matches and its snippets are made again around them. This draws on the index, the
extraction and the annotations, which is why it lives at the workspace layer.
"""

from __future__ import annotations

from typing import Protocol

from caseview.annotations.model import Annotation
from caseview.search import Hit, SearchResults
from caseview.search.field_terms import FieldTerms, field_terms, note_stems
from caseview.search.highlight import make_snippets, merge_spans

_FIELDS_WITH_PASSAGES = {"entity", "tag", "note"}


class IndexSearch(Protocol):
    """The search index of a corpus and the text of its documents (the workspace's corpus index)."""

    def search(self, query: str, limit: int = 20, snippets: bool = True) -> SearchResults: ...

    def text_or_none(self, doc_id: str) -> str | None: ...


class FieldPassages(Protocol):
    """Where the passages behind ``entity:``, ``tag:`` and ``note:`` matches come from (the workspace)."""

    def extraction(self) -> object:
        """Bring the corpus-level entity names in the index up to date (cached after the first time)."""
        ...

    def entity_mention_spans(self, doc_id: str, keywords: set[str]) -> list[tuple[int, int]]: ...

    def annotations(self, doc_id: str | None = None, tag: str | None = None) -> list[Annotation]: ...


def search(
    index: IndexSearch, passages: FieldPassages, query: str, limit: int = 20, snippets: bool = True
) -> SearchResults:
    """Ranked hits for ``query``; raises ``QuerySyntaxError`` with a clear message for a bad one."""
    terms = field_terms(query)
    if terms.entity:
        # The index holds corpus-level names (aliases merged across documents) only once the
        # corpus extraction has run; this brings it up to date first (cached after the first time).
        passages.extraction()
    results = index.search(query, limit=limit, snippets=snippets)
    if snippets and terms and any(set(hit.matched_fields) & _FIELDS_WITH_PASSAGES for hit in results.hits):
        results = results.model_copy(
            update={"hits": [with_field_matches(index, passages, hit, terms) for hit in results.hits]}
        )
    return results


def with_field_matches(index: IndexSearch, passages: FieldPassages, hit: Hit, terms: FieldTerms) -> Hit:
    """Add the passages behind entity, tag and note matches to a hit's matches and snippets."""
    spans: list[tuple[int, int]] = []
    if terms.entity:
        spans.extend(passages.entity_mention_spans(hit.doc_id, terms.entity))
    if terms.tag or terms.note:
        for annotation in passages.annotations(hit.doc_id):
            start, end = annotation.anchor.start, annotation.anchor.end
            if start is None or end is None:
                continue
            tagged = terms.tag & {tag.lower() for tag in annotation.tags}
            noted = terms.note and annotation.note and terms.note & note_stems(annotation.note)
            if tagged or noted:
                spans.append((start, end))
    text = index.text_or_none(hit.doc_id) if spans else None
    if text is None:
        return hit
    matches = merge_spans([(m.start, m.end) for m in hit.matches] + spans)
    return hit.model_copy(update={"matches": matches, "snippets": make_snippets(text, matches)})
