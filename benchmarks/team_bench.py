"""Team server benchmarks (issue 18): live latency between two analysts' apps, and search p50/p95
on PostgreSQL beside Whoosh. A harness, not a test: it starts its own throwaway PostgreSQL (as the
team tests do), prints a JSON report and writes it to ``benchmarks/reports/`` when asked.

    python -m benchmarks.team_bench live --tags 20
    python -m benchmarks.team_bench search --corpus paragraphs-5k --repeats 5
    python -m benchmarks.team_bench search --docs 200000 --work /var/tmp/caseview-bench   # the issue's 200k

``live`` drives two real apps (Pilot) as two PostgreSQL roles on two copies of the seeds: analyst A
tags a passage in A's reader, and the clock runs until B's open reader shows it (A's local write →
A's link sends it → NOTIFY → B's link merges it into B's file → B's "changed elsewhere" path → B's
reader). ``search`` indexes a generated corpus (benchmarks/corpora.py) in Whoosh and on the server
from the same extracted text — the server's in one bulk load, reported in documents/s — and runs
:data:`benchmarks.queries.QUERY_MIX` on both (documents only, no snippets, on either side, so the
two measure the same work).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.corpora import prepare, spec_for
from benchmarks.machine import machine_info
from benchmarks.queries import QUERY_MIX
from benchmarks.stats import summarize_ms

REPO = Path(__file__).resolve().parents[1]
ANALYSTS = ("analyst_a", "analyst_b")


def _cluster() -> Any:
    import psycopg

    from tests.team.pgcluster import HOW_TO_RUN, find_binaries, make_cluster

    bin_dir = find_binaries()
    if bin_dir is None:
        raise SystemExit(HOW_TO_RUN)
    cluster = make_cluster(bin_dir)
    cluster.start()
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute("CREATE ROLE caseview_analyst NOLOGIN")
        for name in ANALYSTS:
            admin.execute(f"CREATE ROLE {name} LOGIN IN ROLE caseview_analyst")
        admin.execute("CREATE DATABASE bench")
    from caseview.team.db import connect
    from caseview.team.migrations import migrate

    with connect(cluster.url(database="bench")) as owner:
        migrate(owner)
    return cluster


def _load() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


# -- live: one analyst's tag on the other's screen ---------------------------------------------------
async def _live(cluster: Any, base: Path, tags: int) -> dict[str, Any]:
    from caseview.tui.app import make_app
    from caseview.tui.settings import GcPolicy, Settings
    from caseview.workspace import Workspace

    settings = Settings(watch_interval=None, extraction=False, gc_policy=GcPolicy.LEAVE, keymap_file=None)
    folders = []
    for name in ANALYSTS:
        folder = base / name
        shutil.copytree(REPO / "data" / "seeds", folder)
        Workspace.open(folder).close()
        folders.append(folder)
    apps = []
    for folder, role in zip(folders, ANALYSTS, strict=True):
        workspace = Workspace(folder)
        workspace.join_team(cluster.url(role, "bench"))
        apps.append(make_app(workspace=workspace, settings=settings))
    alice, bob = apps
    doc = "003_dcac92be05b45050.txt"
    text = Workspace.open(folders[0]).document(doc).text
    # The start of every line long enough to hold a sentence: one tag each, on distinct sentences.
    places = [index + 1 for index in range(len(text) - 80) if text[index] == "\n" and text[index + 1] != "\n"]
    places = [offset for offset in places if text.count(text[offset : offset + 40]) == 1][:tags]
    latencies: list[float] = []
    #: A's own local write (annotation file, its audit line, re-indexing the document in A's Whoosh).
    local_writes: list[float] = []
    async with alice.run_test(size=(120, 40)) as pa, bob.run_test(size=(120, 40)) as pb:
        await _until(pa, lambda: alice.main_screen.status.state.team.startswith("team: connected"))
        await _until(pb, lambda: bob.main_screen.status.state.team.startswith("team: connected"))
        await _until(pa, lambda: alice.main_screen.index_ready and bob.main_screen.index_ready)
        await pa.app.workers.wait_for_complete()
        await pb.app.workers.wait_for_complete()
        # Each app's own context: widgets find "their" app through it (two apps share this loop).
        with bob._context():
            bob.main_screen.reader.open(doc, None)
        with alice._context():
            alice.main_screen.reader.open(doc, None)
        await _until(pb, lambda: bob.main_screen.reader.document_id == doc)
        await _until(pa, lambda: alice.main_screen.reader.document_id == doc)
        for number, offset in enumerate(places, start=1):
            quote = text[offset : offset + 40]
            started = time.perf_counter()  # from A's write (what A's reader does on a tag, minus the keys)
            await asyncio.to_thread(alice.workspace.annotate_quote, doc, quote, tags=[f"live{number}"])
            written = time.perf_counter()
            with alice._context():
                alice.main_screen.watcher.seen(None)  # as the app does after its own change
            await _until(pb, lambda n=number: len(bob.main_screen.reader.annotations) >= n)
            latencies.append(time.perf_counter() - started)
            local_writes.append(written - started)
    return {
        "tags": len(latencies),
        "write_to_other_screen_ms": summarize_ms(latencies),
        "of_which_local_write_ms": summarize_ms(local_writes),
        "after_local_write_ms": summarize_ms([a - b for a, b in zip(latencies, local_writes, strict=True)]),
    }


async def _until(pilot: Any, condition: Any, timeout: float = 30.0) -> None:
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise TimeoutError("the apps did not get there in time")
        await pilot.pause(0.002)


# -- search: PostgreSQL beside Whoosh -----------------------------------------------------------------
#: The most documents each engine is asked for per query.
HIT_LIMIT = 10_000


def _why_different(whoosh: int, server: int, whoosh_partial: bool, server_partial: bool, limit: int) -> str:
    """Why two engines' document sets for one query differ, as far as the run can tell."""
    if whoosh_partial or server_partial:
        cut = " and ".join(name for name, cut in (("Whoosh", whoosh_partial), ("PostgreSQL", server_partial)) if cut)
        return f"partial answer ({cut}: time limit or capped expansion)"
    if whoosh >= limit and server >= limit:
        return "both at the hit limit: the rankings chose different documents among the matches"
    return "matching difference (a bug: the conformance suite should have caught it)"


