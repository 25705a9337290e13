"""One ranked document turned into a :class:`~caseview.search.models.Hit`: its stored fields, matches and snippets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import NamedTuple

from caseview.search.highlight import find_matches, make_snippets
from caseview.search.models import Hit, Match, Snippet, Span
from caseview.search.query import PreparedQuery


class ShownHit(NamedTuple):
    """A document chosen for the page of results: global docnum, score, matched fields other than the body."""

    docnum: int
    score: float
    matched_fields: list[str]


def make_hit(
    stored: Mapping[str, object],
    shown: ShownHit,
    rank: int,
    prepared: PreparedQuery,
    text: str | None,
    extra: Sequence[Span] = (),
) -> Hit:
    """The hit for ``shown``; with its ``text`` (``None``: not loaded), its matches and snippets, made once."""
    doc_id = str(stored["id"])
    matches: list[Match] = []
    snippets: list[Snippet] = []
    if text is not None:
        matches = find_matches(text, prepared.body_terms, prepared.exact_terms, prepared.phrases, extra)
        snippets = make_snippets(text, matches)
    published = stored.get("date")
    return Hit(
        doc_id=doc_id,
        title=str(stored.get("title") or doc_id),
        outlet=str(stored.get("outlet") or "") or None,
        published=published.date() if isinstance(published, datetime) else None,
        score=float(shown.score or 0.0),
        rank=rank,
        matches=matches,
        snippets=snippets,
        matched_fields=shown.matched_fields,
    )
