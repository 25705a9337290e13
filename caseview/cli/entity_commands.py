"""``caseview entity [CORPUS] OP ID…``: correct the extracted entities; ``caseview entities --suggestions``.

Operations: merge ID ID…, split ID ALIAS, rename ID NAME, retype ID TYPE, hide ID, unhide ID,
accept ID ID, reject ID ID (the last two decide a suggested merge). Each is saved in
``caseview-entities.json`` beside the documents and applied everywhere at once (entities, events,
search). Entity ids come from ``caseview entities``.
"""

from __future__ import annotations

import argparse

from rich.text import Text

from caseview.cli.common import EXIT_NOTHING_FOUND, EXIT_OK, CliError, open_workspace, print_json, stdout
from caseview.cli.extract import TYPES, entity_line, entity_to_json
from caseview.extract import Correction, CorrectionsError, Entity, MergeSuggestion
from caseview.extract.corrections import CORRECTIONS_FILE, describe_correction
from caseview.kernel.textsafe import printable
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
}


def register(subparsers: argparse._SubParsersAction) -> None:
    lines = "\n".join(f"  {op + ' ' + arguments:<18} {what}" for op, (arguments, what) in OPERATIONS.items())
    entity = subparsers.add_parser(
        "entity",
        help="correct the entities: merge, split, rename, retype, hide, accept/reject a suggestion",
        usage=USAGE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Correct the extracted entities. Saved in caseview-entities.json beside the documents and "
        f"applied everywhere at once. IDs come from 'caseview entities'.\n\noperations:\n{lines}",
    )
    entity.add_argument("arguments", nargs="+", metavar="[CORPUS] OPERATION ID…", help=argparse.SUPPRESS)
    entity.add_argument("--json", action="store_true", help="print the correction and the entities it changed as JSON")
    entity.set_defaults(handler=run_entity)


def split_operation(arguments: list[str]) -> tuple[str | None, str, list[str]]:
    """``[CORPUS] OPERATION ARG…`` → (corpus, operation, arguments)."""
    if arguments and arguments[0] in OPERATIONS and not (len(arguments) > 1 and arguments[1] in OPERATIONS):
        return None, arguments[0], arguments[1:]
    if len(arguments) > 1 and arguments[1] in OPERATIONS:
        return arguments[0], arguments[1], arguments[2:]
    raise CliError(f"usage: {USAGE}; OPERATION is one of {', '.join(OPERATIONS)}")


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
    if operation in ("split", "rename", "retype"):
        if len(arguments) != 2:
            raise CliError(usage)
        entity_id, value = arguments
        return ([entity_id], None, value) if operation == "retype" else ([entity_id], value, None)
    if len(arguments) != 1:
        raise CliError(usage)
    return arguments, None, None


def run_entity(args: argparse.Namespace) -> int:
    corpus, operation, arguments = split_operation(list(args.arguments))
    entity_ids, value, entity_type = _correction_arguments(operation, arguments)
    workspace = open_workspace(corpus, show_warnings=False)
    try:
        names = {entity.id: entity.name for entity in workspace.entities(include_hidden=True)}
        correction = workspace.correct_entities(operation, entity_ids, value=value, type=entity_type)
        changed = changed_entities(workspace, correction)
    except CorrectionsError as error:
        raise CliError(str(error)) from None
    finally:
        workspace.close()
    description = describe_correction(correction, names)
    if args.json:
        print_json(
            {
                "corpus": str(workspace.root),
                "correction": correction.model_dump(mode="json"),
                "description": description,
                "entities": [entity_to_json(entity) for entity in changed],
            }
        )
        return EXIT_OK
    stdout.print(Text(f"{description}: saved in {CORRECTIONS_FILE}"))
    for entity in changed:
        stdout.print(entity_line(entity))
    return EXIT_OK


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


def run_suggestions(args: argparse.Namespace) -> int:
    """``caseview entities [CORPUS] --suggestions``: pending suggested merges, best first."""
    workspace = open_workspace(args.corpus, show_warnings=not args.json)
    try:
        suggestions = sorted(workspace.extraction().suggestions, key=lambda s: (-s.score, s.names))
    except CorrectionsError as error:
        raise CliError(str(error)) from None
    finally:
        workspace.close()
    if args.json:
        print_json({"corpus": str(workspace.root), "suggestions": [s.model_dump(mode="json") for s in suggestions]})
    else:
        for suggestion in suggestions:
            stdout.print(suggestion_lines(suggestion))
    return EXIT_OK if suggestions else EXIT_NOTHING_FOUND


def suggestion_lines(suggestion: MergeSuggestion) -> Text:
    first, second = suggestion.entity_ids
    text = Text()
    text.append(f"{printable(suggestion.names[0])} ~ {printable(suggestion.names[1])}", style="bold")
    text.append(f"  score {suggestion.score:.2f}  {printable(suggestion.reason)}\n")
    text.append(f"  caseview entity accept {first} {second}   (or reject)", style="dim")
    return text
