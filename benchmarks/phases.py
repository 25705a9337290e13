"""The measurements, one phase at a time; each runs in its own process so peak memory is per phase.

``python -m benchmarks.phases PHASE CORPUS_ROOT --out result.json`` runs one phase (``build``,
``incremental``, ``noop_refresh``, ``open``, ``search``, ``extract``, ``ripgrep``) and writes its result as JSON.
:func:`run_phase` does the same in-process (the unit tests use it on a tiny corpus).
"""

from __future__ import annotations

import time

_MODULE_START = time.perf_counter()  # before caseview is imported: the cold-open clock starts here

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

from benchmarks.baselines import measure_tantivy, measure_whoosh_plain  # noqa: E402
from benchmarks.corpora import reset_derived  # noqa: E402
from benchmarks.memory import PeakSampler  # noqa: E402
from benchmarks.queries import KINDS, QUERY_MIX, TARGET_KINDS  # noqa: E402
from benchmarks.ripgrep import measure_ripgrep  # noqa: E402
from benchmarks.stats import cpu_seconds, folder_mb, summarize_ms  # noqa: E402

#: A word that appears in no speech: the incremental phase adds it and searches for it.
EDIT_MARKER = "zyzzyvabenchmark"
FIRST_QUERY = "government"


def corpus_bytes(root: Path) -> int:
    return sum(path.stat().st_size for path in root.rglob("*.txt") if ".caseview" not in path.parts)


def measure_build(root: Path, repeats: int = 1, with_extraction: bool = False) -> dict[str, object]:
    """A full index build from nothing (the ``.caseview`` folder deleted first).

    By default the search index alone: the workspace's extras providers (entity extraction, which
    the app runs for each document of a first build) are left out; ``with_extraction`` keeps them.
    """
    from caseview.workspace import Workspace

    reset_derived(root)
    size = corpus_bytes(root)
    progress_calls = 0

    def progress(_done: int, _total: int, _current: str) -> None:
        nonlocal progress_calls
        progress_calls += 1

    cpu_before = cpu_seconds()
    with PeakSampler() as peak:
        started = time.perf_counter()
        workspace = Workspace(root)
        if not with_extraction:
            workspace.corpus_index._extras_providers.clear()
        workspace.refresh(progress)
        seconds = time.perf_counter() - started
    # Less the sampler's own reads of /proc: they cost in proportion to wall-clock time (so to the
    # machine's load), not to the work measured; under load they were most of a build's "CPU".
    cpu = cpu_seconds() - cpu_before - peak.sampler_cpu_s
    documents = len(workspace.documents())
    segments = len(workspace.index.ix._segments())
    workspace.close()
    return {
        "with_extraction": with_extraction,
        "documents": documents,
        "corpus_mb": round(size / 2**20, 1),
        "seconds": round(seconds, 2),
        "docs_per_s": round(documents / seconds, 1),
        "mb_per_s": round(size / 2**20 / seconds, 2),
        # CPU time of this process and its writer processes: comparable even on a busy machine.
        "cpu_seconds": round(cpu, 2),
        "sampler_cpu_seconds": round(peak.sampler_cpu_s, 2),
        "docs_per_cpu_s": round(documents / cpu, 1) if cpu else None,
        "index_mb": folder_mb(root / ".caseview"),
        "segments": segments,
        "progress_calls": progress_calls,
        **peak.as_dict(),
    }


def measure_app_build(root: Path, repeats: int = 1) -> dict[str, object]:
    """A first build as the app does it: the search index plus entity extraction for each document."""
    return measure_build(root, repeats, with_extraction=True)


