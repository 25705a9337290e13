"""``caseview index`` and ``caseview docs``: build the index, list the documents."""

from __future__ import annotations

import argparse

from pydantic import RootModel
from rich.text import Text

from caseview.cli.command import Command
from caseview.cli.common import EXIT_NOTHING_FOUND, EXIT_OK, add_corpus_argument, open_workspace, print_model, stdout
from caseview.corpus import doc_uri
from caseview.kernel.textsafe import one_line
from caseview.workspace import DocumentInfo


class DocumentJson(DocumentInfo):
    """A document as ``caseview docs --json`` lists it: the workspace's own row, with the document's URI."""

    uri: str

    @classmethod
    def of(cls, info: DocumentInfo) -> DocumentJson:
        return cls(**info.model_dump(), uri=doc_uri(info.id))


class DocumentsJson(RootModel[list[DocumentJson]]):
    """``caseview docs --json``: a list of documents."""


def _index_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)


def _docs_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (shape in the README, section 'JSON output')")


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
    stdout.print(Text(one_line(summary)))
    return EXIT_OK


_DOCS_COLUMNS = ("id", "title", "outlet", "date", "size")


def _date_cell(info: DocumentInfo) -> str:
    """The publication date at its precision ("2026-04-16", "2026-06", "2026"), "≥ 2026-04-29" for a
    lower bound, "—" when undated: short, so the title keeps its room."""
    if info.published is not None:
        iso = info.published.isoformat()
        return {"day": iso, "month": iso[:7], "year": iso[:4]}.get(info.published_precision, iso)
    if info.published_after is not None:
        return f"≥ {info.published_after.isoformat()}"
    return "—"


def _docs_table(rows: list[tuple[str, str, str, str, str]], width: int) -> Text:
    """The documents as aligned columns within ``width``: the id, which the other verbs take, is never
    cut; outlet and date are short by nature; the title gets the room that is left and is cut with an
    ellipsis (the full title is in ``--json``)."""
    gap = 2
    widths = [max([len(name), *(len(row[index]) for row in rows)]) for index, name in enumerate(_DOCS_COLUMNS)]
    widths[2] = min(widths[2], 16)
    others = widths[0] + widths[2] + widths[3] + widths[4] + gap * (len(_DOCS_COLUMNS) - 1)
    widths[1] = max(12, min(widths[1], width - others - 1))
    table = Text()
    for number, row in enumerate([_DOCS_COLUMNS, *rows]):
        line = Text(style="bold" if number == 0 else "")
        for index, cell in enumerate(row):
            if index == len(row) - 1:
                line.append(cell.rjust(widths[index]))
                break
            piece = Text(cell)
            if index != 0:
                piece.truncate(widths[index], overflow="ellipsis")
            line.append_text(piece)
            line.append(" " * (widths[index] + gap - len(piece)))
        table.append_text(line)
        table.append("\n")
    table.rstrip()
    return table


def run_docs(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.corpus, show_warnings=not args.json)
    documents = workspace.documents()
    if args.json:
        print_model(DocumentsJson([DocumentJson.of(info) for info in documents]))
        return EXIT_OK if documents else EXIT_NOTHING_FOUND
    rows = [
        (one_line(info.id), one_line(info.title), one_line(info.outlet or "—"), _date_cell(info), f"{info.size:,}")
        for info in documents
    ]
    stdout.print(_docs_table(rows, stdout.width), markup=False, highlight=False, crop=False, soft_wrap=True)
    return EXIT_OK if documents else EXIT_NOTHING_FOUND


COMMANDS = {
    "index": Command(
        _index_arguments,
        run_index,
        description=(
            "Scan the corpus and re-index new, changed and removed documents (only those). "
            "Prints each skipped file with the reason, then a one-line summary."
        ),
    ),
    "docs": Command(_docs_arguments, run_docs),
}
