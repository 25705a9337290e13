"""``caseview case [CORPUS] ACTION …``: build and read a case file without the terminal app.

Actions: show, list, set, add (passage, annotation, entity, event, note), remove, move, link,
unlink, grade, note, role, section (rename, remove), import. Items are named by their id, a unique
prefix of it, or their number in ``case show``. ``--case NAME`` picks ``NAME.case.json`` instead of
``case.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from rich.text import Text

from caseview.casefile import CaseError, CaseFileError, CaseService, Grade
from caseview.casefile.model import EntityItem, EventItem, NoteItem, PassageItem, Relation
from caseview.casefile.resolve import CaseView, ResolvedItem
from caseview.casefile.store import case_names
from caseview.cli.common import EXIT_NOTHING_FOUND, EXIT_OK, CliError, open_workspace, print_json, stdout
from caseview.export.digest import citation_parts, item_label, one_line, resolved_interval
from caseview.export.webanno import case_from_w3c
from caseview.kernel.textsafe import printable

USAGE = "caseview case [CORPUS] [--case NAME] ACTION ..."
ACTIONS = (
    "show",
    "list",
    "set",
    "add",
    "remove",
    "move",
    "link",
    "unlink",
    "grade",
    "note",
    "role",
    "section",
    "import",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    case = subparsers.add_parser(
        "case",
        help="build and show the case file (add, move, link, grade, note passages…)",
        usage=USAGE,
        add_help=False,
        description="Build and show the case file. Run 'caseview case --help' for the actions.",
    )
    case.add_argument("-h", "--help", action=_HelpAction, nargs=0, help="show the actions and their options")
    case.add_argument("--case", dest="outer_case_name", metavar="NAME", help=argparse.SUPPRESS)
    case.add_argument("--json", dest="outer_json", action="store_true", help=argparse.SUPPRESS)
    case.add_argument("arguments", nargs=argparse.REMAINDER)
    case.set_defaults(handler=run_case)


class _HelpAction(argparse.Action):
    """``caseview case --help`` shows the actions (the outer parser only gathers the arguments)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        _action_parser().print_help()
        parser.exit()