def _search(cluster: Any, base: Path, corpus_name: str, repeats: int) -> dict[str, Any]:
    from caseview.search import parse_query
    from caseview.team.db import connect
    from caseview.team.search import SearchableDocument, ServerSearch
    from caseview.workspace import Workspace

    prepared = prepare(spec_for(corpus_name), base / "corpora")
    started = time.perf_counter()
    workspace = Workspace.open(prepared.root)
    whoosh_build_s = time.perf_counter() - started
    started = time.perf_counter()
    searchable = []
    for info in workspace.documents():
        document = workspace.document(info.id)
        searchable.append(SearchableDocument.of(document, workspace.index_extras(document)))
    read_s = time.perf_counter() - started
    with connect(cluster.url("analyst_a", "bench")) as connection:
        server = ServerSearch(connection, "bench")
        # One update for the whole corpus: the bulk path (COPY, GIN indexes built once, ANALYZE).
        started = time.perf_counter()
        server.update(searchable)
        server_build_s = time.perf_counter() - started
        with connect(cluster.url(database="bench")) as owner:
            owner.execute("ANALYZE")  # the owner's statistics, whichever path the load took
        per_kind: dict[str, dict[str, list[float]]] = {}
        agree = 0
        differs: list[dict[str, Any]] = []
        for query in QUERY_MIX:
            parsed = parse_query(query.text)
            times = per_kind.setdefault(query.kind, {"whoosh": [], "postgresql": []})
            whoosh_ids: set[str] = set()
            server_ids: set[str] = set()
            whoosh_partial = server_partial = False
            for _ in range(repeats):
                t0 = time.perf_counter()
                results = workspace.search(parsed, limit=HIT_LIMIT, snippets=False)
                times["whoosh"].append(time.perf_counter() - t0)
                whoosh_ids = {hit.doc_id for hit in results.hits}
                whoosh_partial = results.partial
                t0 = time.perf_counter()
                found = server.search(parsed, limit=HIT_LIMIT)
                times["postgresql"].append(time.perf_counter() - t0)
                server_ids = {hit.doc_id for hit in found.hits}
                server_partial = found.partial
            agree += whoosh_ids == server_ids
            if whoosh_ids != server_ids:
                differs.append(
                    {
                        "query": query.text,
                        # Why the sets may differ without a matching bug: an answer cut by the search's
                        # time limit or a capped expansion ("partial"), or both at the hit limit, where
                        # the two rankings choose different documents among many that match.
                        "why": _why_different(
                            len(whoosh_ids), len(server_ids), whoosh_partial, server_partial, HIT_LIMIT
                        ),
                        "whoosh": len(whoosh_ids),
                        "whoosh_partial": whoosh_partial,
                        "postgresql": len(server_ids),
                        "postgresql_partial": server_partial,
                        "only_whoosh": sorted(whoosh_ids - server_ids)[:5],
                        "only_postgresql": sorted(server_ids - whoosh_ids)[:5],
                    }
                )
    workspace.close()
    return {
        "corpus": corpus_name,
        "documents": prepared.documents,
        "corpus_mb": round(prepared.bytes / 1e6, 1),
        "whoosh_build_s": round(whoosh_build_s, 1),
        "read_documents_s": round(read_s, 1),
        "postgresql_build_s": round(server_build_s, 1),
        "postgresql_docs_per_s": round(prepared.documents / server_build_s) if server_build_s else None,
        "queries": len(QUERY_MIX),
        "same_documents": agree,
        "differs": differs,
        "repeats": repeats,
        "by_kind": {
            kind: {engine: summarize_ms(values) for engine, values in engines.items()}
            for kind, engines in per_kind.items()
        },
        "all": {
            engine: summarize_ms([v for engines in per_kind.values() for v in engines[engine]])
            for engine in ("whoosh", "postgresql")
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.team_bench", description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("live", "search"))
    parser.add_argument("--tags", type=int, default=20)
    parser.add_argument("--corpus", default="paragraphs-5k", help="speeches, paragraphs or paragraphs-<N>k")
    parser.add_argument(
        "--docs", type=int, default=None, help="the paragraph corpus of N documents (overrides --corpus)"
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--work", type=Path, default=None, help="where corpora are made (default: a temp folder)")
    parser.add_argument("--report", type=Path, default=None, help="also write the JSON report here")
    args = parser.parse_args(argv)
    base = Path(tempfile.mkdtemp(prefix="caseview-team-bench-"))
    work = args.work or base
    cluster = _cluster()
    report: dict[str, Any] = {"machine": machine_info(), "load_before": _load()}
    try:
        if args.what == "live":
            report["live"] = asyncio.run(_live(cluster, base, args.tags))
        else:
            corpus = f"paragraphs-{args.docs}" if args.docs else args.corpus
            report["search"] = _search(cluster, work, corpus, args.repeats)
    finally:
        report["load_after"] = _load()
        cluster.stop("immediate")
        shutil.rmtree(cluster.folder, ignore_errors=True)
        shutil.rmtree(base, ignore_errors=True)
    text = json.dumps(report, indent=2)
    print(text)
    if args.report is not None:
        args.report.write_text(text + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
