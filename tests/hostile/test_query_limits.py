"""Queries never escape their limits: each parses or gets a specific one-line message, each search ends in time.

Time bounds here are generous cut-offs (a hang or a 20-second parse fails them), not benchmarks: the
machine running the tests may be busy.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from caseview.cli import main
from caseview.search import QuerySyntaxError, parse_query
from caseview.search.index import SEARCH_TIME_LIMIT_S, SNIPPETS_CUT
from caseview.search.limits import MAX_PHRASE_WORDS, MAX_QUERY_TERMS
from caseview.search.query import UNREADABLE, prepare_query
from caseview.workspace import Workspace
from tests.hostile.querygen import queries

#: A search may take its time limit plus this before the test calls it a hang (setup, a busy machine).
CUT_OFF_S = SEARCH_TIME_LIMIT_S + 2.0


@pytest.fixture
def workspace(prepared_seed_corpus: Path) -> Iterator[Workspace]:
    opened = Workspace.open(prepared_seed_corpus)
    yield opened
    opened.close()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("NOT NOT NOT a", "NOT NOT: write NOT once"),
        ("a NOT NOT b", "NOT NOT: write NOT once"),
        ("date:[0000 TO 9999]", "there is no year 0000"),
        ("date:[2026-00-00 TO]", "there is no month 00"),
        ("date:[2026-02-30 TO 2026-03-01]", "February 2026 has no day 30"),
        ("date:[ TO ]", "a date range needs a start, an end or both"),
        ("date:2026-13", "there is no month 13"),
        ("date:april", "'april' is not a date"),
        ("title:date:2026", "one field name per term"),
        ("étatoutlet:tag:date:{2026-04-01 TO 2026-13-01}", "there is no month 13"),
        ("x[2026 TO 0000] date:x[2026-02-30 TO]", "is not a date"),
        ("(" * 1000 + "a" + ")" * 1000, "nested more than 20 deep"),
        (" AND ".join(f"w{n}" for n in range(1500)), "characters long; at most 4,000"),
        (" AND ".join(f"w{n}" for n in range(MAX_QUERY_TERMS + 1)), "101 search terms; at most 100"),
        ('"' + " ".join(f"w{n}" for n in range(2000)) + '"', "characters long"),
        ('"' + " ".join(["w"] * (MAX_PHRASE_WORDS + 1)) + '"', "this phrase has 101 words; at most 100"),
    ],
)
def test_each_query_the_parser_failed_on_gets_its_own_one_line_message(
    workspace: Workspace, query: str, message: str
) -> None:
    """Guards the queries that raised IndexError, TimeError, RecursionError… or took seconds to parse."""
    started = time.perf_counter()
    with pytest.raises(QuerySyntaxError) as caught:
        workspace.search(query)
    assert time.perf_counter() - started < CUT_OFF_S
    assert message in caught.value.message
    assert "\n" not in caught.value.message and UNREADABLE not in caught.value.message


@pytest.mark.parametrize(
    "query", ["date:[2026 TO ]", "date:[ TO 2026-04-30 ]", "date:{2026-04 TO}", "date:2026*", "date:[2024-02-29 TO]"]
)
def test_dates_and_ranges_written_loosely_still_search(workspace: Workspace, query: str) -> None:
    """A space inside the brackets broke Whoosh's range parser; the query means the same without it."""
    results = workspace.search(query)
    assert results.total >= 0


def test_the_largest_queries_allowed_end_within_the_cut_off(workspace: Workspace) -> None:
    """The most terms, the longest phrase and a hundred fuzzy terms: each answered or cut off in time."""
    text = workspace.document(workspace.documents()[0].id).text
    words = [word for word in text.split() if word.isalpha()]
    largest = [
        " AND ".join(words[:MAX_QUERY_TERMS]),
        " OR ".join(words[:MAX_QUERY_TERMS]),
        '"' + " ".join(words[:MAX_PHRASE_WORDS]) + '"',
        " OR ".join(f"{word}~3" for word in words[:MAX_QUERY_TERMS]),
        " AND ".join(f"{word[:2]}*" for word in words[:MAX_QUERY_TERMS]),
    ]
    for query in largest:
        started = time.perf_counter()
        results = workspace.search(query)
        assert time.perf_counter() - started < CUT_OFF_S, query[:60]
        assert results.elapsed_ms < CUT_OFF_S * 1000


def test_expansion_stops_at_its_deadline_and_says_the_results_are_partial(workspace: Workspace) -> None:
    """Past the deadline a fuzzy or prefix term stands for its own text, never for an unbounded expansion."""
    searcher = workspace.index.searcher()
    parsed = parse_query("mythos~2 OR pentag*")
    in_time = prepare_query(parsed, searcher.reader(), deadline=time.perf_counter() + 60)
    late = prepare_query(parsed, searcher.reader(), deadline=time.perf_counter() - 1)
    assert in_time.partial_reason is None
    assert late.partial_reason is not None
    late_terms = {str(term.text) for term in late.whoosh_query.leaves()}
    assert late_terms == {"mythos", "pentag"}
    assert len(list(in_time.whoosh_query.leaves())) > len(late_terms)


def test_hits_past_the_time_limit_come_without_snippets_and_marked_partial(workspace: Workspace) -> None:
    """The time limit holds in the search itself: snippets are not made for hits once it is spent."""

    def load(doc_id: str) -> str:
        return workspace.document(doc_id).text

    results = workspace.index.search("the", limit=5, load_text=load, time_limit_s=1e-9)
    assert results.hits, "hits found are still listed"
    assert results.partial
    assert all(not hit.snippets for hit in results.hits)
    assert results.partial_reason is not None and (
        SNIPPETS_CUT in results.partial_reason or "took longer" in results.partial_reason
    )


def test_thousands_of_generated_queries_through_the_api(workspace: Workspace) -> None:
    """5,000 parsed, 1,500 searched: nothing but the documented query error, each within the cut-off."""
    unexpected: list[tuple[str, str]] = []
    for query in queries(seed=12, count=5000):
        try:
            parse_query(query)
        except QuerySyntaxError as error:
            if UNREADABLE in error.message or "\n" in error.message:
                unexpected.append((query, error.message))
    assert unexpected == []
    slow: list[str] = []
    for query in queries(seed=13, count=1500):
        started = time.perf_counter()
        try:
            workspace.search(query, limit=5)
        except QuerySyntaxError as error:
            if UNREADABLE in error.message:
                unexpected.append((query, error.message))
        if time.perf_counter() - started > CUT_OFF_S:
            slow.append(query)
    assert unexpected == []
    assert slow == []


def test_hundreds_of_generated_queries_through_the_cli_print_no_traceback(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI answers every generated query with results, "nothing found" or a one-line error (exit 0, 1 or 2)."""
    corpus = str(prepared_seed_corpus)
    bad: list[tuple[str, int, str]] = []
    for query in queries(seed=14, count=300):
        code = main(["search", corpus, "--limit", "3", "--", query])
        captured = capsys.readouterr()
        if code not in (0, 1, 2) or "Traceback" in captured.err or "Traceback" in captured.out:
            bad.append((query, code, captured.err[-200:]))
        if code == 2:
            first = captured.err.splitlines()[0] if captured.err else ""
            if not first.startswith("caseview: bad query:") or UNREADABLE in first:
                bad.append((query, code, captured.err[-200:]))
    assert bad == []