def _action_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseview case",
        usage=USAGE,
        description="Build and show the case file of a corpus (case.json, or NAME.case.json with --case NAME). "
        "ITEM is an item's id, a unique prefix of it, or its number in 'case show'.",
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--case",
        dest="case_name",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="work on NAME.case.json instead of case.json",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    parser.add_argument("--case", dest="case_name", metavar="NAME", help="work on NAME.case.json instead of case.json")
    parser.add_argument("--json", action="store_true", help="print JSON")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    actions.add_parser("show", parents=[common], help="the case: sections, numbered items, flags, links")
    actions.add_parser("list", parents=[common], help="the cases in this corpus folder")

    setter = actions.add_parser("set", parents=[common], help="set the title, summary or key questions")
    setter.add_argument("--title")
    setter.add_argument("--summary")
    setter.add_argument("--question", action="append", default=[], help="add a key question (repeatable)")
    setter.add_argument("--clear-questions", action="store_true", help="remove the key questions first")

    add = actions.add_parser("add", parents=[common], help="add a passage, annotation, entity, event or note")
    kinds = add.add_subparsers(dest="kind", metavar="KIND", required=True)
    placement = argparse.ArgumentParser(add_help=False)
    placement.add_argument("--section", help="section to put it in (created if new; default 'Findings')")
    placement.add_argument("--position", type=int, help="1 = first in the section (default: last)")
    graded = argparse.ArgumentParser(add_help=False)
    graded.add_argument("--reliability", type=str.upper, choices=list("ABCDEF"), help="source reliability A–F")
    graded.add_argument("--credibility", type=int, choices=range(1, 7), help="information credibility 1–6")
    noted = argparse.ArgumentParser(add_help=False)
    noted.add_argument("--note", help="your note on this item in the case")

    passage = kinds.add_parser(
        "passage", parents=[common, placement, graded, noted], help="a passage of a document, by --quote or --span"
    )
    passage.add_argument("doc", metavar="DOC", help="document id (see 'caseview docs')")
    passage.add_argument("--quote", help="the passage's exact text")
    passage.add_argument("--occurrence", type=int, default=1, help="which occurrence of the quote (1 = first)")
    passage.add_argument("--span", help="START:END character offsets (end exclusive)")
    passage.add_argument("--tag", action="append", default=[], help="tag the passage's annotation (repeatable)")
    passage.add_argument("--annotation-note", help="the note on the passage's annotation")

    annotation = kinds.add_parser(
        "annotation", parents=[common, placement, graded, noted], help="an existing annotation, by id"
    )
    annotation.add_argument("annotation_id", metavar="ANNOTATION_ID")

    entity = kinds.add_parser(
        "entity",
        parents=[common, placement, noted],
        help="an entity: the extracted one with this name or alias, else described by name",
    )
    entity.add_argument("name", metavar="NAME")
    entity.add_argument("--type", help="PERSON, ORG, GOV_BODY, GPE, PRODUCT…")
    entity.add_argument("--alias", action="append", default=[], help="another name it goes by (repeatable)")
    entity.add_argument("--role", help="its role in the story")
    entity.add_argument("--id", dest="entity_id", help="the extraction's entity id, if known")
    entity.add_argument(
        "--manual",
        action="store_true",
        help="describe it yourself (mentions found by name) instead of taking the extracted entity",
    )

    event = kinds.add_parser(
        "event", parents=[common, placement, noted], help="an event: its evidence sentence (--doc, --quote) and date"
    )
    event.add_argument("event_id", metavar="EVENT_ID", nargs="?", help="an extracted event's id")
    event.add_argument("--doc", help="document holding the evidence")
    event.add_argument("--quote", help="the evidence sentence, exactly")
    event.add_argument("--occurrence", type=int, default=1)
    event.add_argument("--when", help="the date as written in the text ('last week')")
    event.add_argument("--date", type=_date, help="the date it resolves to (YYYY-MM-DD)")
    event.add_argument("--end-date", type=_date, help="the end of the interval, if it is one (YYYY-MM-DD)")
    event.add_argument("--actor", action="append", default=[], help="who acted (repeatable)")

    note = kinds.add_parser("note", parents=[common, placement], help="a free note")
    note.add_argument("text", metavar="TEXT")

    remove = actions.add_parser("remove", parents=[common], help="remove an item (and its links)")
    remove.add_argument("item", metavar="ITEM")

    move = actions.add_parser("move", parents=[common], help="move an item within or between sections")
    move.add_argument("item", metavar="ITEM")
    move.add_argument("--to-section", help="the section to move it to (created if new)")
    move.add_argument("--position", type=int, help="1 = first (default: last)")

    link = actions.add_parser("link", parents=[common], help="link two items: ITEM RELATION OTHER")
    link.add_argument("source", metavar="ITEM")
    link.add_argument("target", metavar="OTHER")
    link.add_argument("--relation", required=True, choices=[r.value for r in Relation])
    link.add_argument("--note", help="why")

    unlink = actions.add_parser("unlink", parents=[common], help="remove a link, by its id")
    unlink.add_argument("link", metavar="LINK")

    grade = actions.add_parser("grade", parents=[common, graded], help="grade a passage (Admiralty A–F, 1–6)")
    grade.add_argument("item", metavar="ITEM")
    grade.add_argument("--clear", action="store_true", help="remove the grade")

    note_action = actions.add_parser("note", parents=[common], help="set your note on an item (a free note's text)")
    note_action.add_argument("item", metavar="ITEM")
    note_action.add_argument("text", metavar="TEXT", nargs="?")
    note_action.add_argument("--clear", action="store_true", help="remove the note")

    role = actions.add_parser("role", parents=[common], help="set an entity's role in the story")
    role.add_argument("item", metavar="ITEM")
    role.add_argument("role", metavar="ROLE", nargs="?")

    section = actions.add_parser("section", parents=[common], help="rename or remove a section")
    section_actions = section.add_subparsers(dest="section_action", metavar="rename|remove", required=True)
    rename = section_actions.add_parser("rename", parents=[common])
    rename.add_argument("title", metavar="SECTION")
    rename.add_argument("new_title", metavar="NEW_NAME")
    drop = section_actions.add_parser("remove", parents=[common], help="remove an empty section")
    drop.add_argument("title", metavar="SECTION")

    importer = actions.add_parser("import", parents=[common], help="load a case from its W3C JSON export")
    importer.add_argument("file", metavar="FILE", type=Path)
    importer.add_argument("--replace", action="store_true", help="replace a case that already has content")
    return parser


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def run_case(args: argparse.Namespace) -> int:
    arguments = list(args.arguments)
    corpus = None
    if arguments and not arguments[0].startswith("-") and arguments[0] not in ACTIONS:
        corpus = arguments.pop(0)
    parsed = _action_parser().parse_args(arguments)
    parsed.case_name = parsed.case_name or args.outer_case_name
    parsed.json = parsed.json or args.outer_json
    workspace = open_workspace(corpus, show_warnings=False)
    try:
        service = workspace.case(parsed.case_name)
        return _dispatch(service, parsed)
    except CaseFileError as error:
        raise CliError(str(error)) from None
    except CaseError as error:
        raise CliError(str(error)) from None
    finally:
        workspace.close()


