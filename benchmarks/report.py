"""The results as Markdown tables: one row per corpus, the numbers that have targets first."""

from __future__ import annotations

from typing import Any

from benchmarks.queries import KINDS


def _get(data: dict[str, Any], *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        text = f"{value:,.0f}" if value >= 100 else f"{value:,.1f}" if value >= 10 else f"{value:,.2f}"
    elif isinstance(value, int):
        text = f"{value:,}"
    else:
        text = str(value)
    return f"{text}{unit}"


def _table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def overview_table(results: dict[str, Any]) -> str:
    headers = [
        "corpus",
        "docs",
        "MB",
        "index build docs/s (per CPU-s)",
        "build MB/s",
        "build peak MB",
        "app build docs/s (+entities)",
        "reindex 1 doc ms",
        "refresh after 1 change ms",
        "cold open+query ms",
        "warm open+query ms",
        "warm open+refresh+query ms",
        "search p50/p95 ms (term/AND/phrase/field, snippets)",
        "worst query ms",
        "search peak MB",
        "extract docs/s",
    ]
    rows = []
    for name, corpus in results["corpora"].items():
        targeted = _get(corpus, "search", "targeted_with_snippets") or {}
        rows.append(
            [
                name,
                _fmt(_get(corpus, "documents")),
                _fmt(_get(corpus, "corpus_mb")),
                f"{_fmt(_get(corpus, 'build', 'docs_per_s'))} ({_fmt(_get(corpus, 'build', 'docs_per_cpu_s'))})",
                _fmt(_get(corpus, "build", "mb_per_s")),
                _fmt(_get(corpus, "build", "peak_rss_mb")),
                _fmt(_get(corpus, "build_app", "docs_per_s")),
                _fmt(_get(corpus, "incremental", "reindex_one", "median_ms")),
                _fmt(_get(corpus, "incremental", "refresh_after_change", "median_ms")),
                _fmt(_get(corpus, "open", "cold", "total_ms")),
                _fmt(_get(corpus, "open", "warm", "total", "median_ms")),
                _fmt(_get(corpus, "open", "with_refresh", "warm_total", "median_ms")),
                f"{_fmt(targeted.get('median_ms'))} / {_fmt(targeted.get('p95_ms'))}",
                _fmt(_get(corpus, "search", "worst_ms")),
                _fmt(_get(corpus, "search", "peak_rss_mb")),
                _fmt(_get(corpus, "extract", "docs_per_s"))
                if _get(corpus, "extract", "skipped") is None
                else "skipped",
            ]
        )
    return _table(headers, rows)


def kinds_table(results: dict[str, Any]) -> str:
    headers = ["corpus"] + [f"{kind} p50/p95" for kind in KINDS]
    rows = []
    for snippets in ("snippets", "no_snippets"):
        for name, corpus in results["corpora"].items():
            kinds = _get(corpus, "search", "kinds") or {}
            cells = []
            for kind in KINDS:
                summary = _get(kinds, kind, snippets)
                cells.append(f"{_fmt(summary['median_ms'])} / {_fmt(summary['p95_ms'])}" if summary else "–")
            rows.append([f"{name} ({snippets.replace('_', ' ')})"] + cells)
    return _table(headers, rows)


def ripgrep_table(results: dict[str, Any]) -> str:
    headers = [
        "corpus",
        "query",
        "caseview p50 ms (20 hits + snippets)",
        "caseview total hits",
        "rg p50 ms (all files)",
        "rg files",
    ]
    rows = []
    for name, corpus in results["corpora"].items():
        rg_queries = _get(corpus, "ripgrep", "queries") or {}
        for text, rg in rg_queries.items():
            ours = _get(corpus, "search", "queries", text) or {}
            rows.append(
                [
                    name,
                    f"`{text}`",
                    _fmt(_get(ours, "snippets", "median_ms")),
                    _fmt(ours.get("total")),
                    _fmt(rg.get("median_ms")),
                    _fmt(rg.get("files")),
                ]
            )
    return _table(headers, rows) if rows else "(no ripgrep comparison in this run: not selected, or rg not installed)"


#: Two measurements are compared only if the 1-minute load at their starts differs by at most this.
COMPARABLE_LOAD_DIFFERENCE = 0.75


def _ratio(ours: Any, theirs: Any) -> str:
    if not isinstance(ours, (int, float)) or not isinstance(theirs, (int, float)) or not theirs:
        return "–"
    return f"{ours / theirs:.2f}×"


def _comparable(first: Any, second: Any) -> str | None:
    """Why two phase results must not be compared (their loads differed), or None if they may be."""
    loads = [_get(result, "load_at_start") for result in (first, second)]
    if any(not isinstance(load, (int, float)) for load in loads):
        return None
    if abs(loads[0] - loads[1]) > COMPARABLE_LOAD_DIFFERENCE:
        return f"not compared: load {loads[0]:.2f} vs {loads[1]:.2f}"
    return None


def baselines_table(results: dict[str, Any]) -> str:
    """caseview against plain Whoosh (naive schema) and tantivy, on the same files in the same run."""
    kinds = ("term", "and", "phrase")
    headers = [
        "corpus",
        "engine",
        "docs/CPU-s",
        "index ÷ text",
        "peak MB",
        "term p50 ms",
        "AND p50 ms",
        "phrase p50 ms",
    ]
    rows: list[list[str]] = []
    for name, corpus in results["corpora"].items():
        ours = corpus.get("build")
        ours_search = corpus.get("search")
        raw = _get(corpus, "corpus_mb")
        ours_ratio = _get(ours or {}, "index_mb")
        rows.append(
            [
                name,
                "caseview",
                _fmt(_get(ours or {}, "docs_per_cpu_s")),
                _fmt(round(ours_ratio / raw, 2)) if isinstance(ours_ratio, (int, float)) and raw else "–",
                _fmt(_get(ours or {}, "peak_rss_mb")),
                *(
                    _fmt(_get(ours_search or {}, "kinds", kind, "no_snippets", "median_ms"))
                    for kind in ("term", "and", "phrase")
                ),
            ]
        )
        for engine in ("whoosh_plain", "tantivy"):
            theirs = corpus.get(engine)
            if not isinstance(theirs, dict) or "skipped" in theirs or "error" in theirs:
                if isinstance(theirs, dict):
                    rows.append([name, engine, theirs.get("skipped") or "failed", "", "", "", "", ""])
                continue
            build_note = _comparable(ours, theirs)
            search_note = _comparable(ours_search, theirs)
            build_ratio = build_note or _ratio(_get(ours or {}, "docs_per_cpu_s"), theirs.get("docs_per_cpu_s"))
            cells = []
            for kind in kinds:
                theirs_ms = _get(theirs, "search", "kinds", kind, "median_ms")
                ours_ms = _get(ours_search or {}, "kinds", kind, "no_snippets", "median_ms")
                ratio = search_note or f"caseview {_ratio(ours_ms, theirs_ms)}"
                cells.append(f"{_fmt(theirs_ms)} ({ratio})" if theirs_ms is not None else "–")
            rows.append(
                [
                    name,
                    engine,
                    f"{_fmt(theirs.get('docs_per_cpu_s'))} (caseview {build_ratio})",
                    _fmt(theirs.get("index_to_text")),
                    _fmt(theirs.get("peak_rss_mb")),
                    *cells,
                ]
            )
    return _table(headers, rows) if rows else "(no baseline in this run)"


def machine_line(machine: dict[str, Any]) -> str:
    return (
        f"{machine.get('cpu')} · {machine.get('logical_cores')} cores · {machine.get('ram_gb')} GB RAM · "
        f"Python {machine.get('python')} · whoosh {machine.get('whoosh')} · textual {machine.get('textual')} · "
        f"{machine.get('ripgrep') or 'no rg'} · load at start {machine.get('load_average_at_start')}"
    )


def render(results: dict[str, Any]) -> str:
    return (
        "\n\n".join(
            [
                "## caseview benchmarks",
                machine_line(results["machine"]),
                overview_table(results),
                "### Search latency by query kind (ms)",
                kinds_table(results),
                "### caseview vs plain Whoosh and tantivy (same files, same run; ratios only at equal load)",
                baselines_table(results),
                "### caseview vs ripgrep",
                ripgrep_table(results),
            ]
        )
        + "\n"
    )
