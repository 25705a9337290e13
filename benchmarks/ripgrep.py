"""ripgrep over the same files, for the term and phrase queries: what an analyst would do without caseview.

``rg -i -w -l PATTERN`` lists every matching file (the whole corpus is read, as a search that
ranks must); only the documents (``*.txt``) are searched, not the metadata sidecars.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from benchmarks.queries import QUERY_MIX
from benchmarks.stats import summarize_ms


def rg_available() -> bool:
    return shutil.which("rg") is not None


def rg_command(pattern: str, root: Path) -> list[str]:
    return ["rg", "--no-config", "-i", "-w", "-l", "-g", "*.txt", "-e", pattern, str(root)]


def time_rg(pattern: str, root: Path, repeats: int) -> tuple[list[float], int]:
    """Wall-clock seconds of each run (after one warm-up run) and the number of files listed."""
    command = rg_command(pattern, root)
    warm = subprocess.run(command, capture_output=True, check=False)
    files = len(warm.stdout.splitlines())
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        timings.append(time.perf_counter() - started)
    return timings, files


def measure_ripgrep(root: Path, repeats: int = 5) -> dict[str, object]:
    if not rg_available():
        return {"skipped": "rg is not installed"}
    results: dict[str, object] = {}
    for query in QUERY_MIX:
        if query.rg_pattern is None:
            continue
        timings, files = time_rg(query.rg_pattern, root, repeats)
        results[query.text] = {"kind": query.kind, "pattern": query.rg_pattern, "files": files, **summarize_ms(timings)}
    return {"queries": results}
