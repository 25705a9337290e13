"""Summaries of repeated timings (median, 95th percentile, worst case, in ms), CPU time and sizes."""

from __future__ import annotations

import math
import resource
import statistics
from collections.abc import Sequence
from pathlib import Path


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (``fraction`` in 0..1) of ``values``; never interpolated."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summarize_ms(values_s: Sequence[float]) -> dict[str, float]:
    """``{"median_ms", "p95_ms", "max_ms", "n"}`` of timings given in seconds."""
    return {
        "median_ms": round(statistics.median(values_s) * 1000, 2),
        "p95_ms": round(percentile(values_s, 0.95) * 1000, 2),
        "max_ms": round(max(values_s) * 1000, 2),
        "n": len(values_s),
    }


def cpu_seconds() -> float:
    """User + system CPU time of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def folder_mb(folder: Path) -> float:
    """Size of every file under ``folder``, in MB with one decimal."""
    return round(sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 2**20, 1)