def _grade_from(parsed: argparse.Namespace) -> Grade | None:
    if parsed.reliability is None and parsed.credibility is None:
        return None
    return Grade(reliability=parsed.reliability, credibility=parsed.credibility)


def _span_of(text: str | None) -> tuple[int | None, int | None]:
    if text is None:
        return None, None
    try:
        start, end = (int(part) for part in text.split(":"))
    except ValueError:
        raise CliError(f"--span must be START:END (two whole numbers), not {text!r}") from None
    return start, end


def _dispatch(service: CaseService, parsed: argparse.Namespace) -> int:
    action = parsed.action
    if action == "show":
        return _show(service, parsed.json)
    if action == "list":
        return _list(service, parsed.json)
    if action == "set":
        questions = None
        if parsed.clear_questions or parsed.question:
            kept = [] if parsed.clear_questions else list(service.load().header.questions)
            questions = kept + parsed.question
        if parsed.title is None and parsed.summary is None and questions is None:
            raise CliError("nothing to set: give --title, --summary, --question or --clear-questions")
        service.set_header(title=parsed.title, summary=parsed.summary, questions=questions)
        return _done(service, parsed, "updated the case's header")
    if action == "add":
        return _add(service, parsed)
    if action == "remove":
        item = service.remove(parsed.item)
        return _done(service, parsed, f"removed {item.kind} {item.id} and its links")
    if action == "move":
        if parsed.to_section is None and parsed.position is None:
            raise CliError("say where: --to-section SECTION and/or --position N")
        item = service.move(parsed.item, to_section=parsed.to_section, position=parsed.position)
        return _done(service, parsed, "moved", item.id)
    if action == "link":
        link = service.link(parsed.source, parsed.target, parsed.relation, parsed.note)
        view = service.view()
        return _done(
            service,
            parsed,
            f"linked ({link.id}): {item_label(view.by_id(link.source), 40)} "
            f"{link.relation.value} {item_label(view.by_id(link.target), 40)}",
        )
    if action == "unlink":
        link = service.unlink(parsed.link)
        return _done(service, parsed, f"removed link {link.id}")
    if action == "grade":
        if parsed.clear:
            grade = None
        else:
            grade = _grade_from(parsed)
            if grade is None:
                raise CliError("give --reliability A–F and/or --credibility 1–6 (or --clear)")
        item = service.grade(parsed.item, grade)
        return _done(service, parsed, "graded" if grade else "removed the grade of", item.id)
    if action == "note":
        if parsed.text is None and not parsed.clear:
            raise CliError("give the note's TEXT (or --clear)")
        item = service.set_note(parsed.item, None if parsed.clear else parsed.text)
        return _done(service, parsed, "noted", item.id)
    if action == "role":
        item = service.set_role(parsed.item, parsed.role)
        return _done(service, parsed, "set the role of", item.id)
    if action == "section":
        if parsed.section_action == "rename":
            service.rename_section(parsed.title, parsed.new_title)
            return _done(service, parsed, f"renamed section {parsed.title!r} to {parsed.new_title!r}")
        service.remove_section(parsed.title)
        return _done(service, parsed, f"removed section {parsed.title!r}")
    assert action == "import"
    return _import(service, parsed)


