"""The ``caseview case`` actions: each takes the workspace and the parsed arguments, returns the exit status.

The action's sub-parser names its function (``set_defaults(act=…)`` in :mod:`caseview.cli.case_commands`),
so there is no dispatch on the action's name.
"""

from __future__ import annotations

import argparse
import json

from caseview.casefile import CaseService, Grade
from caseview.casefile.model import CaseItem
from caseview.cli.case_output import case_list, done, show
from caseview.cli.common import CliError
from caseview.cli.doc_refs import resolve_doc_id
from caseview.export.digest import item_label
from caseview.export.webanno import case_from_w3c
from caseview.workspace import Workspace


def _service(workspace: Workspace, parsed: argparse.Namespace) -> CaseService:
    service: CaseService = workspace.case(parsed.case_name)
    return service


def _doc_id(workspace: Workspace, given: str) -> str:
    """A document as typed: its id (``./--help.txt`` names ``--help.txt``), a path, or a unique prefix."""
    return resolve_doc_id(workspace, given)


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


def list_cases(workspace: Workspace, parsed: argparse.Namespace) -> int:
    return case_list(workspace.case_names(), parsed.json)


def show_case(workspace: Workspace, parsed: argparse.Namespace) -> int:
    return show(_service(workspace, parsed), parsed.json)


def set_header(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    questions = None
    if parsed.clear_questions or parsed.question:
        kept = [] if parsed.clear_questions else list(service.load().header.questions)
        questions = kept + parsed.question
    if parsed.title is None and parsed.summary is None and questions is None:
        raise CliError("nothing to set: give --title, --summary, --question or --clear-questions")
    service.set_header(title=parsed.title, summary=parsed.summary, questions=questions)
    return done(service, parsed, "updated the case's header")


def remove(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    item = service.remove(parsed.item)
    return done(service, parsed, f"removed {item.kind} {item.id} and its links")


def move(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    if parsed.to_section is None and parsed.position is None:
        raise CliError("say where: --to-section SECTION and/or --position N")
    item = service.move(parsed.item, to_section=parsed.to_section, position=parsed.position)
    return done(service, parsed, "moved", item.id)


def link(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    made = service.link(parsed.source, parsed.target, parsed.relation, parsed.note)
    view = service.view()
    return done(
        service,
        parsed,
        f"linked ({made.id}): {item_label(view.by_id(made.source), 40)} "
        f"{made.relation.value} {item_label(view.by_id(made.target), 40)}",
    )


def unlink(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    removed = service.unlink(parsed.link)
    return done(service, parsed, f"removed link {removed.id}")


def grade(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    if parsed.clear:
        given = None
    else:
        given = _grade_from(parsed)
        if given is None:
            raise CliError("give --reliability A–F and/or --credibility 1–6 (or --clear)")
    item = service.grade(parsed.item, given)
    return done(service, parsed, "graded" if given else "removed the grade of", item.id)


def note(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    if parsed.text is None and not parsed.clear:
        raise CliError("give the note's TEXT (or --clear)")
    item = service.set_note(parsed.item, None if parsed.clear else parsed.text)
    return done(service, parsed, "noted", item.id)


def role(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    item = service.set_role(parsed.item, parsed.role)
    return done(service, parsed, "set the role of", item.id)


def rename_section(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    service.rename_section(parsed.title, parsed.new_title)
    return done(service, parsed, f"renamed section {parsed.title!r} to {parsed.new_title!r}")


def remove_section(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    service.remove_section(parsed.title)
    return done(service, parsed, f"removed section {parsed.title!r}")


def add_passage(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    start, end = _span_of(parsed.span)
    if (parsed.quote is None) == (parsed.span is None):
        raise CliError("give the passage as --quote TEXT or as --span START:END (one of them)")
    item: CaseItem = service.add_passage(
        _doc_id(workspace, parsed.doc),
        start=start,
        end=end,
        quote=parsed.quote,
        occurrence=parsed.occurrence,
        tags=parsed.tag,
        annotation_note=parsed.annotation_note,
        note=parsed.note,
        grade=_grade_from(parsed),
        section=parsed.section,
        position=parsed.position,
    )
    return done(service, parsed, _added_verb(service, item.id), item.id)


def _added_verb(service: CaseService, item_id: str) -> str:
    """``added``, or for a removed passage put back ``re-added`` with what came back with it."""
    restoration = service.restoration(item_id)
    return f"re-added ({restoration.describe()})" if restoration is not None else "added"


def add_annotation(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    item = service.add_annotation(
        parsed.annotation_id,
        note=parsed.note,
        grade=_grade_from(parsed),
        section=parsed.section,
        position=parsed.position,
    )
    return done(service, parsed, _added_verb(service, item.id), item.id)


def add_entity(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    item: CaseItem
    if not (parsed.type or parsed.alias or parsed.manual):
        item = service.add_extracted_entity(
            parsed.entity_id or parsed.name,
            role=parsed.role,
            note=parsed.note,
            section=parsed.section,
            position=parsed.position,
        )
    else:
        item = service.add_entity(
            parsed.name,
            entity_id=parsed.entity_id,
            entity_type=parsed.type,
            aliases=parsed.alias,
            role=parsed.role,
            note=parsed.note,
            section=parsed.section,
            position=parsed.position,
        )
    return done(service, parsed, "added", item.id)


def add_event(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    item: CaseItem
    if parsed.event_id and parsed.doc is None and parsed.quote is None:
        item = service.add_extracted_event(
            parsed.event_id, note=parsed.note, section=parsed.section, position=parsed.position
        )
        return done(service, parsed, "added", item.id)
    if parsed.doc is None or parsed.quote is None:
        raise CliError("give an extracted EVENT_ID, or the event's evidence: --doc DOC --quote TEXT")
    item = service.add_event_from_text(
        _doc_id(workspace, parsed.doc),
        quote=parsed.quote,
        occurrence=parsed.occurrence,
        time_text=parsed.when,
        start_date=parsed.date,
        end_date=parsed.end_date,
        actors=parsed.actor,
        note=parsed.note,
        section=parsed.section,
        position=parsed.position,
    )
    return done(service, parsed, "added", item.id)


def add_note(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
    item = service.add_note(parsed.text, section=parsed.section, position=parsed.position)
    return done(service, parsed, "added", item.id)


def import_case(workspace: Workspace, parsed: argparse.Namespace) -> int:
    service = _service(workspace, parsed)
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
    return done(
        service, parsed, f"imported {len(imported.items)} items and {len(imported.links)} links from {parsed.file}"
    )
