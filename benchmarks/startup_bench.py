"""Start-up cost: a bare ``python -c pass`` against ``caseview --help`` and a warm ``caseview search``.

Each command runs in a fresh interpreter, from a neutral folder (``python -m`` run inside a checkout
would use that checkout's code), with ``PYTHONPATH`` set to the checkout measured; ``--compare`` adds
a second checkout (e.g. main) measured in the same run, interleaved, so both see the same load.
Reported per command: the median wall time and the median CPU time (user + system of the child)
over ``--runs`` runs, and the ratio to ``python -c pass``. The corpus is indexed once before timing
(the search is the warm case: nothing changed, nothing re-indexed). The load average is printed
beside the numbers: on a shared machine compare only figures taken at similar loads.

    python -m benchmarks.startup_bench --corpus /var/tmp/me/seeds --word government --runs 30 \\
        --checkout . --compare /work/main
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Case:
    """One command to time: its label, the checkout it runs (None: no caseview) and its arguments."""

    label: str
    checkout: Path | None
    args: tuple[str, ...]


@dataclass
class Timings:
    wall: list[float]
    cpu: list[float]


def run_once(case: Case, cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``case`` in a fresh interpreter.

    Bytecode is cached as an installed caseview caches it, but under ``cwd`` (``PYTHONPYCACHEPREFIX``),
    never in the checkouts: with ``PYTHONDONTWRITEBYTECODE`` every run would compile every module
    again and time the compiler, not the start-up."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cwd / "pycache")
    if case.checkout is not None:
        env["PYTHONPATH"] = str(case.checkout)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *case.args], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: a search that found nothing
        raise SystemExit(f"{case.label}: exit {done.returncode}: {done.stderr.decode(errors='replace').strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def cases_for(checkout: Path, name: str, corpus: Path, word: str) -> list[Case]:
    return [
        Case(f"caseview --help ({name})", checkout, ("-m", "caseview", "--help")),
        Case(f"caseview search ({name})", checkout, ("-m", "caseview", "search", str(corpus), word)),
    ]


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="a corpus folder (indexed first: a copy)")
    parser.add_argument("--word", default="government", help="the word searched for")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--checkout", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--compare", type=Path, help="a second checkout measured in the same run (e.g. main)")
    args = parser.parse_args(argv)
    checkouts = [("this", args.checkout.resolve())]
    if args.compare is not None:
        checkouts.append(("compare", args.compare.resolve()))
    cases = [Case("python -c pass", None, ("-c", "pass"))]
    for name, checkout in checkouts:
        cases.extend(cases_for(checkout, name, args.corpus.resolve(), args.word))
    timings = {case.label: Timings([], []) for case in cases}
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as neutral:
        cwd = Path(neutral)
        for name, checkout in checkouts:  # warm: the index is built (and current) before any timing
            run_once(Case(f"index ({name})", checkout, ("-m", "caseview", "index", str(args.corpus.resolve()))), cwd)
        for case in cases:  # and every module's bytecode is cached
            run_once(case, cwd)
        print(f"load before: {load()}  (runs: {args.runs}, interleaved)")
        for _ in range(args.runs):
            for case in cases:
                wall, cpu = run_once(case, cwd)
                timings[case.label].wall.append(wall)
                timings[case.label].cpu.append(cpu)
    base = timings["python -c pass"]
    base_wall, base_cpu = statistics.median(base.wall), statistics.median(base.cpu)
    print(f"{'command':<34}{'wall ms':>10}{'cpu ms':>10}{'× pass (wall)':>15}{'× pass (cpu)':>14}")
    for label, timing in timings.items():
        wall, cpu = statistics.median(timing.wall), statistics.median(timing.cpu)
        print(f"{label:<34}{wall * 1000:>10.1f}{cpu * 1000:>10.1f}{wall / base_wall:>15.1f}{cpu / base_cpu:>14.1f}")
    print(f"load after: {load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
