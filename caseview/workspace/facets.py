"""Facets of a set of documents (issue 13, point 11): counts by outlet, month, tag, entity and format,
each with the query clause that narrows a search to it; and the orders results can be shown in.

Pure functions over :class:`FacetDoc` values (what the index already knows of each document), so
the TUI and tests compute the same counts without reading a file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Literal

FacetName = Literal["outlet", "month", "tag", "entity", "format"]
FACETS: tuple[FacetName, ...] = ("outlet", "month", "tag", "entity", "format")
SortOrder = Literal["relevance", "date", "title"]
SORT_ORDERS: tuple[SortOrder, ...] = ("relevance", "date", "title")


@dataclass(frozen=True)
class FacetDoc:
    """What a facet counts of one document."""

    doc_id: str
    title: str
    outlet: str | None
    published: date | None
    format: str
    tags: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: how many documents have it, and the clause that keeps only them."""

    facet: FacetName
    label: str
    count: int
    clause: str


def _phrase(field: str, value: str) -> str:
    return f'{field}:"' + " ".join(value.replace('"', " ").split()) + '"'


def _month_clause(year: int, month: int) -> str:
    first = date(year, month, 1)
    last = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
    return f"date:[{first.isoformat()} TO {date.fromordinal(last).isoformat()}]"


def facet_values(docs: Sequence[FacetDoc], limit: int = 10) -> dict[FacetName, list[FacetValue]]:
    """Each facet's values, most documents first (then by label), at most ``limit`` of each."""
    outlets: Counter[str] = Counter(doc.outlet for doc in docs if doc.outlet)
    months: Counter[tuple[int, int]] = Counter((d.published.year, d.published.month) for d in docs if d.published)
    tags: Counter[str] = Counter()
    tag_names: dict[str, str] = {}
    entities: Counter[str] = Counter()
    formats: Counter[str] = Counter(doc.format for doc in docs)
    suffixes: dict[str, set[str]] = {}
    for doc in docs:
        for tag in {t.casefold(): t for t in doc.tags}.values():
            tag_names.setdefault(tag.casefold(), tag)
            tags[tag.casefold()] += 1
        entities.update(set(doc.entities))
        suffix = PurePosixPath(doc.doc_id).suffix.lstrip(".")
        if suffix:
            suffixes.setdefault(doc.format, set()).add(suffix)

    def ranked(counter: Counter[str]) -> list[tuple[str, int]]:
        return sorted(counter.items(), key=lambda item: (-item[1], item[0].casefold()))[:limit]

    def format_clause(name: str) -> str:
        paths = [f"path:*.{suffix}" for suffix in sorted(suffixes.get(name, {name}))]
        return paths[0] if len(paths) == 1 else "(" + " OR ".join(paths) + ")"

    return {
        "outlet": [FacetValue("outlet", o, n, _phrase("outlet", o)) for o, n in ranked(outlets)],
        "month": [
            FacetValue("month", date(y, m, 1).strftime("%b %Y"), n, _month_clause(y, m))
            for (y, m), n in sorted(months.items(), key=lambda item: item[0], reverse=True)[:limit]
        ],
        "tag": [FacetValue("tag", tag_names[t], n, _phrase("tag", tag_names[t])) for t, n in ranked(tags)],
        "entity": [FacetValue("entity", e, n, _phrase("entity", e)) for e, n in ranked(entities)],
        "format": [FacetValue("format", f, n, format_clause(f)) for f, n in ranked(formats)],
    }


def narrowed(query: str, clause: str) -> str:
    """``query`` kept to the documents of ``clause`` (the clause alone when there is no query)."""
    return f"({query.strip()}) AND {clause}" if query.strip() else clause


def _unwrapped(query: str) -> str:
    """``query`` without one pair of brackets around the whole of it (``(a OR b)`` → ``a OR b``)."""
    if not (query.startswith("(") and query.endswith(")")):
        return query
    depth = 0
    for position, character in enumerate(query):
        depth += {"(": 1, ")": -1}.get(character, 0)
        if depth == 0 and position < len(query) - 1:
            return query  # the first bracket closes before the end: ``(a) AND (b)``
    return query[1:-1].strip()


def without(query: str, clause: str) -> str:
    """``query`` no longer kept to ``clause`` (what :func:`narrowed` added is taken away again)."""
    text = query.strip()
    if text == clause:
        return ""
    text = text.replace(f" AND {clause}", "").replace(f"{clause} AND ", "")
    return _unwrapped(text)


def sort_key(order: SortOrder, rank: int, title: str, published: date | None) -> tuple[int, str, int]:
    """Where a result goes in ``order``: relevance keeps the rank; date is newest first (undated last);
    title is alphabetical. Ties keep the rank."""
    if order == "date":
        return (-(published.toordinal()) if published else 1, "", rank)
    if order == "title":
        return (0, title.casefold(), rank)
    return (0, "", rank)


def next_order(order: SortOrder) -> SortOrder:
    return SORT_ORDERS[(SORT_ORDERS.index(order) + 1) % len(SORT_ORDERS)]


def documents_of(docs: Iterable[FacetDoc], doc_ids: Iterable[str] | None) -> list[FacetDoc]:
    """The documents among ``docs`` with these ids (all of them for None), in ``docs``' order."""
    if doc_ids is None:
        return list(docs)
    wanted = set(doc_ids)
    return [doc for doc in docs if doc.doc_id in wanted]
