"""A search that runs out of time returns the best hits found by then, marked partial."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from caseview.search.query import prepare_query
from caseview.workspace import Workspace


@pytest.mark.serial  # compares two timings of one search: another test beside it would skew them
def test_the_collector_returns_partial_hits_when_time_runs_out(tmp_path: Path) -> None:
    corpus = tmp_path / "many"
    corpus.mkdir()
    for number in range(1500):
        words = ["alpha", "beta", "gamma", "delta"][number % 4 :] + [f"w{number % 13}", "state", "union"]
        (corpus / f"d{number:04d}.txt").write_text(" ".join(words), "utf-8")
    workspace = Workspace.open(corpus)
    try:
        index = workspace.index
        searcher = index.searcher()
        # A negation inside OR is not ranked by blocks: Whoosh's collector, with its time limit, runs it.
        prepared = prepare_query("(state OR NOT alpha) AND (union OR NOT beta)", searcher.reader(), index._parser)
        started = time.perf_counter()
        complete = index._rank_with_collector(searcher, prepared, limit=20, time_limit_s=60.0)
        whole_s = time.perf_counter() - started
        assert not complete.timed_out
        # A third of what the whole search takes on this machine: setting up takes a few per cent of it.
        ranked = index._rank_with_collector(searcher, prepared, limit=20, time_limit_s=whole_s / 3)
        assert ranked.timed_out
        assert ranked.top, "the hits found before the limit are kept"
        assert ranked.total_is_estimate
    finally:
        workspace.close()


def _phrase_corpus(folder: Path) -> Path:
    """4,000 paragraphs with both words apart, a few short ones with the phrase (the best candidates)
    and long ones with it (the worst): checking a phrase's candidates takes most of its search."""
    folder.mkdir()
    for number in range(4000):
        (folder / f"m{number:04d}.txt").write_text(f"alpha gamma beta delta w{number % 17}", "utf-8")
    filler = " ".join(f"filler{index}" for index in range(40))
    for number in range(25):
        (folder / f"a{number:02d}.txt").write_text(f"alpha beta {filler}", "utf-8")  # first by docnum
    for number in range(5):
        (folder / f"z{number}.txt").write_text("alpha beta", "utf-8")
    return folder


@pytest.mark.serial  # sets a time limit from a timing of the same search
def test_a_search_out_of_time_checking_a_phrase_keeps_the_hits_the_ranker_verified(tmp_path: Path) -> None:
    """The ranker may use nearly all of the time limit, and the candidates it verified by then are the
    answer, marked partial. Before, it had 60% of the limit and its work was dropped: Whoosh's
    collector started again from nothing with what was left (at least 50 ms; here it ran past the
    limit to its end, at 200,000 paragraphs it returns the first matches it meets by number)."""
    workspace = Workspace.open(_phrase_corpus(tmp_path / "phrase"))
    try:
        index = workspace.index
        complete = index.search('"alpha beta"', limit=20, load_text=lambda _: None, with_snippets=False)
        assert not complete.partial
        assert len(complete.hits) == 20
        shortest = [hit.doc_id for hit in complete.hits[:5]]
        assert sorted(shortest) == [f"z{number}.txt" for number in range(5)]
        whole_s = min(
            index.search('"alpha beta"', limit=20, load_text=lambda _: None, with_snippets=False).elapsed_ms / 1000
            for _ in range(5)
        )
        # A third of the fastest run (a busy machine only slows a run down, and a slower cut run still
        # verifies its first batch): scoring the candidates takes a few per cent, checking them the
        # rest; the five short paragraphs are checked first, the long ones with the phrase last.
        cut = index.search(
            '"alpha beta"', limit=20, load_text=lambda _: None, with_snippets=False, time_limit_s=whole_s / 3
        )
        assert cut.partial
        assert cut.total_is_estimate
        assert [hit.doc_id for hit in cut.hits] == shortest
        assert [hit.score for hit in cut.hits] == [hit.score for hit in complete.hits[:5]]
    finally:
        workspace.close()