def _add(service: CaseService, parsed: argparse.Namespace) -> int:
    kind = parsed.kind
    place = {"section": parsed.section, "position": parsed.position}
    if kind == "passage":
        start, end = _span_of(parsed.span)
        if (parsed.quote is None) == (parsed.span is None):
            raise CliError("give the passage as --quote TEXT or as --span START:END (one of them)")
        item = service.add_passage(
            parsed.doc,
            start=start,
            end=end,
            quote=parsed.quote,
            occurrence=parsed.occurrence,
            tags=parsed.tag,
            annotation_note=parsed.annotation_note,
            note=parsed.note,
            grade=_grade_from(parsed),
            **place,
        )
    elif kind == "annotation":
        item = service.add_annotation(parsed.annotation_id, note=parsed.note, grade=_grade_from(parsed), **place)
    elif kind == "entity":
        described = parsed.type or parsed.alias or parsed.manual
        if not described:
            item = service.add_extracted_entity(
                parsed.entity_id or parsed.name, role=parsed.role, note=parsed.note, **place
            )
        else:
            item = service.add_entity(
                parsed.name,
                entity_id=parsed.entity_id,
                entity_type=parsed.type,
                aliases=parsed.alias,
                role=parsed.role,
                note=parsed.note,
                **place,
            )
    elif kind == "event":
        if parsed.event_id and parsed.doc is None and parsed.quote is None:
            item = service.add_extracted_event(parsed.event_id, note=parsed.note, **place)
            return _done(service, parsed, "added", item.id)
        if parsed.doc is None or parsed.quote is None:
            raise CliError("give an extracted EVENT_ID, or the event's evidence: --doc DOC --quote TEXT")
        item = service.add_event_from_text(
            parsed.doc,
            quote=parsed.quote,
            occurrence=parsed.occurrence,
            time_text=parsed.when,
            start_date=parsed.date,
            end_date=parsed.end_date,
            actors=parsed.actor,
            note=parsed.note,
            **place,
        )
    else:
        item = service.add_note(parsed.text, **place)
    return _done(service, parsed, "added", item.id)


