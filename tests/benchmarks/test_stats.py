"""Timing summaries: nearest-rank percentiles, reported in milliseconds."""

from __future__ import annotations

import pytest

from benchmarks.stats import percentile, summarize_ms


def test_p95_of_twenty_values_is_the_nineteenth() -> None:
    assert percentile(list(range(1, 21)), 0.95) == 19


def test_percentile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        percentile([], 0.5)


def test_summary_is_in_milliseconds() -> None:
    assert summarize_ms([0.010, 0.020, 0.030]) == {"median_ms": 20.0, "p95_ms": 30.0, "max_ms": 30.0, "n": 3}
