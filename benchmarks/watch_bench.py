"""How soon a file saved into the corpus can be found in the open app (issue 17: ≤ 1 s at 200,000).

Run from the repository root on a prepared, indexed corpus (the 200k one takes a minute to open)::

    python -m benchmarks.watch_bench --corpus /var/tmp/cvbench/corpora/paragraphs-200k --rounds 30

It drives the real app headless (Textual's ``run_test``) with its file watcher on (inotify through
``watchfiles``; the poll is only the fallback) and entity extraction off unless ``--extraction`` is
given (on a corpus whose extraction cache is cold it would run for hours beside the measurement).
Once the app is ready, each round does one thing to a file of its own, in turn:

- ``add``: a new file with a word no other document has;
- ``edit``: the file the last ``add`` made, rewritten in place with a new word;
- ``delete``: that file removed.

and times, from the write (or the removal) to the end of the first screen update whose search pane
shows it, what an analyst sees who searches for the word through the search bar and presses enter
again until it is found (every :data:`RETRY_S`; for a ``delete``: until nothing matches any more).
The index's own side is noted too: when the app's refresh report named the file.

Only new files are written, all named ``watchbench-…`` in the corpus's top folder; each is removed
again (in a ``finally``), and the app's watcher then drops it from the index, so the corpus and its
index are left as they were. The bench also counts the refreshes that scanned the whole folder
(``CorpusIndex.full_scans``): the first, on opening, is expected; any later one is a failure of the
file events, and is reported.

Latencies are wall-clock, so they depend on the machine's load (printed with them); the CPU time of
the whole process from each write to its screen update is printed beside them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.tui_bench import PaintClock, summarise

SIZE = (120, 40)
#: How often the simulated analyst presses enter again while the word is not found yet.
RETRY_S = 0.05
#: Give up on one round after this long (a missed event: the poll fallback would take over).
ROUND_TIMEOUT_S = 60.0
#: What each round does, in turn.
ACTIONS = ("add", "edit", "delete")
PREFIX = "watchbench"


@dataclass
class Round:
    """One write and how long until the app showed it."""

    action: str
    path: str
    word: str
    #: Write → first screen update whose search pane shows the change.
    shown_s: float
    #: Write → the app's refresh report naming the file (its index has the change); None when a later
    #: report (a second event of the same save) replaced it before the bench looked.
    indexed_s: float | None
    #: CPU time of this process (every thread) from the write to the screen update.
    cpu_s: float


@dataclass
class WatchResult:
    corpus: str
    documents: int
    rounds: list[Round] = field(default_factory=list)
    #: Refreshes that scanned the whole folder: 1 (the opening) when file events did their job.
    full_scans_at_ready: int = 0
    full_scans_at_end: int = 0
    events: bool = False
    open_s: float = 0.0
    load_before: tuple[float, float, float] = (0.0, 0.0, 0.0)
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def summary(self) -> dict[str, dict[str, float]]:
        shown: dict[str, list[float]] = {"all: write → search shows it": []}
        for action in ACTIONS:
            values = [r.shown_s for r in self.rounds if r.action == action]
            if values:
                shown[f"{action}: write → search shows it"] = values
        shown["all: write → search shows it"] = [r.shown_s for r in self.rounds]
        indexed = [r.indexed_s for r in self.rounds if r.indexed_s is not None]
        if indexed:
            shown["all: write → index has it"] = indexed
        shown["all: cpu s, write → shown"] = [r.cpu_s for r in self.rounds]
        return summarise(shown)


def _unique_word(round_number: int) -> str:
    # Letters only, so the analyzer keeps it whole; the process id keeps two runs apart.
    digits = f"{os.getpid()}{round_number:04d}"
    return PREFIX + "".join(chr(ord("a") + int(digit)) for digit in digits)


def _write_in_place(path: Path, text: str) -> None:
    """Rewrite ``path`` as an editor saving in place does (same file, truncated), not by a rename."""
    with open(path, "r+", encoding="utf-8") as handle:
        handle.seek(0)
        handle.truncate()
        handle.write(text)


async def _until_shown(
    app,
    clock: PaintClock,
    word: str,
    shows: Callable[[], bool],
    started: float,
    timeout: float,
    each_step: Callable[[], None],
) -> float:
    """Search for ``word`` through the search bar, again every :data:`RETRY_S`, until a screen update
    shows ``shows()``; seconds from ``started``. ``each_step`` is called every few milliseconds."""
    screen = app.main_screen
    bar = screen.search_bar
    bar.input.value = word
    clock.conditions, clock.painted_at = {"shown": shows}, {}
    next_try = 0.0
    while "shown" not in clock.painted_at:
        now = time.perf_counter()
        if now - started > timeout:
            raise TimeoutError(f"{word!r}: the search never showed the change within {timeout} s")
        if now >= next_try:
            bar.search_now(word)  # enter pressed again
            next_try = now + RETRY_S
        each_step()
        await asyncio.sleep(0.002)
    clock.conditions = {}
    return clock.painted_at["shown"] - started


#: The app's background work that is not waited for: tracing provenance reads every document (many
#: minutes at 200,000) and starts again after each refresh, so it is part of the load the rounds meet.
NOT_WAITED_FOR = frozenset({"provenance"})


async def _quiet(pilot) -> None:
    """Wait until the app's workers (but those of :data:`NOT_WAITED_FOR`) are done, and the screen drawn."""
    app = pilot.app
    while any(worker.group not in NOT_WAITED_FOR and not worker.is_finished for worker in app.workers):
        await asyncio.sleep(0.01)
    await pilot.pause()


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


