"""What caseview is measured against, on the same files in the same run: plain Whoosh and tantivy.

- ``whoosh_plain``: Whoosh as anyone would use it first — a naive schema (``id``, ``title``,
  ``body`` with the default analyser, positions kept once), one writer, one commit. It shows what
  caseview's own schema, analysers and extras cost on top of the same engine.
- ``tantivy``: the Rust engine's Python bindings (a benchmark-only dependency, never a runtime
  one: the ``bench`` extra), the practical limit of what a full-text index can do on this machine.

Both build from the corpus's ``.txt`` files (titles from the ``.meta.json`` sidecars) into a
scratch folder, report documents per CPU-second and the index size against the raw text, then
time the query mix's queries that they can express (tantivy: terms, AND and phrases) with the
top 20 hits, as caseview's search phase does. :mod:`benchmarks.report` turns the three into ratios.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.memory import PeakSampler
from benchmarks.queries import QUERY_MIX, BenchQuery
from benchmarks.stats import cpu_seconds, folder_mb, summarize_ms

#: Query kinds each baseline can answer with its own query language, unchanged.
WHOOSH_KINDS = ("term", "and", "phrase", "fuzzy", "prefix", "field")
TANTIVY_KINDS = ("term", "and", "phrase")
TOP = 20


@dataclass(frozen=True)
class PlainDocument:
    doc_id: str
    title: str
    body: str


def plain_documents(root: Path) -> Iterator[PlainDocument]:
    """Every ``.txt`` document of the corpus with its title (empty when it has no sidecar)."""
    for path in sorted(root.rglob("*.txt")):
        if ".caseview" in path.parts:
            continue
        title = ""
        sidecar = path.with_name(path.name + ".meta.json")
        if sidecar.is_file():
            title = str(json.loads(sidecar.read_text("utf-8")).get("title", ""))
        yield PlainDocument(str(path.relative_to(root)), title, path.read_text("utf-8", errors="replace"))


#: Runs one benchmark query and says how many hits (up to :data:`TOP`) it found.
QueryRunner = Callable[[BenchQuery], int]


def _time_queries(run_query: QueryRunner, kinds: tuple[str, ...], repeats: int) -> dict[str, object]:
    per_query: dict[str, object] = {}
    by_kind: dict[str, list[float]] = {}
    for query in QUERY_MIX:
        if query.kind not in kinds:
            continue
        hits = run_query(query)  # warm-up, and the hit count
        timings = []
        for _ in range(repeats):
            started = time.perf_counter()
            run_query(query)
            timings.append(time.perf_counter() - started)
        by_kind.setdefault(query.kind, []).extend(timings)
        per_query[query.text] = {"kind": query.kind, "hits": hits, **summarize_ms(timings)}
    return {"queries": per_query, "kinds": {kind: summarize_ms(values) for kind, values in by_kind.items()}}


def _result(
    documents: int,
    seconds: float,
    cpu: float,
    index_mb: float,
    raw_mb: float,
    peak: dict[str, object],
    search: dict[str, object],
) -> dict[str, object]:
    """One baseline's figures, in the shape :mod:`benchmarks.report` reads for every engine."""
    return {
        "documents": documents,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "docs_per_cpu_s": round(documents / cpu, 1) if cpu else None,
        "index_mb": index_mb,
        "index_to_text": round(index_mb / raw_mb, 2) if raw_mb else None,
        **peak,
        "search": search,
    }


def measure_whoosh_plain(root: Path, repeats: int = 7) -> dict[str, object]:
    """Build a naive-schema Whoosh index of the corpus, then time the queries it can express."""
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import FuzzyTermPlugin, QueryParser

    documents = list(plain_documents(root))
    raw_mb = sum(len(document.body.encode("utf-8")) for document in documents) / 2**20
    with tempfile.TemporaryDirectory(prefix="whoosh-plain-") as scratch:
        folder = Path(scratch)
        schema = Schema(id=ID(stored=True, unique=True), title=TEXT, body=TEXT)
        cpu_before = cpu_seconds()
        with PeakSampler() as peak:
            started = time.perf_counter()
            ix = index.create_in(str(folder), schema)
            writer = ix.writer()
            for document in documents:
                writer.add_document(id=document.doc_id, title=document.title, body=document.body)
            writer.commit()
            seconds = time.perf_counter() - started
        cpu = cpu_seconds() - cpu_before - peak.sampler_cpu_s  # as caseview's build: less the sampler
        index_mb = folder_mb(folder)
        parser = QueryParser("body", schema)
        parser.add_plugin(FuzzyTermPlugin())

        with ix.searcher() as searcher:

            def run_query(query: BenchQuery) -> int:
                return len(searcher.search(parser.parse(query.text), limit=TOP))

            timings = _time_queries(run_query, WHOOSH_KINDS, repeats)
    return _result(len(documents), seconds, cpu, index_mb, raw_mb, peak.as_dict(), timings)


def measure_tantivy(root: Path, repeats: int = 7) -> dict[str, object]:
    """Build a tantivy index of the corpus (one thread, as fair to a 2-core machine), time its queries."""
    try:
        import tantivy
    except ImportError:
        return {"skipped": "tantivy is not installed (pip install '.[bench]')"}
    documents = list(plain_documents(root))
    raw_mb = sum(len(document.body.encode("utf-8")) for document in documents) / 2**20
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title")
    builder.add_text_field("body")
    schema = builder.build()
    with tempfile.TemporaryDirectory(prefix="tantivy-") as scratch:
        cpu_before = cpu_seconds()
        with PeakSampler() as peak:
            started = time.perf_counter()
            ix = tantivy.Index(schema, path=scratch)
            writer = ix.writer(heap_size=100_000_000, num_threads=1)
            for document in documents:
                writer.add_document(tantivy.Document(id=document.doc_id, title=document.title, body=document.body))
            writer.commit()
            writer.wait_merging_threads()
            seconds = time.perf_counter() - started
        cpu = cpu_seconds() - cpu_before - peak.sampler_cpu_s  # as caseview's build: less the sampler
        index_mb = folder_mb(Path(scratch))
        ix.reload()
        searcher = ix.searcher()

        def run_query(query: BenchQuery) -> int:
            return len(searcher.search(ix.parse_query(query.text, ["body"]), TOP).hits)

        timings = _time_queries(run_query, TANTIVY_KINDS, repeats)
    return _result(len(documents), seconds, cpu, index_mb, raw_mb, peak.as_dict(), timings)