def _import(service: CaseService, parsed: argparse.Namespace) -> int:
    try:
        data = json.loads(parsed.file.read_text(encoding="utf-8"))
    except OSError as error:
        raise CliError(f"cannot read {parsed.file}: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CliError(f"{parsed.file}: not JSON ({error})") from None
    try:
        imported = case_from_w3c(data)
    except ValueError as error:
        raise CliError(f"{parsed.file}: cannot import: {error}") from None
    current = service.load()
    if (current.items or current.links) and not parsed.replace:
        raise CliError(
            f"{service.path.name} already has {len(current.items)} items; use --replace to replace them "
            "(the file's history is in your backups or git, not in caseview)"
        )
    service.replace_with(imported)
    return _done(
        service, parsed, f"imported {len(imported.items)} items and {len(imported.links)} links from {parsed.file}"
    )


# -- output ----------------------------------------------------------------------------------------
def _done(service: CaseService, parsed: argparse.Namespace, verb: str, item_id: str | None = None) -> int:
    view = service.view()
    entry = view.by_id(item_id) if item_id else None
    if parsed.json:
        print_json({"case": str(service.path), "message": verb, "item": _item_json(entry) if entry else None})
        return EXIT_OK
    if entry is not None:
        message = Text(f"{verb} #{entry.number} {entry.id} ({entry.kind}) in {entry.section_title!r}: ")
        message.append(printable(_summary(entry)))
    else:
        message = Text(verb)
    stdout.print(message)
    stdout.print(Text(f"case file: {service.path}", style="dim"))
    return EXIT_OK


def _summary(entry: ResolvedItem, limit: int = 90) -> str:
    item = entry.item
    if isinstance(item, PassageItem):
        return f"“{one_line(item.citation.exact, limit)}” ({item.citation.doc_id})"
    if isinstance(item, EntityItem):
        return item.entity.name + (f" — {item.role}" if item.role else "")
    if isinstance(item, EventItem):
        when = item.event.time_text or resolved_interval(item.event)
        return f"[{when}] {one_line(item.event.text, limit)}"
    assert isinstance(item, NoteItem)
    return one_line(item.text, limit)


def _item_json(entry: ResolvedItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": entry.number,
        "id": entry.id,
        "kind": entry.kind,
        "section": entry.section_title,
        "flags": list(entry.flags),
        "record": entry.item.model_dump(mode="json"),
    }
    if isinstance(entry.item, PassageItem):
        parts = citation_parts(entry)
        data.update(
            tags=list(entry.tags),
            annotation_note=entry.annotation_note,
            citation={
                "doc_id": parts.doc_id,
                "title": parts.title,
                "outlet": parts.outlet,
                "published": parts.published,
                "start": parts.start,
                "end": parts.end,
            },
        )
    return data


def view_to_json(view: CaseView) -> dict[str, Any]:
    header = view.header
    return {
        "path": str(view.path) if view.path else None,
        "name": view.name,
        "read_only": view.read_only,
        "title": header.title,
        "summary": header.summary,
        "questions": list(header.questions),
        "sections": [
            {"id": s.section.id, "title": s.section.title, "items": [_item_json(e) for e in s.items]}
            for s in view.sections
        ],
        "links": [
            {
                "id": r.link.id,
                "source": r.link.source,
                "target": r.link.target,
                "relation": r.link.relation.value,
                "note": r.link.note,
                "flags": list(r.flags),
            }
            for r in view.links
        ],
        "sources": [
            {
                "doc_id": d.doc_id,
                "title": d.title,
                "outlet": d.outlet,
                "published": d.published.isoformat() if d.published else None,
                "missing": d.missing,
            }
            for d in view.sources
        ],
    }


def _show(service: CaseService, as_json: bool) -> int:
    view = service.view()
    if as_json:
        print_json(view_to_json(view))
        return EXIT_OK if view.items else EXIT_NOTHING_FOUND
    if not service.exists:
        stdout.print(
            Text(f"no case yet: {service.path} does not exist (start one with 'caseview case add …')", style="dim")
        )
        return EXIT_NOTHING_FOUND
    header = view.header
    stdout.print(Text(printable(header.title), style="bold"))
    if view.read_only:
        stdout.print(Text("read-only: written by a newer caseview", style="yellow"))
    if header.summary:
        stdout.print(Text(printable(header.summary)))
    for number, question in enumerate(header.questions, start=1):
        stdout.print(Text(f"  Q{number}. {printable(question)}"))
    for section in view.sections:
        stdout.print()
        stdout.print(Text(printable(section.section.title), style="bold underline"))
        for entry in section.items:
            line = Text(f"{entry.number:>3}. ", style="bold")
            line.append(f"{entry.id} ", style="dim")
            line.append(f"{entry.kind:<8}")
            line.append(printable(_summary(entry)))
            if isinstance(entry.item, PassageItem) and entry.item.grade:
                line.append(f"  [{entry.item.grade.code}]", style="cyan")
            if entry.tags:
                line.append("  #" + " #".join(printable(t) for t in entry.tags), style="green")
            stdout.print(line)
            for flag in entry.flags:
                stdout.print(Text(f"        ⚠ {flag}", style="yellow"))
    if view.links:
        stdout.print()
        stdout.print(Text("Links", style="bold underline"))
        for resolved in view.links:
            line = Text(f"  {resolved.link.id} ", style="dim")
            line.append(
                printable(
                    f"{item_label(resolved.source, 40)} {resolved.link.relation.value} "
                    f"{item_label(resolved.target, 40)}"
                )
            )
            if resolved.link.note:
                line.append(printable(f" — {one_line(resolved.link.note, 80)}"), style="italic")
            stdout.print(line)
    stdout.print()
    stdout.print(Text(f"case file: {service.path}", style="dim"))
    return EXIT_OK


def _list(service: CaseService, as_json: bool) -> int:
    names = case_names(service.root)
    if as_json:
        print_json([{"name": name, "file": "case.json" if name is None else f"{name}.case.json"} for name in names])
    else:
        for name in names:
            sys.stdout.write(("case.json (default)" if name is None else f"{name}  ({name}.case.json)") + "\n")
    return EXIT_OK if names else EXIT_NOTHING_FOUND
