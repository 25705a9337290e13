"""Which entity, tag and note terms a query asks for, so hits on those fields can be shown in the text.

A document found by ``entity:"Scott Bessent"`` or ``tag:designation`` has no body words to
highlight; the passages behind those fields (entity mentions, annotated passages) are its matches.
"""

from __future__ import annotations

from dataclasses import dataclass

from whoosh import query as wq

from caseview.search.schema import body_analyzer
from caseview.search.whoosh_types import WhooshQuery

_BODY = body_analyzer()
#: Fields whose matches are passages the index does not hold (found by the workspace, not in the body).
PASSAGE_FIELDS = frozenset({"entity", "tag", "note"})


@dataclass(frozen=True)
class FieldTerms:
    """Lower-cased entity keywords, lower-cased tags and stemmed note words a query looks for."""

    entity: frozenset[str] = frozenset()
    tag: frozenset[str] = frozenset()
    note: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.entity or self.tag or self.note)


def field_terms_of(whoosh_query: WhooshQuery) -> FieldTerms:
    """The positive (not negated) entity/tag/note terms of a parsed query."""
    found: dict[str, set[str]] = {name: set() for name in PASSAGE_FIELDS}
    _collect(whoosh_query, found)
    return FieldTerms(entity=frozenset(found["entity"]), tag=frozenset(found["tag"]), note=frozenset(found["note"]))


def _collect(node: WhooshQuery, found: dict[str, set[str]]) -> None:
    if isinstance(node, wq.Not):
        return
    if isinstance(node, wq.AndNot):
        _collect(node.a, found)
        return
    # Prefix and fuzzy terms on these fields are left out: their expansion is not known here.
    if isinstance(node, wq.Term | wq.Phrase) and node.field() in PASSAGE_FIELDS:
        words = node.words if isinstance(node, wq.Phrase) else [node.text]
        found[node.field()].update(str(word) for word in words)
        return
    for child in node.children():
        _collect(child, found)


def note_stems(note: str) -> set[str]:
    """The words of a note as the ``note`` field indexes them (what ``note:`` terms are compared with)."""
    return {str(token.text) for token in _BODY(note)}
