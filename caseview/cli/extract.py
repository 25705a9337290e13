"""``caseview entities [CORPUS] [--type T] [--json]`` and ``caseview events [CORPUS] [--json]``.

JSON schemas: README, section "Entities and events".
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from rich.text import Text

from caseview.cli.common import (
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    CliError,
    add_corpus_argument,
    open_workspace,
    print_json,
    stdout,
)
from caseview.corpus import doc_uri
from caseview.extract import CorpusExtraction, Entity, EntityType, EventCandidate, TimeExpression
from caseview.extract.corrections import CorrectionsError
from caseview.kernel.textsafe import printable

TYPES = ", ".join(t.value for t in EntityType)


def register(subparsers: argparse._SubParsersAction) -> None:
    entities = subparsers.add_parser(
        "entities",
        help="who and what the corpus names: entities with aliases and mentions",
        description="Entities (people, bodies, places, products, publications, events) merged across the corpus.",
    )
    add_corpus_argument(entities)
    entities.add_argument("--type", metavar="T", help=f"only this type ({TYPES})")
    entities.add_argument("--hidden", action="store_true", help="include entities the analyst hid")
    entities.add_argument(
        "--suggestions",
        action="store_true",
        help="only the suggested merges, with scores (decide with 'caseview entity accept|reject')",
    )
    entities.add_argument("--json", action="store_true", help="print JSON (schema in the README)")
    entities.set_defaults(handler=run_entities)
    events = subparsers.add_parser(
        "events",
        help="candidate events with evidence, times, clusters and flags",
        description="Candidate events (who did what, when), clustered across sources, with flags for the analyst.",
    )
    add_corpus_argument(events)
    events.add_argument("--json", action="store_true", help="print JSON (schema in the README)")
    events.set_defaults(handler=run_events)


def _entity_type(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return EntityType(value.upper()).value
    except ValueError:
        raise CliError(f"unknown entity type {value!r}; use one of {TYPES}") from None


def run_entities(args: argparse.Namespace) -> int:
    if args.suggestions:
        from caseview.cli.entity_commands import run_suggestions

        return run_suggestions(args)
    wanted = _entity_type(args.type)
    workspace = open_workspace(args.corpus, show_warnings=not args.json)
    try:
        extraction = workspace.extraction()
    except CorrectionsError as error:
        raise CliError(str(error)) from None
    entities = workspace.entities(type=wanted, include_hidden=args.hidden)
    if args.json:
        print_json(
            {
                "corpus": str(workspace.root),
                "entities": [entity_to_json(e) for e in entities],
                "suggestions": [s.model_dump(mode="json") for s in extraction.suggestions],
            }
        )
    else:
        print_entities(entities, extraction)
    return EXIT_OK if entities else EXIT_NOTHING_FOUND


def entity_to_json(entity: Entity) -> dict[str, object]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type.value,
        "aliases": list(entity.aliases),
        "hidden": entity.hidden,
        "merged_by": list(entity.merged_by),
        "documents": list(entity.doc_ids),
        "mentions": [
            {"doc_id": m.doc_id, "uri": doc_uri(m.doc_id), "start": m.start, "end": m.end, "text": m.text, "cue": m.cue}
            for m in entity.mentions
        ],
    }


def print_entities(entities: list[Entity], extraction: CorpusExtraction) -> None:
    by_type: dict[EntityType, list[Entity]] = defaultdict(list)
    for entity in entities:
        by_type[entity.type].append(entity)
    for entity_type in EntityType:
        if not by_type.get(entity_type):
            continue
        stdout.print(Text(entity_type.value, style="bold"))
        for entity in by_type[entity_type]:
            stdout.print(entity_line(entity, with_type=False))
    shown = {e.id for e in entities}
    suggestions = [s for s in extraction.suggestions if set(s.entity_ids) & shown]
    if suggestions:
        stdout.print(Text("Possible merges (decide with 'caseview entity accept|reject ID ID'):", style="bold"))
        for suggestion in suggestions:
            stdout.print(
                Text(
                    f"  {printable(suggestion.names[0])} ~ {printable(suggestion.names[1])}  "
                    f"score {suggestion.score}  [{suggestion.entity_ids[0]} {suggestion.entity_ids[1]}]"
                )
            )


def run_events(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.corpus, show_warnings=not args.json)
    try:
        extraction = workspace.extraction()
    except CorrectionsError as error:
        raise CliError(str(error)) from None
    names = {e.id: e.name for e in extraction.entities}
    if args.json:
        print_json(
            {
                "corpus": str(workspace.root),
                "events": [event_to_json(e, names) for e in extraction.events],
                "clusters": [c.model_dump(mode="json") for c in extraction.clusters],
                "flags": [f.model_dump(mode="json") for f in extraction.flags],
            }
        )
    else:
        print_events(extraction, names)
    return EXIT_OK if extraction.events else EXIT_NOTHING_FOUND


def time_to_json(time: TimeExpression | None) -> dict[str, object] | None:
    if time is None:
        return None
    return {
        "text": time.text,
        "start": time.start,
        "end": time.end,
        "kind": time.kind,
        "interval": {"start": time.start_date.isoformat(), "end": time.end_date.isoformat()} if time.resolved else None,
        "granularity": time.granularity.value if time.granularity else None,
        "vague": time.vague,
    }


def event_to_json(event: EventCandidate, names: dict[str, str]) -> dict[str, object]:
    return {
        "id": event.id,
        "doc_id": event.doc_id,
        "uri": doc_uri(event.doc_id),
        "evidence": {"start": event.evidence_start, "end": event.evidence_end, "text": event.evidence_text},
        "action": event.action,
        "action_span": {"start": event.action_start, "end": event.action_end},
        "negated": event.negated,
        "actors": [{"id": a, "name": names.get(a, a)} for a in event.actors],
        "objects": [{"id": o, "name": names.get(o, o)} for o in event.objects],
        "object_text": event.object_text,
        "time": time_to_json(event.time),
        "cluster": event.cluster,
    }


def print_events(extraction: CorpusExtraction, names: dict[str, str]) -> None:
    for event in extraction.events:
        line = Text()
        line.append(printable(event.doc_id), style="dim")
        if event.time is not None:
            when = printable(event.time.text)
            if event.time.resolved:
                when += f" = {event.time.start_date}…{event.time.end_date}"
            line.append(f"  [{when}]", style="cyan")
        line.append("  " + ", ".join(printable(names.get(a, a)) for a in event.actors), style="bold")
        line.append(("  not " if event.negated else "  ") + event.action)
        if event.objects:
            line.append("  → " + ", ".join(printable(names.get(o, o)) for o in event.objects))
        if event.cluster:
            line.append(f"  ({event.cluster})", style="dim")
        stdout.print(line)
    if extraction.flags:
        stdout.print(Text("Flags for the analyst (not verdicts):", style="bold"))
        for flag in extraction.flags:
            stdout.print(Text(f"  {flag.kind}: {printable(flag.reason)}  [{flag.event_ids[0]} {flag.event_ids[1]}]"))


def entity_line(entity: Entity, with_type: bool = True) -> Text:
    """One entity as a line: name, (type,) counts, other names, hidden mark and id."""
    line = Text("  ")
    line.append(printable(entity.name), style="bold")
    kind = f"{entity.type.value} · " if with_type else ""
    line.append(f"  {kind}{len(entity.mentions)} mentions · {len(entity.doc_ids)} docs", style="dim")
    others = [a for a in entity.aliases if a != entity.name]
    if others:
        line.append("  aka " + "; ".join(printable(a) for a in others))
    if entity.hidden:
        line.append("  (hidden)", style="dim")
    line.append(f"  [{entity.id}]", style="dim")
    return line
