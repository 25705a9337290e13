"""``caseview case [CORPUS] ACTION …``: build and read a case file without the terminal app.

Actions: show, list, set, add (passage, annotation, entity, event, note), remove, move, link,
unlink, grade, note, role, section (rename, remove), import. Items are named by their id, a unique
prefix of it, or their number in ``case show``. ``--case NAME`` picks ``NAME.case.json`` instead of
``case.json``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path

from caseview.casefile import CaseError, CaseFileError
from caseview.casefile.model import Relation
from caseview.cli import case_actions as act
from caseview.cli.command import Command
from caseview.cli.common import open_workspace
from caseview.cli.doc_refs import corpus_error
from caseview.workspace import Workspace

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


DESCRIPTION = (
    "Build and show the case file of a corpus (case.json, or NAME.case.json with --case NAME). "
    "ITEM is an item's id, a unique prefix of it, or its number in 'case show'."
)


def _arguments(parser: argparse.ArgumentParser) -> None:
    """The actions as sub-commands; ``--case`` and ``--json`` are accepted before or after the action."""
    from caseview.cli.team_hooks import add_team_option  # issue 18

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--case",
        dest="case_name",
        metavar="NAME",
        default=argparse.SUPPRESS,
        help="work on NAME.case.json instead of case.json",
    )
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    add_team_option(common, suppress=True)  # issue 18
    parser.add_argument("--case", dest="case_name", metavar="NAME", help="work on NAME.case.json instead of case.json")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_team_option(parser)  # issue 18
    # ``prog`` set so that an action's usage line reads "caseview case [CORPUS] add …", not the whole usage.
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True, prog="caseview case [CORPUS]")

    show = actions.add_parser("show", parents=[common], help="the case: sections, numbered items, flags, links")
    show.set_defaults(act=act.show_case)
    listing = actions.add_parser("list", parents=[common], help="the cases in this corpus folder")
    listing.set_defaults(act=act.list_cases)

    setter = actions.add_parser("set", parents=[common], help="set the title, summary or key questions")
    setter.add_argument("--title")
    setter.add_argument("--summary")
    setter.add_argument("--question", action="append", default=[], help="add a key question (repeatable)")
    setter.add_argument("--clear-questions", action="store_true", help="remove the key questions first")
    setter.set_defaults(act=act.set_header)

    add = actions.add_parser("add", parents=[common], help="add a passage, annotation, entity, event or note")
    kinds = add.add_subparsers(dest="kind", metavar="KIND", required=True, prog="caseview case [CORPUS] add")
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
    passage.add_argument("doc", metavar="DOC", help="document id, or a unique prefix of it (see 'caseview docs')")
    passage.add_argument("--quote", help="the passage's exact text")
    passage.add_argument("--occurrence", type=int, default=1, help="which occurrence of the quote (1 = first)")
    passage.add_argument("--span", help="START:END character offsets (end exclusive)")
    passage.add_argument("--tag", action="append", default=[], help="tag the passage's annotation (repeatable)")
    passage.add_argument("--annotation-note", help="the note on the passage's annotation")
    passage.set_defaults(act=act.add_passage)

    annotation = kinds.add_parser(
        "annotation", parents=[common, placement, graded, noted], help="an existing annotation, by id"
    )
    annotation.add_argument("annotation_id", metavar="ANNOTATION_ID")
    annotation.set_defaults(act=act.add_annotation)

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
    entity.set_defaults(act=act.add_entity)

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
    event.set_defaults(act=act.add_event)

    note = kinds.add_parser("note", parents=[common, placement], help="a free note")
    note.add_argument("text", metavar="TEXT")
    note.set_defaults(act=act.add_note)

    remove = actions.add_parser("remove", parents=[common], help="remove an item (and its links)")
    remove.add_argument("item", metavar="ITEM")
    remove.set_defaults(act=act.remove)

    move = actions.add_parser("move", parents=[common], help="move an item within or between sections")
    move.add_argument("item", metavar="ITEM")
    move.add_argument("--to-section", help="the section to move it to (created if new)")
    move.add_argument("--position", type=int, help="1 = first (default: last)")
    move.set_defaults(act=act.move)

    relations = [r.value for r in Relation]
    link = actions.add_parser(
        "link",
        parents=[common],
        help="link two items: ITEM OTHER --relation RELATION (ITEM contradicts OTHER…)",
        description=(
            "Link two items: ITEM bears on OTHER as --relation says, e.g. 'case link 1 2 --relation contradicts'."
        ),
    )
    link.add_argument("source", metavar="ITEM", help="the item the link starts from (number or id)")
    link.add_argument("target", metavar="OTHER", help="the item it bears on (number or id)")
    link.add_argument(
        "--relation", required=True, choices=relations, metavar="RELATION", help="one of: " + ", ".join(relations)
    )
    link.add_argument("--note", help="why (shown beside both items in the memo)")
    link.set_defaults(act=act.link)

    unlink = actions.add_parser("unlink", parents=[common], help="remove a link, by its id")
    unlink.add_argument("link", metavar="LINK")
    unlink.set_defaults(act=act.unlink)

    grade = actions.add_parser("grade", parents=[common, graded], help="grade a passage (Admiralty A–F, 1–6)")
    grade.add_argument("item", metavar="ITEM")
    grade.add_argument("--clear", action="store_true", help="remove the grade")
    grade.set_defaults(act=act.grade)

    note_action = actions.add_parser("note", parents=[common], help="set your note on an item (a free note's text)")
    note_action.add_argument("item", metavar="ITEM")
    note_action.add_argument("text", metavar="TEXT", nargs="?")
    note_action.add_argument("--clear", action="store_true", help="remove the note")
    note_action.set_defaults(act=act.note)

    role = actions.add_parser("role", parents=[common], help="set an entity's role in the story")
    role.add_argument("item", metavar="ITEM")
    role.add_argument("role", metavar="ROLE", nargs="?")
    role.set_defaults(act=act.role)

    section = actions.add_parser("section", parents=[common], help="rename or remove a section")
    section_actions = section.add_subparsers(
        dest="section_action", metavar="rename|remove", required=True, prog="caseview case [CORPUS] section"
    )
    rename = section_actions.add_parser("rename", parents=[common])
    rename.add_argument("title", metavar="SECTION")
    rename.add_argument("new_title", metavar="NEW_NAME")
    rename.set_defaults(act=act.rename_section)
    drop = section_actions.add_parser("remove", parents=[common], help="remove an empty section")
    drop.add_argument("title", metavar="SECTION")
    drop.set_defaults(act=act.remove_section)

    importer = actions.add_parser("import", parents=[common], help="load a case from its W3C JSON export")
    importer.add_argument("file", metavar="FILE", type=Path)
    importer.add_argument("--replace", action="store_true", help="replace a case that already has content")
    importer.set_defaults(act=act.import_case)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def run_case(parsed: argparse.Namespace) -> int:
    from caseview.cli.team_hooks import sending_case  # issue 18

    act: Callable[[Workspace, argparse.Namespace], int] = sending_case(parsed.act)
    workspace = open_workspace(parsed.corpus, show_warnings=False)
    try:
        return act(workspace, parsed)
    except (CaseFileError, CaseError) as error:
        raise corpus_error(error, workspace.root) from None
    finally:
        workspace.close()


COMMANDS = {
    "case": Command(_arguments, run_case, usage=USAGE, description=DESCRIPTION, actions=frozenset(ACTIONS)),
}
