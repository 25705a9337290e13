"""The one benchmark command: prepare the corpora, measure every phase, print a table, save JSON.

    python -m benchmarks.run                          # speeches, paragraphs, paragraphs-200k
    python -m benchmarks.run --corpora paragraphs --phases build,search

Each phase runs in a fresh process (so its peak memory is its own); the index built by ``build``
is reused by the later phases of the same corpus. Results go to ``benchmarks/results/`` (or
``--results``) as ``results-<timestamp>.json``, and the Markdown tables go to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpora import Speech, prepare, sotu_speeches, spec_for
from benchmarks.machine import machine_info
from benchmarks.report import render

HERE = Path(__file__).resolve().parent
DEFAULT_CORPORA = ("speeches", "paragraphs", "paragraphs-200k")
#: caseview's build and the two baselines' builds run back to back, and so do the searches, so that
#: what is compared ran under the same load (report.py refuses a ratio when the load differed).
PHASE_ORDER = (
    "build_app",
    "build",
    "whoosh_plain",
    "tantivy",
    "incremental",
    "noop_refresh",
    "open",
    "search",
    "extract",
    "ripgrep",
)
#: The app's first build (index + entity extraction) is skipped above this many documents unless asked for.
APP_BUILD_MAX_DOCS = 30_000


def run_phase_process(phase: str, root: Path, repeats: int | None, log: Any) -> dict[str, Any]:
    """Run one phase in a new Python process; its JSON result, or ``{"error": …}`` if it failed."""
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "result.json"
        command = [sys.executable, "-m", "benchmarks.phases", phase, str(root), "--out", str(out)]
        if repeats is not None:
            command += ["--repeats", str(repeats)]
        load_at_start = os.getloadavg()[0]
        started = time.perf_counter()
        finished = subprocess.run(command, cwd=HERE.parent, capture_output=True, text=True, check=False)
        if log is not None:
            print(f"  {phase}: {time.perf_counter() - started:.1f} s", file=log, flush=True)
        if finished.returncode != 0 or not out.exists():
            return {"error": (finished.stderr or finished.stdout).strip()[-2000:], "load_at_start": load_at_start}
        return {**json.loads(out.read_text("utf-8")), "load_at_start": round(load_at_start, 2)}


def run(
    corpora: list[str],
    phases: list[str],
    corpus_dir: Path,
    repeats: int | None,
    log: Any,
    speeches: list[Speech] | None = None,
    app_build_max_docs: int = APP_BUILD_MAX_DOCS,
) -> dict[str, Any]:
    """Prepare and measure each corpus; ``speeches`` defaults to the ``sotu`` package's."""
    results: dict[str, Any] = {
        "machine": machine_info(),
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "corpora": {},
    }
    for name in corpora:
        spec = spec_for(name)
        if log is not None:
            print(f"{name}: preparing", file=log, flush=True)
        if speeches is None:
            speeches = sotu_speeches()
        prepared = prepare(spec, corpus_dir, speeches)
        corpus: dict[str, Any] = {
            "documents": prepared.documents,
            "corpus_mb": round(prepared.bytes / 2**20, 1),
            "root": str(prepared.root),
        }
        needs_index = not (prepared.root / ".caseview").exists()
        # Every later phase needs an index.
        corpus_phases = ["build", *phases] if "build" not in phases and needs_index else phases
        for phase in PHASE_ORDER:
            if phase == "build_app" and prepared.documents > app_build_max_docs:
                continue
            if phase in corpus_phases:
                phase_repeats = None if phase.startswith("build") else repeats
                corpus[phase] = run_phase_process(phase, prepared.root, phase_repeats, log)
        results["corpora"][name] = corpus
    results["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="caseview benchmarks on the State of the Union corpora")
    parser.add_argument(
        "--corpora", default=",".join(DEFAULT_CORPORA), help="comma-separated: speeches, paragraphs, paragraphs-<N>k"
    )
    parser.add_argument("--phases", default=",".join(PHASE_ORDER), help="comma-separated: " + ", ".join(PHASE_ORDER))
    parser.add_argument("--corpus-dir", type=Path, default=HERE / "corpora", help="where prepared corpora live")
    parser.add_argument("--results", type=Path, default=HERE / "results", help="folder for the JSON results file")
    parser.add_argument("--repeats", type=int, help="repetitions per measurement (default: per phase)")
    parser.add_argument(
        "--app-build-max-docs",
        type=int,
        default=APP_BUILD_MAX_DOCS,
        help="run build_app (index + entity extraction) only on corpora up to this size",
    )
    args = parser.parse_args(argv)
    phases = [phase.strip() for phase in args.phases.split(",") if phase.strip()]
    unknown = set(phases) - set(PHASE_ORDER)
    if unknown:
        parser.error(f"unknown phase(s): {', '.join(sorted(unknown))}")
    corpora = [name.strip() for name in args.corpora.split(",") if name.strip()]
    for name in corpora:
        try:
            spec_for(name)
        except ValueError as error:
            parser.error(str(error))
    results = run(
        corpora, phases, args.corpus_dir, args.repeats, sys.stderr, app_build_max_docs=args.app_build_max_docs
    )
    args.results.mkdir(parents=True, exist_ok=True)
    path = args.results / f"results-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2, default=str), "utf-8")
    print(render(results))
    print(f"(full results: {path})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
