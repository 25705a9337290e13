"""``caseview tag``, ``caseview annotations`` and ``caseview check``: the analyst's annotations, headless."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.text import Text

from caseview.annotations.errors import AnnotationError
from caseview.annotations.jsonld import annotation_to_jsonld
from caseview.annotations.model import Annotation
from caseview.annotations.service import CheckReport
from caseview.cli.common import (
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    CliError,
    open_workspace,
    print_json,
    split_corpus,
    stdout,
    warn,
)
from caseview.kernel.textsafe import printable
from caseview.workspace import Workspace

TAG_USAGE = (
    "caseview tag [CORPUS] DOC (--span START:END | --quote TEXT [--occurrence N]) "
    "--tag T [--tag T2] [--note TEXT] [--markdown] [--json]"
)
LIST_USAGE = "caseview annotations [CORPUS] [DOC] [--tag T] [--json]"
#: ``caseview check`` exits with this when anything needs the analyst's attention.
EXIT_NEEDS_ATTENTION = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    tag = subparsers.add_parser(
        "tag",
        help="tag a passage and/or write a note on it",
        usage=TAG_USAGE,
        description=(
            "Annotate a passage of a document: by code-point offsets (--span 120:180, end exclusive) or by quoting it "
            "(--quote, with --occurrence N for its N-th appearance, 1 = first). The annotation is written at once to "
            "DOC.annotations.json beside the document (W3C Web Annotation JSON) and is searchable with tag: and note:."
        ),
    )
    tag.add_argument("arguments", nargs="+", metavar="[CORPUS] DOC")
    where = tag.add_mutually_exclusive_group(required=True)
    where.add_argument("--span", metavar="START:END", help="code-point offsets into the document text, end exclusive")
    where.add_argument("--quote", metavar="TEXT", help="the exact text of the passage")
    tag.add_argument(
        "--occurrence", type=int, default=1, metavar="N", help="with --quote: which appearance (1 = first)"
    )
    tag.add_argument("--tag", dest="tags", action="append", default=[], metavar="T", help="a tag (repeat for more)")
    tag.add_argument("--note", help="a note on the passage")
    tag.add_argument("--markdown", action="store_true", help="the note is Markdown (default: plain text)")
    tag.add_argument("--json", action="store_true", help="print the annotation as W3C JSON-LD")
    tag.set_defaults(handler=run_tag)

    listing = subparsers.add_parser(
        "annotations",
        help="list annotations (all, one document's, or by tag)",
        usage=LIST_USAGE,
        description="List annotations with their status and passage.",
    )
    listing.add_argument("arguments", nargs="*", metavar="[CORPUS] [DOC]")
    listing.add_argument("--tag", help="only annotations with this tag (any case)")
    listing.add_argument("--json", action="store_true", help="print W3C JSON-LD annotations")
    listing.set_defaults(handler=run_annotations)

    check = subparsers.add_parser(
        "check",
        help="validate annotation files and re-anchor after document edits",
        description=(
            "Validate every annotation file, re-anchor the annotations of documents that changed, and list what moved, "
            "what needs review or is orphaned, and unreadable files. Exits 1 when anything needs attention."
        ),
    )
    check.add_argument("corpus", nargs="?", help="folder of documents (default: the bundled seed articles)")
    check.add_argument("--json", action="store_true", help="print JSON")
    check.set_defaults(handler=run_check)


def _doc_id(workspace: Workspace, given: str) -> str:
    """A document id, also accepted as a path to the file inside the corpus."""
    known = {info.id for info in workspace.documents()}
    if given in known:
        return given
    path = Path(given).expanduser()
    if path.exists():
        try:
            relative = path.resolve().relative_to(workspace.root).as_posix()
        except ValueError:
            relative = ""
        if relative in known:
            return relative
    raise CliError(f"no document {given!r} in {workspace.root} (see 'caseview docs')")


def _parse_span(text: str) -> tuple[int, int]:
    start, sep, end = text.partition(":")
    try:
        if not sep:
            raise ValueError
        return int(start), int(end)
    except ValueError:
        raise CliError(f"--span wants START:END in code points, e.g. 120:180, not {text!r}") from None


def run_tag(args: argparse.Namespace) -> int:
    corpus, (doc,) = split_corpus(args.arguments, 1, TAG_USAGE)
    if not args.tags and not args.note:
        raise CliError("give at least one --tag or a --note")
    workspace = open_workspace(corpus, show_warnings=False)
    doc_id = _doc_id(workspace, doc)
    fields = {"tags": args.tags, "note": args.note, "note_format": "text/markdown" if args.markdown else "text/plain"}
    try:
        if args.span is not None:
            start, end = _parse_span(args.span)
            annotation = workspace.annotate_span(doc_id, start, end, **fields)
        else:
            annotation = workspace.annotate_quote(doc_id, args.quote, args.occurrence, **fields)
    except AnnotationError as error:
        raise CliError(str(error)) from None
    if args.json:
        print_json(annotation_to_jsonld(annotation))
    else:
        stdout.print(Text(printable(f"{annotation.id}  {_line(annotation)}")))
        stdout.print(Text(printable(f"written to {workspace.annotation_service.sidecar(doc_id)}"), style="dim"))
    return EXIT_OK


def _line(annotation: Annotation) -> str:
    span = annotation.current_span
    where = f"{span[0]}:{span[1]}" if span else "—"
    quote = annotation.quote.exact if len(annotation.quote.exact) <= 70 else annotation.quote.exact[:69] + "…"
    parts = [f"{annotation.doc_id} {where} [{annotation.anchor.status}]", f"“{quote}”"]
    if annotation.tags:
        parts.append("tags: " + ", ".join(annotation.tags))
    if annotation.note:
        parts.append(f"note: {annotation.note}")
    if annotation.conflicts:
        parts.append(f"CONFLICT: {len(annotation.conflicts) + 1} versions")
    return "  ".join(parts)


def run_annotations(args: argparse.Namespace) -> int:
    positionals = list(args.arguments)
    if len(positionals) > 2:
        raise CliError(f"usage: {LIST_USAGE}")
    corpus = doc = None
    if len(positionals) == 2:
        corpus, doc = positionals
    elif len(positionals) == 1:
        if Path(positionals[0]).expanduser().is_dir():
            corpus = positionals[0]
        else:
            doc = positionals[0]
    workspace = open_workspace(corpus, show_warnings=not args.json)
    for problem in workspace.annotation_service.problems():
        warn(printable(problem.message))
    doc_id = _doc_id(workspace, doc) if doc is not None else None
    try:
        found = workspace.annotations(doc_id, tag=args.tag)
    except AnnotationError as error:
        raise CliError(str(error)) from None
    if args.json:
        print_json([annotation_to_jsonld(annotation) for annotation in found])
    else:
        for annotation in found:
            stdout.print(Text(printable(f"{annotation.id}  {_line(annotation)}")))
    return EXIT_OK if found else EXIT_NOTHING_FOUND


def run_check(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.corpus, show_warnings=not args.json)
    report = workspace.check()
    if args.json:
        print_json(_report_json(report))
    else:
        _print_report(report)
    return EXIT_NEEDS_ATTENTION if report.needs_attention else EXIT_OK


def _report_json(report: CheckReport) -> dict[str, object]:
    def brief(annotation: Annotation) -> dict[str, object]:
        return {
            "id": annotation.id,
            "doc_id": annotation.doc_id,
            "status": annotation.anchor.status,
            "score": annotation.anchor.score,
            "start": annotation.anchor.start,
            "end": annotation.anchor.end,
            "quote": annotation.quote.exact,
            "tags": list(annotation.tags),
            "conflicts": len(annotation.conflicts),
        }

    return {
        "checked": report.checked,
        "anchored": len(report.anchored),
        "moved": [brief(a) for a in report.moved],
        "review": [{**brief(item.annotation), "reason": item.reason} for item in report.review],
        "problems": [
            {"doc_id": p.doc_id, "path": str(p.path), "message": p.message, "read_only": p.read_only}
            for p in report.problems
        ],
        "needs_attention": report.needs_attention,
    }


def _print_report(report: CheckReport) -> None:
    for problem in report.problems:
        stdout.print(Text(printable(f"FILE  {problem.message}"), style="red"))
    for item in report.review:
        stdout.print(
            Text(printable(f"REVIEW  {item.annotation.id}  {_line(item.annotation)}  — {item.reason}"), style="yellow")
        )
    for annotation in report.moved:
        stdout.print(Text(printable(f"MOVED  {annotation.id}  {_line(annotation)}")))
    stdout.print(
        Text(
            f"{report.checked} annotation{'s' if report.checked != 1 else ''} checked: {len(report.anchored)} in place, "
            f"{len(report.moved)} moved, {len(report.review)} to review, {len(report.problems)} unusable file"
            f"{'s' if len(report.problems) != 1 else ''}"
        )
    )
