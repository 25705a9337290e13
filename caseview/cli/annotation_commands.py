"""``caseview tag``, ``caseview annotation``, ``caseview annotations`` and ``caseview check``: the analyst's
annotations, headless.

With a team server configured (``--team URL``, ``$CASEVIEW_TEAM_URL`` or ``caseview.toml``), every change
is also sent to it once the local write succeeded, through :class:`caseview.team.session.TeamSession`:
an unreachable server leaves the change kept locally (exit 0, one line saying so); a change of another
analyst's annotation is refused (exit 2, the local file restored).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from pydantic import BaseModel
from rich.text import Text

from caseview.annotations.errors import AnnotationError
from caseview.annotations.jsonld import annotation_to_jsonld
from caseview.annotations.model import Annotation, NoteFormat
from caseview.annotations.service import ChangeResult, CheckReport
from caseview.casefile.errors import CaseUsageError
from caseview.casefile.quotes import locate_quote
from caseview.cli.command import Command
from caseview.cli.common import (
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    CliError,
    add_corpus_argument,
    fail,
    open_workspace,
    print_json,
    print_model,
    stdout,
    store_error,
    warn,
)
from caseview.cli.doc_refs import corpus_error, resolve_doc_id
from caseview.cli.document_problems import DocumentProblem, document_problems, print_document_problems
from caseview.cli.review_command import (
    CandidateJson,
    add_accept_parser,
    candidate_lines,
    candidates_json,
    offered_or_none,
    run_accept,
)
from caseview.kernel.textsafe import one_line
from caseview.workspace import Workspace

TAG_USAGE = (
    "caseview tag [CORPUS] DOC (--span START:END | --quote TEXT [--occurrence N]) "
    "--tag T [--tag T2] [--note TEXT] [--markdown] [--team URL] [--json]"
)
ANNOTATION_USAGE = "caseview annotation [CORPUS] (edit|delete|accept) ID [OPTIONS] [--team URL] [--json]"
ANNOTATION_ACTIONS = ("edit", "delete", "accept")
LIST_USAGE = "caseview annotations [CORPUS] [DOC] [--tag T] [--json]"
#: ``caseview check`` exits with this when anything needs the analyst's attention.
EXIT_NEEDS_ATTENTION = 1


def _tag_arguments(parser: argparse.ArgumentParser) -> None:
    from caseview.cli.team_hooks import add_team_option  # issue 18

    add_corpus_argument(parser)
    parser.add_argument("doc", metavar="DOC", help="document id or path (an id starting with '-' goes after '--')")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--span", metavar="START:END", help="code-point offsets into the document text, end exclusive")
    where.add_argument("--quote", metavar="TEXT", help="the exact text of the passage")
    parser.add_argument(
        "--occurrence", type=int, default=1, metavar="N", help="with --quote: which appearance (1 = first)"
    )
    parser.add_argument("--tag", dest="tags", action="append", default=[], metavar="T", help="a tag (repeat for more)")
    parser.add_argument("--note", help="a note on the passage")
    parser.add_argument("--markdown", action="store_true", help="the note is Markdown (default: plain text)")
    add_team_option(parser)
    parser.add_argument("--json", action="store_true", help="print the annotation as W3C JSON-LD")


def _annotation_arguments(parser: argparse.ArgumentParser) -> None:
    from caseview.cli.team_hooks import add_team_option  # issue 18

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("annotation_id", metavar="ID", help="the annotation's id (see 'caseview annotations')")
    add_team_option(common)
    common.add_argument("--json", action="store_true", help="print the annotation as W3C JSON-LD")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True, prog="caseview annotation [CORPUS]")
    edit = actions.add_parser("edit", parents=[common], help="change an annotation's tags and/or note")
    edit.add_argument("--tag", dest="tags", action="append", metavar="T", help="the tags (repeat; replaces them all)")
    edit.add_argument("--no-tags", action="store_true", help="remove every tag")
    notes = edit.add_mutually_exclusive_group()
    notes.add_argument("--note", help="the new note")
    notes.add_argument("--no-note", action="store_true", help="remove the note")
    edit.add_argument("--markdown", action="store_true", help="the note is Markdown (default: plain text)")
    edit.set_defaults(act=_edit)
    delete = actions.add_parser("delete", parents=[common], help="delete an annotation (a tombstone is kept)")
    delete.set_defaults(act=_delete)
    add_accept_parser(actions, common)  # issue 13: accept the best candidate, or --candidate N


def _annotations_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("arguments", nargs="*", metavar="[CORPUS] [DOC]", help="a corpus folder and/or a document")
    parser.add_argument("--tag", help="only annotations with this tag (any case)")
    parser.add_argument("--json", action="store_true", help="print W3C JSON-LD annotations")


def _check_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (shape in the README, section 'JSON output')")


def _doc_id(workspace: Workspace, given: str) -> str:
    """A document id, also accepted as a path to the file inside the corpus or a unique prefix."""
    return resolve_doc_id(workspace, given)


def _parse_span(text: str) -> tuple[int, int]:
    start, sep, end = text.partition(":")
    try:
        if not sep:
            raise ValueError
        return int(start), int(end)
    except ValueError:
        raise CliError(f"--span wants START:END in code points, e.g. 120:180, not {text!r}") from None


def run_tag(args: argparse.Namespace) -> int:
    from caseview.cli.team_hooks import send_annotations, team_session  # issue 18

    corpus, doc = args.corpus, args.doc
    if not args.tags and not args.note:
        raise CliError("give at least one --tag or a --note")
    workspace = open_workspace(corpus, show_warnings=False)
    doc_id = _doc_id(workspace, doc)
    session = team_session(workspace.root, args.team)
    note_format: NoteFormat = "text/markdown" if args.markdown else "text/plain"
    try:
        if args.span is not None:
            start, end = _parse_span(args.span)
            annotation = workspace.annotate_span(
                doc_id, start, end, tags=args.tags, note=args.note, note_format=note_format
            )
        else:
            # Matched with quotes, dashes and white space normalised; the nearest passage named if absent.
            start, end = locate_quote(workspace.document(doc_id), args.quote, args.occurrence)
            annotation = workspace.annotate_span(
                doc_id, start, end, tags=args.tags, note=args.note, note_format=note_format
            )
    except (AnnotationError, CaseUsageError) as error:
        raise corpus_error(error, workspace.root) from None
    if args.json:
        print_json(annotation_to_jsonld(annotation))
    else:
        stdout.print(Text(one_line(f"{annotation.id}  {_line(annotation)}")))
        stdout.print(Text(one_line(f"written to {workspace.annotation_service.sidecar(doc_id)}"), style="dim"))
    return send_annotations(session, workspace, doc_id)


def run_annotation(args: argparse.Namespace) -> int:
    from caseview.cli.team_hooks import send_annotations, team_session  # issue 18

    workspace = open_workspace(args.corpus, show_warnings=False)
    session = team_session(workspace.root, args.team)
    if args.action == "accept":
        try:
            doc_id = run_accept(workspace, args)
        except AnnotationError as error:
            raise corpus_error(error, workspace.root) from None
        return send_annotations(session, workspace, doc_id)
    try:
        result: ChangeResult = args.act(workspace, args)
    except AnnotationError as error:
        raise corpus_error(error, workspace.root) from None
    if args.json and result.annotation is not None:
        print_json(annotation_to_jsonld(result.annotation))
    elif args.json:
        print_model(DeletedJson(id=result.annotation_id, doc_id=result.doc_id, outcome=result.outcome))
    elif result.annotation is not None:
        stdout.print(Text(one_line(f"{result.annotation_id}  {_line(result.annotation)}")))
    else:
        stdout.print(Text(one_line(f"deleted {result.annotation_id} from {result.doc_id}")))
    if result.message:
        fail(one_line(result.message))
    return send_annotations(session, workspace, result.doc_id)


def _edit(workspace: Workspace, args: argparse.Namespace) -> ChangeResult:
    if args.tags is None and not args.no_tags and args.note is None and not args.no_note:
        raise CliError("give --tag, --no-tags, --note or --no-note")
    if args.tags is not None and args.no_tags:
        raise CliError("--tag and --no-tags cannot go together")
    current = workspace.annotation(args.annotation_id)
    if args.tags is not None or args.no_tags:
        tags: list[str] = [] if args.no_tags else args.tags
        if args.note is not None or args.no_note:
            return workspace.edit_annotation(
                current.id,
                tags=tags,
                note=None if args.no_note else args.note,
                note_format="text/markdown" if args.markdown else "text/plain",
                base_rev=current.rev,
            )
        return workspace.edit_annotation(current.id, tags=tags, base_rev=current.rev)
    return workspace.edit_annotation(
        current.id,
        note=None if args.no_note else args.note,
        note_format="text/markdown" if args.markdown else "text/plain",
        base_rev=current.rev,
    )


def _delete(workspace: Workspace, args: argparse.Namespace) -> ChangeResult:
    current = workspace.annotation(args.annotation_id)
    return workspace.delete_annotation(current.id, base_rev=current.rev)


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
        warn(one_line(problem.message))
    # A deleted document's annotations are still listed (issue 12): its annotation file names it.
    listed = doc is not None and workspace.annotation_service.has_file(doc)
    doc_id = doc if listed else _doc_id(workspace, doc) if doc is not None else None
    try:
        found = workspace.annotations(doc_id, tag=args.tag)
    except AnnotationError as error:
        raise store_error(error) from None
    if args.json:
        print_json([annotation_to_jsonld(annotation) for annotation in found])
    else:
        for annotation in found:
            stdout.print(Text(one_line(f"{annotation.id}  {_line(annotation)}")))
    return EXIT_OK if found else EXIT_NOTHING_FOUND


def run_check(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.corpus, show_warnings=False)  # issue 15: listed below, once each
    report = workspace.check()
    documents = document_problems(workspace)
    if args.json:
        print_model(CheckJson.of(report, workspace).model_copy(update={"documents": documents}))
    else:
        print_document_problems(documents)
        _print_report(report, workspace)
    return EXIT_NEEDS_ATTENTION if report.needs_attention else EXIT_OK


class DeletedJson(BaseModel):
    """``caseview annotation delete --json``: which annotation, of which document, and how the merge went
    (``applied``; ``kept-edit`` when it was edited elsewhere meanwhile and so not deleted)."""

    id: str
    doc_id: str
    outcome: str


class AnnotationBrief(BaseModel):
    """An annotation as ``check --json`` lists it: where its passage is now and how sure that is."""

    id: str
    doc_id: str
    status: str
    score: float
    start: int | None
    end: int | None
    quote: str
    tags: list[str]
    conflicts: int

    @classmethod
    def of(cls, annotation: Annotation) -> AnnotationBrief:
        anchor = annotation.anchor
        return cls(
            id=annotation.id,
            doc_id=annotation.doc_id,
            status=anchor.status,
            score=anchor.score,
            start=anchor.start,
            end=anchor.end,
            quote=annotation.quote.exact,
            tags=list(annotation.tags),
            conflicts=len(annotation.conflicts),
        )


class ReviewJson(AnnotationBrief):
    reason: str
    #: Where the passage may be now, numbered for ``caseview annotation accept ID --candidate N``.
    candidates: list[CandidateJson] = []


class ProblemJson(BaseModel):
    doc_id: str
    path: str
    message: str
    read_only: bool


class CheckJson(BaseModel):
    """``caseview check --json``."""

    checked: int
    anchored: int
    moved: list[AnnotationBrief]
    review: list[ReviewJson]
    problems: list[ProblemJson]
    needs_attention: bool
    #: Documents that are encrypted, lack a text layer, could not be read or were read in part (issue 15).
    documents: list[DocumentProblem] = []

    @classmethod
    def of(cls, report: CheckReport, workspace: Workspace) -> CheckJson:
        return cls(
            checked=report.checked,
            anchored=len(report.anchored),
            moved=[AnnotationBrief.of(a) for a in report.moved],
            review=[
                ReviewJson(
                    **AnnotationBrief.of(item.annotation).model_dump(),
                    reason=item.reason,
                    candidates=candidates_json(offered_or_none(workspace, item.annotation.id)),
                )
                for item in report.review
            ],
            problems=[
                ProblemJson(doc_id=p.doc_id, path=str(p.path), message=p.message, read_only=p.read_only)
                for p in report.problems
            ],
            needs_attention=report.needs_attention,
        )


def _print_report(report: CheckReport, workspace: Workspace) -> None:
    for problem in report.problems:
        stdout.print(Text(one_line(f"FILE  {problem.message}"), style="red"))
    for item in report.review:
        stdout.print(
            Text(one_line(f"REVIEW  {item.annotation.id}  {_line(item.annotation)}  — {item.reason}"), style="yellow")
        )
        offered = offered_or_none(workspace, item.annotation.id)
        if len(offered) > 1:  # close candidates: numbered for 'caseview annotation accept ID --candidate N'
            for line in candidate_lines(offered):
                stdout.print(line)
    for annotation in report.moved:
        stdout.print(Text(one_line(f"MOVED  {annotation.id}  {_line(annotation)}")))
    stdout.print(
        Text(
            f"{report.checked} annotation{'s' if report.checked != 1 else ''} checked: "
            f"{len(report.anchored)} in place, "
            f"{len(report.moved)} moved, {len(report.review)} to review, {len(report.problems)} unusable file"
            f"{'s' if len(report.problems) != 1 else ''}"
        )
    )


COMMANDS = {
    "tag": Command(
        _tag_arguments,
        run_tag,
        usage=TAG_USAGE,
        description=(
            "Annotate a passage of a document: by code-point offsets (--span 120:180, end exclusive) or by quoting it "
            "(--quote, with --occurrence N for its N-th appearance, 1 = first). The annotation is written at once to "
            "DOC.annotations.json beside the document (W3C Web Annotation JSON) and is searchable with tag: and note:."
        ),
    ),
    "annotation": Command(
        _annotation_arguments,
        run_annotation,
        usage=ANNOTATION_USAGE,
        description=(
            "Edit an annotation's tags or note, or delete it (a tombstone is kept, so other windows and the "
            "team server learn of the delete). ID is as 'caseview annotations' lists it."
        ),
        actions=frozenset(ANNOTATION_ACTIONS),
    ),
    "annotations": Command(
        _annotations_arguments,
        run_annotations,
        usage=LIST_USAGE,
        description="List annotations with their status and passage.",
    ),
    "check": Command(
        _check_arguments,
        run_check,
        description=(
            "Validate every annotation file, re-anchor the annotations of documents that changed, and list what moved, "
            "what needs review or is orphaned, and unreadable files; first, the documents that are encrypted, have "
            "pages without a text layer, or could not be read (in full). Exits 1 when an annotation needs attention."
        ),
    ),
}
