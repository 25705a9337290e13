"""``caseview search [CORPUS] QUERY``: ranked documents with highlighted snippets, or JSON."""

from __future__ import annotations

import argparse

from rich.text import Text

from caseview.cli.common import (
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    fail,
    open_workspace,
    print_json,
    split_corpus,
    stdout,
    warn,
)
from caseview.corpus import doc_uri
from caseview.kernel.textsafe import printable
from caseview.search import QuerySyntaxError, SearchResults, check_query
from caseview.workspace import Workspace

USAGE = "caseview search [CORPUS] QUERY [--limit N] [--json]"


def register(subparsers: argparse._SubParsersAction) -> None:
    search = subparsers.add_parser(
        "search",
        help='search the corpus (words, "phrases", AND/OR/NOT, fields…)',
        usage=USAGE,
        description="Search the corpus. See the README for the query language.",
    )
    search.add_argument("arguments", nargs="+", metavar="[CORPUS] QUERY")
    search.add_argument("--limit", type=int, default=10, help="how many documents to show (default 10)")
    search.add_argument("--json", action="store_true", help="print JSON (schema in the README)")
    search.set_defaults(handler=run_search)


def run_search(args: argparse.Namespace) -> int:
    corpus, (query,) = split_corpus(args.arguments, 1, USAGE)
    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    try:
        check_query(query)  # a bad query fails fast, before any indexing
    except QuerySyntaxError as error:
        fail(f"bad query: {error.message}\n{error.pointer()}")
        return EXIT_USAGE
    workspace = open_workspace(corpus, show_warnings=not args.json)
    try:
        results = workspace.search(query, limit=args.limit)
    except QuerySyntaxError as error:
        fail(f"bad query: {error.message}\n{error.pointer()}")
        return EXIT_USAGE
    if results.partial and results.partial_reason:
        warn(results.partial_reason)
    if args.json:
        print_json(results_to_json(results, workspace))
    else:
        print_results(results)
    return EXIT_OK if results.hits else EXIT_NOTHING_FOUND


def results_to_json(results: SearchResults, workspace: Workspace) -> dict[str, object]:
    hits = []
    for hit in results.hits:
        text = workspace.document(hit.doc_id).text if hit.matches else ""
        hits.append(
            {
                "rank": hit.rank,
                "doc_id": hit.doc_id,
                "uri": doc_uri(hit.doc_id),
                "title": hit.title,
                "outlet": hit.outlet,
                "published": hit.published.isoformat() if hit.published else None,
                "score": round(hit.score, 4),
                "matched_fields": hit.matched_fields,
                "matches": [{"start": m.start, "end": m.end, "text": text[m.start : m.end]} for m in hit.matches],
                "snippets": [
                    {
                        "start": s.start,
                        "end": s.end,
                        "text": s.text,
                        "matches": [{"start": m.start, "end": m.end} for m in s.matches],
                    }
                    for s in hit.snippets
                ],
            }
        )
    return {
        "query": results.query,
        "total": results.total,
        "total_is_estimate": results.total_is_estimate,
        "partial": results.partial,
        "partial_reason": results.partial_reason,
        "elapsed_ms": round(results.elapsed_ms, 2),
        "hits": hits,
    }


def print_results(results: SearchResults) -> None:
    about = "about " if results.total_is_estimate else ""
    noun = "document" if results.total == 1 else "documents"
    stdout.print(
        Text(f"{about}{results.total} {noun} match {results.query!r} ({results.elapsed_ms:.0f} ms)", style="dim")
    )
    for hit in results.hits:
        stdout.print()
        heading = Text(f"{hit.rank}. ", style="bold")
        heading.append(printable(hit.title), style="bold")
        details = [
            hit.doc_id,
            hit.outlet or "",
            hit.published.isoformat() if hit.published else "",
            f"score {hit.score:.2f}",
        ]
        if hit.matches:
            details.append(f"{len(hit.matches)} matches")
        if hit.matched_fields:
            details.append("matched in " + ", ".join(hit.matched_fields))
        stdout.print(heading)
        stdout.print(Text("   " + " · ".join(part for part in details if part), style="dim"))
        for snippet in hit.snippets:
            line = Text("   … ")
            cursor = snippet.start
            for match in snippet.matches:
                line.append(_one_line(snippet.text[cursor - snippet.start : match.start - snippet.start]))
                line.append(
                    _one_line(snippet.text[match.start - snippet.start : match.end - snippet.start]),
                    style="bold reverse",
                )
                cursor = match.end
            line.append(_one_line(snippet.text[cursor - snippet.start :]))
            line.append(" …")
            stdout.print(line)


def _one_line(text: str) -> str:
    return printable(text).replace("\n", " ")
