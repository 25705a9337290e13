"""``caseview entities [CORPUS] [--type T] [--json]`` and ``caseview events [CORPUS] [--json]``.

JSON schemas: README, section "Entities and events".
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from datetime import date

from pydantic import BaseModel
from rich.text import Text

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
from caseview.cli.entity_views import TYPES, EntityJson, SuggestionsJson, entity_line, merge_reason_lines
from caseview.cli.reading_arguments import ARGUMENTS
from caseview.corpus import doc_uri
from caseview.extract import CorpusExtraction, Entity, EntityType, EventCandidate, MergeSuggestion, TimeExpression
from caseview.extract.corrections import CorrectionsError
from caseview.extract.models import EventCluster, EventFlag, Granularity
from caseview.kernel.textsafe import one_line


def _entities_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("--type", metavar="T", help=f"only this type ({TYPES})")
    parser.add_argument("--hidden", action="store_true", help="include entities the analyst hid")
    parser.add_argument(
        "--suggestions",
        action="store_true",
        help="only the suggested merges, with scores (decide with 'caseview entity accept|reject')",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (shape in the README)")


def _entity_type(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return EntityType(value.upper()).value
    except ValueError:
        raise CliError(f"unknown entity type {value!r}; use one of {TYPES}") from None


class EntitiesJson(BaseModel):
    """``caseview entities --json``."""

    corpus: str
    entities: list[EntityJson]
    suggestions: list[MergeSuggestion]


class Span(BaseModel):
    start: int
    end: int


class Evidence(Span):
    text: str


class Named(BaseModel):
    """An entity an event names: its id and, when extraction knows it, its canonical name."""

    id: str
    name: str


class Interval(BaseModel):
    start: date
    end: date


class TimeJson(BaseModel):
    """A time expression as written, and the interval it resolves to (null when it cannot be known)."""

    text: str
    start: int
    end: int
    kind: str
    interval: Interval | None
    granularity: Granularity | None
    vague: bool

    @classmethod
    def of(cls, time: TimeExpression) -> TimeJson:
        interval = None
        if time.start_date is not None and time.end_date is not None:
            interval = Interval(start=time.start_date, end=time.end_date)
        return cls(
            text=time.text,
            start=time.start,
            end=time.end,
            kind=time.kind,
            interval=interval,
            granularity=time.granularity,
            vague=time.vague,
        )


class EventJson(BaseModel):
    """An event as ``--json`` prints it: spans grouped, actors and objects with their names."""

    id: str
    doc_id: str
    uri: str
    evidence: Evidence
    action: str
    action_span: Span
    negated: bool
    actors: list[Named]
    objects: list[Named]
    object_text: str
    time: TimeJson | None
    cluster: str | None

    @classmethod
    def of(cls, event: EventCandidate, names: dict[str, str]) -> EventJson:
        return cls(
            id=event.id,
            doc_id=event.doc_id,
            uri=doc_uri(event.doc_id),
            evidence=Evidence(start=event.evidence_start, end=event.evidence_end, text=event.evidence_text),
            action=event.action,
            action_span=Span(start=event.action_start, end=event.action_end),
            negated=event.negated,
            actors=[Named(id=a, name=names.get(a, a)) for a in event.actors],
            objects=[Named(id=o, name=names.get(o, o)) for o in event.objects],
            object_text=event.object_text,
            time=TimeJson.of(event.time) if event.time is not None else None,
            cluster=event.cluster,
        )


class EventsJson(BaseModel):
    """``caseview events --json``."""

    corpus: str
    events: list[EventJson]
    clusters: list[EventCluster]
    flags: list[EventFlag]


def run_entities(args: argparse.Namespace) -> int:
    if args.suggestions:
        return run_suggestions(args)
    wanted = _entity_type(args.type)
    workspace = open_workspace(args.corpus, show_warnings=not args.json)
    try:
        extraction = workspace.extraction()
    except CorrectionsError as error:
        raise CliError(str(error)) from None
    entities = workspace.entities(type=wanted, include_hidden=args.hidden)
    if args.json:
        print_model(
            EntitiesJson(
                corpus=str(workspace.root),
                entities=[EntityJson.of(e) for e in entities],
                suggestions=list(extraction.suggestions),
            )
        )
    else:
        print_entities(entities, extraction)
    return EXIT_OK if entities else EXIT_NOTHING_FOUND


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
            for line in merge_reason_lines(entity):  # issue 14: why it was merged, how to undo it
                stdout.print(line)
    shown = {e.id for e in entities}
    suggestions = [s for s in extraction.suggestions if set(s.entity_ids) & shown]
    if suggestions:
        stdout.print(Text("Possible merges (decide with 'caseview entity accept|reject ID ID'):", style="bold"))
        for suggestion in suggestions:
            stdout.print(
                Text(
                    f"  {one_line(suggestion.names[0])} ~ {one_line(suggestion.names[1])}  "
                    f"score {suggestion.score}  [{suggestion.entity_ids[0]} {suggestion.entity_ids[1]}]"
                )
            )


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
        print_model(SuggestionsJson(corpus=str(workspace.root), suggestions=suggestions))
    else:
        for suggestion in suggestions:
            stdout.print(suggestion_lines(suggestion))
    return EXIT_OK if suggestions else EXIT_NOTHING_FOUND


def suggestion_lines(suggestion: MergeSuggestion) -> Text:
    first, second = suggestion.entity_ids
    text = Text()
    text.append(f"{one_line(suggestion.names[0])} ~ {one_line(suggestion.names[1])}", style="bold")
    text.append(f"  score {suggestion.score:.2f}  {one_line(suggestion.reason)}\n")
    text.append(f"  caseview entity accept {first} {second}   (or reject)", style="dim")
    return text


def run_events(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.corpus, show_warnings=not args.json)
    try:
        extraction = workspace.extraction()
    except CorrectionsError as error:
        raise CliError(str(error)) from None
    names = {e.id: e.name for e in extraction.entities}
    if args.json:
        print_model(
            EventsJson(
                corpus=str(workspace.root),
                events=[EventJson.of(e, names) for e in extraction.events],
                clusters=list(extraction.clusters),
                flags=list(extraction.flags),
            )
        )
    else:
        print_events(extraction, names)
    return EXIT_OK if extraction.events else EXIT_NOTHING_FOUND


def print_events(extraction: CorpusExtraction, names: dict[str, str]) -> None:
    """One line per happening: its document (and how many tell it), when (its own time, else its
    source's publication date, said so), who, what and how it is told (planned, conditional; by whom)."""
    for event in extraction.events:
        line = Text()
        line.append(one_line(event.doc_id), style="dim")
        if event.source_count > 1:
            others = ", ".join(one_line(s.doc_id) for s in event.sources if s.doc_id != event.doc_id)
            line.append(f"  ({event.source_count} sources, also {others})", style="dim")
        if event.time is not None:
            when = one_line(event.time.text)
            if event.time.resolved:
                when += f" = {event.time.start_date}…{event.time.end_date}"
            line.append(f"  [{when}]", style="cyan")
        elif event.when_source == "publication" and event.when is not None:
            day = str(event.when) if event.when == event.when_end else f"{event.when}…{event.when_end}"
            line.append(f"  [published {day}, no date of its own]", style="cyan")
        line.append("  " + ", ".join(one_line(names.get(a, a)) for a in event.actors), style="bold")
        line.append(("  not " if event.negated else "  ") + event.action)
        if event.modality in ("planned", "conditional"):
            line.append(f" ({event.modality})")
        if event.objects:
            line.append("  → " + ", ".join(one_line(names.get(o, o)) for o in event.objects))
        if event.attribution:
            line.append(f"  · {one_line(event.attribution)}", style="italic")
        if event.cluster:
            line.append(f"  ({event.cluster})", style="dim")
        stdout.print(line)
    if extraction.flags:
        stdout.print(Text("Flags for the analyst (not verdicts):", style="bold"))
        for flag in extraction.flags:
            stdout.print(Text(f"  {flag.kind}: {one_line(flag.reason)}  [{flag.event_ids[0]} {flag.event_ids[1]}]"))


COMMANDS = {
    "entities": Command(
        _entities_arguments,
        run_entities,
        description="Entities (people, bodies, places, products, publications, events) merged across the corpus.",
    ),
    "events": Command.of(ARGUMENTS["events"], run_events),
}
