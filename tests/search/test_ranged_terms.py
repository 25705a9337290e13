"""A term range's words come from the cached term lists exactly as Whoosh's ``TermRange`` walks its term table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from whoosh import query as wq

from caseview.search.term_lists import ranged_terms
from caseview.workspace import Workspace


def _whoosh(reader: object, query: wq.TermRange) -> list[tuple[bytes, int]]:
    return [(btext, reader.doc_frequency(query.fieldname, btext)) for btext in query._btexts(reader)]  # type: ignore[attr-defined]


def _ranges() -> Iterator[wq.TermRange]:
    for fieldname, start, end in [
        ("title", "a", "m"),
        ("title", "anthropic", "pentagon"),
        ("title", None, "claude"),
        ("title", "mythos", None),
        ("title", "z", "a"),
        ("body", "acc", "acc"),
        ("path", "0", "5"),
        ("exact", "the", "their"),
    ]:
        for startexcl in (False, True):
            for endexcl in (False, True):
                yield wq.TermRange(fieldname, start, end, startexcl, endexcl)


def _date_parts(reader: object) -> Iterator[wq.TermRange]:
    """The term ranges Whoosh compiles a date range into (its numeric tiers)."""
    for start, end in [(datetime(2019, 1, 1), datetime(2030, 1, 1)), (datetime(2026, 3, 1), datetime(2026, 3, 9))]:
        pending = [wq.DateRange("date", start, end)._compile_query(reader)]
        while pending:
            part = pending.pop()
            if isinstance(part, wq.TermRange):
                yield part
            elif hasattr(part, "child"):
                pending.append(part.child)
            elif hasattr(part, "subqueries"):
                pending.extend(part.subqueries)


def _assert_same_as_whoosh(reader: object) -> None:
    checked = 0
    for query in [*_ranges(), *_date_parts(reader)]:
        assert ranged_terms(reader, query) == _whoosh(reader, query), query
        checked += bool(_whoosh(reader, query))
    assert checked > 10  # the ranges are not all empty


def test_ranged_terms_equal_whoosh_on_a_multi_segment_index(multi_segment: Workspace) -> None:
    reader = multi_segment.index.searcher().reader()
    assert not reader.is_atomic()
    _assert_same_as_whoosh(reader)


def test_ranged_terms_equal_whoosh_on_one_segment(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    try:
        reader = workspace.index.searcher().reader()
        assert reader.is_atomic()
        _assert_same_as_whoosh(reader)
    finally:
        workspace.close()


@pytest.mark.parametrize("query", ["title:[a TO m]", "title:[c TO e]", "path:[0 TO 5]", "title:{access TO claude]"])
def test_a_parsed_range_expands_to_the_same_terms(multi_segment: Workspace, query: str) -> None:
    from caseview.search.expansion import MAX_EXPANSION, bound_expansions
    from caseview.search.query import parse_query

    reader = multi_segment.index.searcher().reader()
    parsed = parse_query(query).whoosh_query
    ranges = [node for node in parsed.leaves() if isinstance(node, wq.TermRange)] or [parsed]
    assert all(isinstance(node, wq.TermRange) for node in ranges)
    expanded, _ = bound_expansions(parsed, reader)
    words = {term.text for term in expanded.leaves() if isinstance(term, wq.Term)}
    expected = {reader.schema[node.fieldname].from_bytes(b) for node in ranges for b in node._btexts(reader)}
    if len(expected) <= MAX_EXPANSION:
        assert words == expected
    else:  # the most frequent words stand for the range
        assert len(words) == MAX_EXPANSION and words <= expected
