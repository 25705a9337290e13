"""``caseview entity [CORPUS] OP ID…``: correct the extracted entities.

Operations: merge ID ID…, split ID ALIAS, rename ID NAME, retype ID TYPE, hide ID, unhide ID,
accept ID ID, reject ID ID (the last two decide a suggested merge), unmerge ID [ALIAS] (undo a
merge the rules made on evidence; ``caseview entities`` shows its reason). Each is saved in
``caseview-entities.json`` beside the documents and applied everywhere at once (entities, events,
search). Entity ids come from ``caseview entities``.
"""

from __future__ import annotations

import argparse

from pydantic import BaseModel
from rich.text import Text

from caseview.cli.command import Command
from caseview.cli.common import EXIT_OK, CliError, open_workspace, print_model, stdout, store_error
from caseview.cli.entity_views import TYPES, EntityJson, entity_line
from caseview.cli.team_hooks import add_team_option, watch_shared
from caseview.extract import Correction, CorrectionsError, Entity
from caseview.extract.corrections import CORRECTIONS_FILE, describe_correction
from caseview.workspace import Workspace

USAGE = "caseview entity [CORPUS] OPERATION ID… [--json]"
#: Operation → (its arguments, what it does).
OPERATIONS: dict[str, tuple[str, str]] = {
    "merge": ("ID ID…", "merge entities into the first one (all names and mentions)"),
    "split": ("ID ALIAS", "split the mentions named ALIAS off into an entity of their own"),
    "rename": ("ID NAME", "give the entity another canonical name"),
    "retype": ("ID TYPE", f"change the entity's type ({TYPES})"),
    "hide": ("ID", "hide the entity (from lists and the index; 'unhide' brings it back)"),
    "unhide": ("ID", "show a hidden entity again"),
    "accept": ("ID ID", "accept a suggested merge (see 'caseview entities --suggestions')"),
    "reject": ("ID ID", "reject a suggested merge: it is not suggested again"),
    "unmerge": ("ID [ALIAS]", "undo an automatic merge on evidence (its reason: 'caseview entities')"),  # issue 14
}


class CorrectionJson(BaseModel):
    """``caseview entity … --json``: the correction saved, in words, and the entities as they are now."""

    corpus: str
    correction: Correction
    description: str
    entities: list[EntityJson]


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("arguments", nargs="+", metavar="OPERATION ID…", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true", help="print the correction and the entities it changed as JSON")
    add_team_option(parser)  # issue 18


def _description() -> str:
    lines = "\n".join(f"  {op + ' ' + arguments:<18} {what}" for op, (arguments, what) in OPERATIONS.items())
    return (
        "Correct the extracted entities. Saved in caseview-entities.json beside the documents and "
        f"applied everywhere at once. IDs come from 'caseview entities'.\n\noperations:\n{lines}"
    )


def _operation(arguments: list[str]) -> tuple[str, list[str]]:
    """``OPERATION ARG…`` → (operation, arguments), or a usage error naming the operations."""
    if not arguments or arguments[0] not in OPERATIONS:
        raise CliError(f"usage: {USAGE}; OPERATION is one of {', '.join(OPERATIONS)}")
    return arguments[0], arguments[1:]


def _correction_arguments(operation: str, arguments: list[str]) -> tuple[list[str], str | None, str | None]:
    """(entity ids, value, type) for an operation, or a usage error naming what it takes."""
    expected = OPERATIONS[operation][0]
    usage = f"usage: caseview entity [CORPUS] {operation} {expected}"
    if operation == "merge":
        if len(arguments) < 2:
            raise CliError(f"{usage} (two or more entity ids)")
        return arguments, None, None
    if operation in ("accept", "reject"):
        if len(arguments) != 2:
            raise CliError(f"{usage} (the two entity ids of a suggestion)")
        return arguments, None, None
    if operation == "unmerge":
        if len(arguments) not in (1, 2):
            raise CliError(f"{usage} (the entity id, and the merged name if it has several)")
        return arguments[:1], arguments[1] if len(arguments) == 2 else None, None
    if operation in ("split", "rename", "retype"):
        if len(arguments) != 2:
            raise CliError(usage)
        entity_id, value = arguments
        return ([entity_id], None, value) if operation == "retype" else ([entity_id], value, None)
    if len(arguments) != 1:
        raise CliError(usage)
    return arguments, None, None


def run_entity(args: argparse.Namespace) -> int:
    arguments = list(args.arguments)
    if args.corpus is None and len(arguments) > 1 and arguments[0] not in OPERATIONS and arguments[1] in OPERATIONS:
        args.corpus = arguments.pop(0)  # the folder came after an option: ``entity --json FOLDER hide ID``
    operation, arguments = _operation(arguments)
    entity_ids, value, entity_type = _correction_arguments(operation, arguments)
    workspace = open_workspace(args.corpus, show_warnings=False)
    try:
        shared = watch_shared(workspace.root, args.team, workspace.root / CORRECTIONS_FILE)  # issue 18
        names = {entity.id: entity.name for entity in workspace.entities(include_hidden=True)}
        if operation == "unmerge":
            correction = workspace.unmerge_entity(entity_ids[0], value)
        else:
            correction = workspace.correct_entities(operation, entity_ids, value=value, type=entity_type)
        changed = changed_entities(workspace, correction)
    except CorrectionsError as error:
        raise store_error(error) from None
    finally:
        workspace.close()
    description = describe_correction(correction, names)
    if operation == "unmerge":
        description = f"undid the automatic merge: {description}"
    if args.json:
        print_model(
            CorrectionJson(
                corpus=str(workspace.root),
                correction=correction,
                description=description,
                entities=[EntityJson.of(entity) for entity in changed],
            )
        )
        return shared.send(EXIT_OK)
    stdout.print(Text(f"{description}: saved in {CORRECTIONS_FILE}"))
    for entity in changed:
        stdout.print(entity_line(entity))
    return shared.send(EXIT_OK)


def changed_entities(workspace: Workspace, correction: Correction) -> list[Entity]:
    """The entities as they are after ``correction``: those it names, and what a split made."""
    wanted = set(correction.entity_ids)
    found = [e for e in workspace.entities(include_hidden=True) if e.id in wanted]
    if correction.op == "split" and correction.value:
        found += [
            e
            for e in workspace.entities(include_hidden=True)
            if e.id not in wanted and correction.value in e.aliases and "analyst" in e.merged_by
        ]
    return found


COMMANDS = {
    "entity": Command(
        _arguments,
        run_entity,
        usage=USAGE,
        description=_description(),
        actions=frozenset(OPERATIONS),
        raw_description=True,
    )
}
