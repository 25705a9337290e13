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
