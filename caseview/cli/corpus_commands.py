"""``caseview index`` and ``caseview docs``: build the index, list the documents."""

from __future__ import annotations

import argparse

from rich.table import Table
from rich.text import Text

from caseview.cli.common import EXIT_NOTHING_FOUND, EXIT_OK, add_corpus_argument, open_workspace, print_json, stdout
from caseview.corpus import doc_uri
from caseview.kernel.textsafe import printable


def register(subparsers: argparse._SubParsersAction) -> None:
    index = subparsers.add_parser(
        "index",
        help="build or refresh the search index",
        description=(
            "Scan the corpus and re-index new, changed and removed documents (only those). "
            "Prints each skipped file with the reason, then a one-line summary."
        ),
    )
    add_corpus_argument(index)
    index.set_defaults(handler=run_index)

    docs = subparsers.add_parser("docs", help="list the documents and their metadata")
    add_corpus_argument(docs)
    docs.add_argument("--json", action="store_true", help="print JSON (schema in the README)")
    docs.set_defaults(handler=run_docs)


def run_index(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.corpus)
    report = workspace.last_report
    assert report is not None
    skipped = report.skipped
    count = len(workspace.documents())
    summary = (
        f"{count} document{'s' if count != 1 else ''} in {workspace.root}: "
        f"{len(report.indexed)} indexed, {report.unchanged} unchanged, {len(report.removed)} removed, "
        f"{len(skipped)} skipped"
        + (" (" + "; ".join(f"{w.path}: {w.reason}" for w in skipped) + ")" if skipped else "")
        + f", {report.seconds:.2f} s"
    )
    stdout.print(Text(printable(summary)))
    return EXIT_OK


def run_docs(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.corpus, show_warnings=not args.json)
    documents = workspace.documents()
    if args.json:
        print_json([{**info.model_dump(mode="json"), "uri": doc_uri(info.id)} for info in documents])
        return EXIT_OK if documents else EXIT_NOTHING_FOUND
    table = Table(show_edge=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=1, overflow="fold")
    for column in ("outlet", "date", "size"):
        table.add_column(column, no_wrap=True)
    for info in documents:
        table.add_row(
            Text(printable(info.id)),
            Text(printable(info.title)),
            Text(printable(info.outlet or "—")),
            Text(info.published.isoformat() if info.published else "—"),
            Text(f"{info.size:,}"),
        )
    stdout.print(table)
    return EXIT_OK if documents else EXIT_NOTHING_FOUND
