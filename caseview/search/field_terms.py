"""Which entity, tag and note terms a query asks for, so hits on those fields can be shown in the text.

A document found by ``entity:"Scott Bessent"`` or ``tag:designation`` has no body words to
highlight; the passages behind those fields (entity mentions, annotated passages) are its matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import query as wq

from caseview.search.query import parse_query
from caseview.search.schema import body_analyzer

_BODY = body_analyzer()


@dataclass
class FieldTerms:
    """Lower-cased entity keywords, lower-cased tags and stemmed note words a query looks for."""

    entity: set[str] = field(default_factory=set)
    tag: set[str] = field(default_factory=set)
    note: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.entity or self.tag or self.note)


def field_terms(query_text: str) -> FieldTerms:
    """The positive (not negated) entity/tag/note terms of a valid query."""
    terms = FieldTerms()
    _collect(parse_query(query_text), terms)
    return terms


def _collect(node: wq.Query, terms: FieldTerms) -> None:
    if isinstance(node, wq.Not):
        return
    if isinstance(node, wq.AndNot):
        _collect(node.a, terms)
        return
    # Prefix and fuzzy terms on these fields are left out: their expansion is not known here.
    if isinstance(node, wq.Term | wq.Phrase) and node.field() in ("entity", "tag", "note"):
        words = node.words if isinstance(node, wq.Phrase) else [node.text]
        getattr(terms, node.field()).update(str(word) for word in words)
        return
    for child in node.children():
        _collect(child, terms)


def note_stems(note: str) -> set[str]:
    return {token.text for token in _BODY(note)}
