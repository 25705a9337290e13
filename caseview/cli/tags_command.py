"""``caseview tags``: the codebook headless — every tag with its count and description; rename, merge,
describe a tag; list or export every passage with one tag (Markdown or CSV)."""

from __future__ import annotations

import argparse
from pathlib import Path

from pydantic import BaseModel
from rich.text import Text

from caseview.annotations.codebook import TaggedPassage
from caseview.annotations.errors import AnnotationError
from caseview.cli.command import Command
from caseview.cli.common import (
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    CliError,
    add_corpus_argument,
    open_workspace,
    print_model,
    stdout,
)
from caseview.export.codebook import TAG_FORMATS
from caseview.kernel.textsafe import one_line

TAGS_USAGE = (
    "caseview tags [CORPUS] [--tag T [--export md|csv [--output FILE]]] [--rename OLD NEW] "
    "[--merge A [A2 …] --into B] [--describe T TEXT] [--json]"
)


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("--tag", metavar="T", help="list every passage tagged T (any case), across documents")
    parser.add_argument("--export", choices=TAG_FORMATS, help="with --tag: write its passages as Markdown or CSV")
    parser.add_argument("--output", metavar="FILE", help="with --export: where (default: tag-T.md in the corpus)")
    changes = parser.add_mutually_exclusive_group()
    changes.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"), help="rename a tag on every annotation")
    changes.add_argument("--merge", nargs="+", metavar="A", help="merge these tags (with --into B)")
    changes.add_argument("--describe", nargs=2, metavar=("T", "TEXT"), help="set a tag's description ('' removes)")
    parser.add_argument("--into", metavar="B", help="with --merge: the tag they become")
    parser.add_argument("--json", action="store_true", help="print the codebook (or the passages) as JSON")


class TagJson(BaseModel):
    name: str
    count: int
    documents: int
    description: str


class PassageJson(BaseModel):
    annotation: str
    doc_id: str
    start: int
    end: int
    quote: str
    note: str | None
    tags: list[str]


class TagsJson(BaseModel):
    tags: list[TagJson]


class PassagesJson(BaseModel):
    tag: str
    passages: list[PassageJson]


def run(args: argparse.Namespace) -> int:
    if args.merge and not args.into:
        raise CliError("--merge wants --into B: the tag the merged ones become")
    if args.into and not args.merge:
        raise CliError("--into goes with --merge A [A2 …]")
    if (args.export or args.output) and not args.tag:
        raise CliError("--export and --output go with --tag T: which tag's passages to export")
    workspace = open_workspace(args.corpus, show_warnings=False)
    codebook = workspace.codebook
    try:
        if args.rename or args.merge:
            change = codebook.rename(*args.rename) if args.rename else codebook.merge(args.merge, args.into)
            stdout.print(Text(one_line(f"{change.description} in {len(change.doc_ids)} document(s)")))
            return EXIT_OK
        if args.describe:
            tag, text = args.describe
            codebook.describe(tag, text)
            stdout.print(Text(one_line(f"'{tag}': {text}" if text.strip() else f"'{tag}': description removed")))
            return EXIT_OK
        if args.tag and args.export:
            path = codebook.write_export(args.tag, args.export, Path(args.output) if args.output else None)
            count = len(codebook.passages(args.tag))
            stdout.print(Text(one_line(f"{count} passage(s) tagged '{args.tag}' written to {path}")))
            return EXIT_OK if count else EXIT_NOTHING_FOUND
        if args.tag:
            return _print_passages(workspace.codebook.passages(args.tag), args.tag, args.json)
    except AnnotationError as error:
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"cannot write the export: {error.strerror or error}") from None
    rows = codebook.summary()
    if args.json:
        print_model(TagsJson(tags=[TagJson(**vars(row)) for row in rows]))
    else:
        width = max((len(row.name) for row in rows), default=0)
        for row in rows:
            counts = f"{row.count:>4} in {row.documents} doc{'s' if row.documents != 1 else ''}"
            line = f"{one_line(row.name):<{width}}  {counts}" + (f"  {row.description}" if row.description else "")
            stdout.print(Text(one_line(line)))
    return EXIT_OK if rows else EXIT_NOTHING_FOUND


def _print_passages(passages: list[TaggedPassage], tag: str, as_json: bool) -> int:
    if as_json:
        shown = [
            PassageJson(
                annotation=p.annotation_id,
                doc_id=p.doc_id,
                start=p.start,
                end=p.end,
                quote=p.quote,
                note=p.note,
                tags=list(p.tags),
            )
            for p in passages
        ]
        print_model(PassagesJson(tag=tag, passages=shown))
    else:
        for passage in passages:
            note = f"  note: {passage.note}" if passage.note else ""
            line = f"{passage.doc_id} {passage.start}:{passage.end}  “{passage.quote}”{note}  ({passage.annotation_id})"
            stdout.print(Text(one_line(line)))
    return EXIT_OK if passages else EXIT_NOTHING_FOUND


COMMANDS = {
    "tags": Command(
        _arguments,
        run,
        usage=TAGS_USAGE,
        description=(
            "The codebook: every tag with how many annotations and documents carry it and its description "
            "(kept in caseview-codebook.json). --rename and --merge change every annotation at once; "
            "--tag T lists every passage tagged T, --export writes them as Markdown or CSV."
        ),
    ),
}