def _pick_document(root: Path) -> Path:
    documents = sorted(path for path in root.rglob("*.txt") if ".caseview" not in path.parts)
    return documents[len(documents) // 2]


def measure_incremental(root: Path, repeats: int = 3) -> dict[str, object]:
    """Change one document, refresh, find the change; put it back, refresh. Also a no-change refresh."""
    from caseview.workspace import Workspace

    workspace = Workspace.open(root)
    target = _pick_document(root)
    doc_id = target.relative_to(root).as_posix()
    original = target.read_bytes()
    stat = target.stat()
    change_s, restore_s, noop_s, reindex_s = [], [], [], []
    found = True
    try:
        for round_number in range(repeats):
            target.write_bytes(original + f"\n\n{EDIT_MARKER} {round_number}.".encode())
            started = time.perf_counter()
            report = workspace.refresh()
            change_s.append(time.perf_counter() - started)
            found = found and report.indexed == [doc_id] and workspace.search(EDIT_MARKER).total == 1
            started = time.perf_counter()
            workspace.reindex_documents([doc_id])
            reindex_s.append(time.perf_counter() - started)
            target.write_bytes(original)
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            started = time.perf_counter()
            workspace.refresh()
            restore_s.append(time.perf_counter() - started)
            started = time.perf_counter()
            workspace.refresh()
            noop_s.append(time.perf_counter() - started)
    finally:
        target.write_bytes(original)
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        workspace.refresh()
        workspace.close()
    return {
        "document": doc_id,
        "change_found": found,
        "refresh_after_change": summarize_ms(change_s),
        "refresh_after_restore": summarize_ms(restore_s),
        "refresh_unchanged": summarize_ms(noop_s),
        "reindex_one": summarize_ms(reindex_s),
    }


def measure_noop_refresh(root: Path, repeats: int = 5) -> dict[str, object]:
    """A refresh that finds nothing changed (issue 17: ≤ 2 s at 200,000 documents), wall and CPU.

    In-process, split into the walk (``scan_stamps``: listing and stats), the manifest read and the
    plan; then end to end as an analyst meets it, ``caseview search`` in a new process on the warm
    corpus (its CPU time from ``getrusage`` of the child).
    """
    import resource
    import subprocess
    import sys

    from caseview.corpus.loader import scan_stamps
    from caseview.workspace import Workspace

    workspace = Workspace.open(root)  # warm: built, and brought up to date once
    index = workspace.corpus_index
    manifest = index._manifest
    assert manifest is not None
    parts: dict[str, list[float]] = {"scan": [], "manifest": [], "plan": []}
    wall, cpu = [], []
    files = unchanged = 0
    for _ in range(repeats):
        cpu_before, started = time.process_time(), time.perf_counter()
        report = workspace.refresh()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_before)
        unchanged = report.unchanged
        assert not report.indexed and not report.removed, "the corpus changed during the measurement"
        before = time.process_time()
        scan = scan_stamps(index.root, None, index._marked_suffixes())
        parts["scan"].append(time.process_time() - before)
        before = time.process_time()
        known, skipped = manifest.stat_keys(), manifest.skipped_keys()
        parts["manifest"].append(time.process_time() - before)
        before = time.process_time()
        index._plan(scan, known, skipped)
        parts["plan"].append(time.process_time() - before)
        files = len(scan.stamps)
    workspace.close()
    cli_wall, cli_cpu = [], []
    environment = {**os.environ, "CASEVIEW_CORPUS": str(root)}
    for _ in range(max(1, repeats // 2)):
        usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        finished = subprocess.run(
            [sys.executable, "-m", "caseview", "search", str(root), FIRST_QUERY, "--limit", "1"],
            env=environment,
            capture_output=True,
            check=False,
        )
        if finished.returncode not in (0, 1):  # 1: nothing found, still an answer
            raise RuntimeError(finished.stderr.decode(errors="replace")[-2000:])
        cli_wall.append(time.perf_counter() - started)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        cli_cpu.append(usage.ru_utime + usage.ru_stime - usage_before.ru_utime - usage_before.ru_stime)
    return {
        "files": files,
        "documents_unchanged": unchanged,
        "refresh_wall_s": round(min(wall), 3),
        "refresh_cpu_s": round(min(cpu), 3),
        "cpu_split_s": {name: round(min(values), 3) for name, values in parts.items()},
        "cli_search_wall_s": round(min(cli_wall), 3),
        "cli_search_cpu_s": round(min(cli_cpu), 3),
        "load": round(os.getloadavg()[0], 2),
    }


def measure_open(root: Path, repeats: int = 5) -> dict[str, object]:
    """Opening a known (built) corpus and answering a first query.

    ``open+query``: ``Workspace(root).search(…)``, which answers from the index as last refreshed
    (what the TUI shows while its refresh worker scans the folder). ``open+refresh+query``:
    ``Workspace.open(root)`` first scans every file for changes, as the CLI does.
    Cold: the first of these in this new process (modules imported, no searcher of ours yet);
    warm: ``repeats`` more, each on a new ``Workspace``.
    """
    imported_at = time.perf_counter()
    from caseview.workspace import Workspace

    import_s = time.perf_counter() - imported_at

    def open_and_query(scan: bool) -> tuple[float, float]:
        started = time.perf_counter()
        workspace = Workspace.open(root) if scan else Workspace(root)
        opened = time.perf_counter()
        workspace.search(FIRST_QUERY)
        done = time.perf_counter()
        workspace.close()
        return opened - started, done - started

    cold_open_s, cold_total_s = open_and_query(scan=False)
    cold_since_start = time.perf_counter() - _MODULE_START
    cold_refresh_open_s, cold_refresh_total_s = open_and_query(scan=True)
    warm = [open_and_query(scan=False)[1] for _ in range(repeats)]
    warm_refresh = [open_and_query(scan=True) for _ in range(repeats)]
    return {
        "cold": {
            "import_ms": round(import_s * 1000, 1),
            "open_ms": round(cold_open_s * 1000, 1),
            "total_ms": round(cold_total_s * 1000, 1),
            "since_process_start_ms": round(cold_since_start * 1000, 1),
        },
        "warm": {"total": summarize_ms(warm)},
        "with_refresh": {
            "first_total_ms": round(cold_refresh_total_s * 1000, 1),
            "first_open_ms": round(cold_refresh_open_s * 1000, 1),
            "warm_total": summarize_ms([total for _, total in warm_refresh]),
            "warm_refresh": summarize_ms([opened for opened, _ in warm_refresh]),
        },
    }


def measure_search(root: Path, repeats: int = 7) -> dict[str, object]:
    """Every query of the mix, ``repeats`` times after one warm-up, with and without snippets."""
    from caseview.workspace import Workspace

    with PeakSampler() as peak:
        workspace = Workspace.open(root)
        per_query: dict[str, dict[str, object]] = {}
        by_kind: dict[tuple[str, bool], list[float]] = {}
        worst_s = 0.0
        for query in QUERY_MIX:
            entry: dict[str, object] = {"kind": query.kind}
            for snippets in (True, False):
                started = time.perf_counter()
                first = workspace.search(query.text, snippets=snippets)
                first_s = time.perf_counter() - started
                timings = []
                for _ in range(repeats):
                    started = time.perf_counter()
                    workspace.search(query.text, snippets=snippets)
                    timings.append(time.perf_counter() - started)
                worst_s = max(worst_s, first_s, *timings)
                by_kind.setdefault((query.kind, snippets), []).extend(timings)
                label = "snippets" if snippets else "no_snippets"
                entry[label] = {"first_ms": round(first_s * 1000, 2), **summarize_ms(timings)}
                entry.update(total=first.total, total_is_estimate=first.total_is_estimate, partial=first.partial)
            per_query[query.text] = entry
        workspace.close()
    kinds = {
        kind: {
            "snippets": summarize_ms(by_kind[(kind, True)]),
            "no_snippets": summarize_ms(by_kind[(kind, False)]),
        }
        for kind in KINDS
        if (kind, True) in by_kind
    }
    targeted = [value for kind in TARGET_KINDS for value in by_kind.get((kind, True), [])]
    return {
        "queries": per_query,
        "kinds": kinds,
        "targeted_with_snippets": summarize_ms(targeted) if targeted else None,
        "worst_ms": round(worst_s * 1000, 1),
        **peak.as_dict(),
    }


def _extraction_api() -> Callable[..., object] | None:
    try:
        from caseview.extract import extract_document  # type: ignore[attr-defined]
    except ImportError:
        return None
    return extract_document


def measure_extract(root: Path, repeats: int = 1, budget_s: float = 60.0) -> dict[str, object]:
    """Entity/time/event extraction over the corpus's documents (as many as fit in ``budget_s``)."""
    extract_document = _extraction_api()
    if extract_document is None:
        return {"skipped": "caseview.extract (with extract_document) is not available in this checkout"}
    from caseview.corpus import read_document, scan_corpus

    files = scan_corpus(root).files
    documents = 0
    size = 0
    mentions = 0
    events = 0
    started = time.perf_counter()
    for entry in files:
        document, _ = read_document(entry)
        extraction = extract_document(document.text, document.meta.published)
        documents += 1
        size += len(document.text.encode("utf-8"))
        mentions += len(getattr(extraction, "mentions", ()))
        events += len(getattr(extraction, "events", ()))
        if time.perf_counter() - started > budget_s:
            break
    seconds = time.perf_counter() - started
    return {
        "documents": documents,
        "of_documents": len(files),
        "seconds": round(seconds, 2),
        "docs_per_s": round(documents / seconds, 1),
        "mb_per_s": round(size / 2**20 / seconds, 2),
        "mentions": mentions,
        "events": events,
    }


PHASES: dict[str, Callable[..., dict[str, object]]] = {
    "build_app": measure_app_build,
    "build": measure_build,
    "incremental": measure_incremental,
    "noop_refresh": measure_noop_refresh,
    "open": measure_open,
    "search": measure_search,
    "extract": measure_extract,
    "ripgrep": measure_ripgrep,
    "whoosh_plain": measure_whoosh_plain,
    "tantivy": measure_tantivy,
}


def run_phase(phase: str, root: Path, repeats: int | None = None) -> dict[str, object]:
    function = PHASES[phase]
    return function(root.resolve()) if repeats is None else function(root.resolve(), repeats)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("phase", choices=sorted(PHASES))
    parser.add_argument("root", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--repeats", type=int)
    args = parser.parse_args(argv)
    result = run_phase(args.phase, args.root, args.repeats)
    args.out.write_text(json.dumps(result, indent=2, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