async def measure(
    corpus: Path, rounds: int, extraction: bool = False, timeout: float = ROUND_TIMEOUT_S, verbose: bool = False
) -> WatchResult:
    """Open the app on ``corpus``, wait until it is ready, then time ``rounds`` writes (see the module)."""
    from caseview.tui.app import make_app
    from caseview.tui.settings import Settings

    settings = Settings(extraction=extraction, keymap_file=None, state_file=None)
    corpus = corpus.resolve()
    result = WatchResult(str(corpus), 0, load_before=os.getloadavg())
    opened = time.perf_counter()
    app = make_app(corpus, settings=settings)
    clock = PaintClock(app)
    created: list[Path] = []
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = app.main_screen
            while not (screen.index_ready and (screen.watcher.events is not None or screen.watcher._timer)):
                await asyncio.sleep(0.01)
            await _quiet(pilot)
            result.open_s = time.perf_counter() - opened
            if verbose:
                _say(f"ready after {result.open_s:.1f} s")
            workspace = app.workspace
            index = workspace.corpus_index
            result.events = screen.watcher.events is not None
            result.documents = len(screen.sources.infos)
            result.full_scans_at_ready = index.full_scans
            sources = screen.sources
            live: Path | None = None
            live_word = ""

            def shows(word: str, doc_id: str, present: bool) -> Callable[[], bool]:
                def condition() -> bool:
                    results = sources.results
                    if results is None or results.query != word or not sources.showing_results:
                        return False
                    found = any(hit.doc_id == doc_id for hit in results.hits)
                    return found if present else results.total == 0

                return condition

            for number in range(rounds):
                action = ACTIONS[number % len(ACTIONS)]
                if action != "add" and live is None:
                    action = "add"
                word = _unique_word(number)
                if action == "add":
                    live = corpus / f"{PREFIX}-{os.getpid()}-{number:04d}.txt"
                    created.append(live)
                path = live
                assert path is not None
                doc_id = path.relative_to(corpus).as_posix()
                before_report = workspace.last_report
                cpu_before = time.process_time()
                started = time.perf_counter()
                if action == "add":
                    path.write_text(f"A note saved during the watch benchmark: {word}.\n", "utf-8")
                elif action == "edit":
                    _write_in_place(path, f"The same note, edited in place: {word}.\n")
                else:
                    path.unlink()
                    word = live_word  # gone: its last word must find nothing
                indexed_at: list[float] = []

                def note_indexed(doc_id: str = doc_id, before=before_report, noted=indexed_at) -> None:
                    report = workspace.last_report
                    if noted or report is before or report is None:
                        return
                    if doc_id in report.indexed or doc_id in report.removed:
                        noted.append(time.perf_counter())

                condition = shows(word, doc_id, present=action != "delete")
                shown = await _until_shown(app, clock, word, condition, started, timeout, note_indexed)
                note_indexed()
                cpu = time.process_time() - cpu_before
                result.rounds.append(
                    Round(action, doc_id, word, shown, indexed_at[0] - started if indexed_at else None, cpu)
                )
                if verbose:
                    _say(f"{action} {doc_id}: shown after {shown * 1000:.0f} ms")
                if action == "delete":
                    created.remove(path)
                    live = None
                live_word = word
                await _quiet(pilot)
            result.full_scans_at_end = index.full_scans
            if live is not None:  # before the app closes, so that its watcher drops it from the index too
                live.unlink(missing_ok=True)
                deadline = time.perf_counter() + timeout
                while (await asyncio.to_thread(workspace.search, live_word, 1, False)).total:
                    if time.perf_counter() > deadline:
                        break
                    await asyncio.sleep(0.05)
                await _quiet(pilot)
    finally:
        if created:  # the rounds stopped early: take the files out of the folder and the index again
            for path in created:
                path.unlink(missing_ok=True)
            from caseview.workspace import Workspace

            Workspace(corpus).refresh_paths(path.relative_to(corpus).as_posix() for path in created)
    result.load_after = os.getloadavg()
    return result


def report_lines(result: WatchResult) -> list[str]:
    lines = [
        f"corpus: {result.corpus} ({result.documents:,} documents), opened and ready in {result.open_s:.1f} s",
        f"machine: {os.cpu_count()} cores, load average before {' '.join(f'{v:.2f}' for v in result.load_before)}"
        f", after {' '.join(f'{v:.2f}' for v in result.load_after)}",
        f"watching through {'file events' if result.events else 'the poll (file events did not start)'}",
        f"full scans: {result.full_scans_at_ready} on opening, "
        f"{result.full_scans_at_end - result.full_scans_at_ready} during the rounds",
        "",
        f"{'':36} {'n':>4} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}",
    ]
    for name, numbers in result.summary().items():
        lines.append(
            f"{name:36} {numbers['n']:4d} {numbers['p50_ms']:9.1f} {numbers['p95_ms']:9.1f} {numbers['max_ms']:9.1f}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="a prepared corpus folder (indexed already)")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--extraction", action="store_true", help="run entity extraction as the app does by default")
    parser.add_argument("--json", type=Path, default=None, help="also write every round here")
    parser.add_argument("--verbose", action="store_true", help="print every round")
    args = parser.parse_args(argv)
    result = asyncio.run(measure(args.corpus, args.rounds, args.extraction, verbose=args.verbose))
    for line in report_lines(result):
        print(line)
    if args.verbose:
        for r in result.rounds:
            indexed = f"{r.indexed_s * 1000:7.0f}" if r.indexed_s is not None else "      -"
            print(f"  {r.action:6} {r.path:40} shown {r.shown_s * 1000:7.0f} ms  indexed {indexed} ms")
    if args.json:
        args.json.write_text(json.dumps({**asdict(result), "summary": result.summary()}, indent=2))
    late = result.full_scans_at_end - result.full_scans_at_ready
    return 1 if late else 0


if __name__ == "__main__":
    sys.exit(main())
