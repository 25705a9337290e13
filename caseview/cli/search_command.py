"""``caseview search [CORPUS] QUERY``: ranked documents with highlighted snippets, or JSON."""

from __future__ import annotations

import argparse

from pydantic import field_serializer
from rich.text import Text

from caseview.cli.command import Command
from caseview.cli.common import (
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    fail,
    open_workspace,
    print_model,
    stdout,
    warn,
)
from caseview.cli.search_arguments import ARGUMENTS
from caseview.corpus import doc_uri
from caseview.kernel.textsafe import one_line, printable
from caseview.kernel.words import plural
from caseview.search import Hit, Match, QuerySyntaxError, SearchResults, check_query
from caseview.workspace import Workspace


def run_search(args: argparse.Namespace) -> int:
    corpus, query = args.corpus, args.query
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
        print_model(SearchJson.of(results, workspace))
    else:
        print_results(results)
    return EXIT_OK if results.hits else EXIT_NOTHING_FOUND


class MatchJson(Match):
    """A match with the words it covers (``text[start:end]`` of the document) and, in a paged document, its page."""

    text: str
    page: int | None = None


class HitJson(Hit):
    """A hit as ``--json`` prints it: the search's own model, with the document's URI and each match's words."""

    matches: list[MatchJson]  # type: ignore[assignment]  # a Match with its text: a subtype, read-only here

    uri: str

    @field_serializer("score")
    def _rounded_score(self, score: float) -> float:
        return round(score, 4)


class SearchJson(SearchResults):
    """``caseview search --json``."""

    hits: list[HitJson]  # type: ignore[assignment]  # hits with URIs and match texts, as above

    @field_serializer("elapsed_ms")
    def _rounded_elapsed(self, elapsed_ms: float) -> float:
        return round(elapsed_ms, 2)

    @classmethod
    def of(cls, results: SearchResults, workspace: Workspace) -> SearchJson:
        hits = []
        for hit in results.hits:
            document = workspace.document(hit.doc_id) if hit.matches else None
            text = document.text if document is not None else ""
            matches = [
                MatchJson(
                    start=m.start,
                    end=m.end,
                    text=text[m.start : m.end],
                    page=document.page_at(m.start) if document is not None else None,
                )
                for m in hit.matches
            ]
            hits.append(HitJson.model_validate({**hit.model_dump(), "matches": matches, "uri": doc_uri(hit.doc_id)}))
        return cls.model_validate({**results.model_dump(), "hits": hits})


def print_results(results: SearchResults) -> None:
    about = "about " if results.total_is_estimate else ""
    noun = "document" if results.total == 1 else "documents"
    stdout.print(
        Text(f"{about}{results.total} {noun} match {results.query!r} ({results.elapsed_ms:.0f} ms)", style="dim")
    )
    for hit in results.hits:
        stdout.print()
        heading = Text(f"{hit.rank}. ", style="bold")
        heading.append(one_line(hit.title), style="bold")
        details = [
            one_line(hit.doc_id),
            one_line(hit.outlet or ""),
            hit.published.isoformat() if hit.published else "",
            f"score {hit.score:.2f}",
        ]
        if hit.matches:
            details.append(plural(len(hit.matches), "match"))
        if hit.matched_fields:
            details.append("matched in " + ", ".join(hit.matched_fields))
        stdout.print(heading)
        stdout.print(Text("   " + " · ".join(part for part in details if part), style="dim"))
        for snippet in hit.snippets:
            line = Text(f"   p. {snippet.page} … " if snippet.page is not None else "   … ")
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


COMMANDS = {"search": Command.of(ARGUMENTS["search"], run_search)}
