"""``caseview index`` and ``caseview docs``: build the index, list the documents."""

from __future__ import annotations

import argparse

from pydantic import RootModel
from rich.text import Text

from caseview.cli.command import Command
from caseview.cli.common import EXIT_NOTHING_FOUND, EXIT_OK, open_workspace, print_model, stdout
from caseview.cli.corpus_arguments import ARGUMENTS
from caseview.cli.docs_table import docs_table
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
        + (f", tags and notes of {len(report.annotations)} re-read" if report.annotations else "")
        + f", {report.seconds:.2f} s"
    )
    stdout.print(Text(one_line(summary)))
    return EXIT_OK


def run_docs(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.corpus, show_warnings=not args.json)
    documents = workspace.documents()
    if args.json:
        print_model(DocumentsJson([DocumentJson.of(info) for info in documents]))
        return EXIT_OK if documents else EXIT_NOTHING_FOUND
    stdout.print(docs_table(documents, stdout.width), markup=False, highlight=False, crop=False, soft_wrap=True)
    return EXIT_OK if documents else EXIT_NOTHING_FOUND


COMMANDS = {
    "index": Command.of(ARGUMENTS["index"], run_index),
    "docs": Command.of(ARGUMENTS["docs"], run_docs),
}
