"""Time from a ``Workspace`` annotation write to its tag being searchable, on a 1 MB document (issue 17.2).

    PYTHONPATH=. python -m benchmarks.tag_search_bench [--runs 20]

Each run tags a different passage with a new tag, then searches ``tag:<new tag>`` until it finds
the document; prints p50/p95 in milliseconds and the machine's load.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from benchmarks.stats import percentile
from caseview.workspace import Workspace

SENTENCE = "The agency reviewed supply chain risk designation {n} against the contract terms. "


def _one_megabyte(folder: Path) -> str:
    parts, size, n = [], 0, 0
    while size < 1_000_000:
        sentence = SENTENCE.format(n=n)
        parts.append(sentence)
        size += len(sentence)
        n += 1
    (folder / "big.txt").write_text("Big memo\n\n" + "".join(parts), "utf-8")
    (folder / "small.txt").write_text("Small memo\n\nA short note on designation.", "utf-8")
    return "big.txt"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        doc_id = _one_megabyte(root)
        workspace = Workspace.open(root)
        times = []
        try:
            for run in range(runs):
                started = time.perf_counter()
                workspace.annotate_quote(doc_id, f"designation {run} against", tags=[f"bench-tag-{run}"])
                while not workspace.search(f"tag:bench-tag-{run}", snippets=False).hits:
                    pass
                times.append((time.perf_counter() - started) * 1000)
        finally:
            workspace.close()
    load = os.getloadavg()
    p50, p95 = percentile(times, 0.5), percentile(times, 0.95)
    print(f"tag on a 1 MB document searchable: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(f"runs {runs}; load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
