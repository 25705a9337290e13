"""Typed view models the panes show, made from the core models in a worker (never from widgets).

Entities and events come from :mod:`caseview.extract` through the Workspace façade; a pane only ever
receives these frozen rows, so nothing it draws can change under it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from caseview.extract import Entity, EventCandidate
from caseview.extract.models import EventFlag
from caseview.workspace import Workspace


@dataclass(frozen=True)
class SpanRef:
    """A stretch of one document: a mention or an evidence passage."""

    doc_id: str
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class MergedName:
    """A name the rules merged into an entity on evidence, and why ("same title and first name, …")."""

    alias: str
    reason: str
    #: The people named beside both names (the "shared co-mentions" of the reason).
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntityRow:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[SpanRef, ...]
    #: Names merged in automatically on evidence, each with its reason in words (issue 14).
    merged: tuple[MergedName, ...] = ()

    @property
    def document_count(self) -> int:
        return len({mention.doc_id for mention in self.mentions})


@dataclass(frozen=True)
class EventFlagRow:
    """A flag on an event: its kind ("contradiction", "development", "number_discrepancy") and why."""

    kind: str
    reason: str


@dataclass(frozen=True)
class EventRow:
    id: str
    doc_id: str
    start: int
    end: int
    evidence: str
    action: str
    #: The time expression as written, if the event has one.
    time_text: str | None
    #: The resolved start of the event's interval; None when it could not be resolved.
    when: date | None
    actors: tuple[str, ...] = ()
    #: Where ``when`` comes from (issue 14): the event's own time ("text"), its source's publication
    #: date ("publication", shown as such), or nowhere ("undated"); its last day; month/year precision.
    when_source: str = "undated"
    when_end: date | None = None
    when_approximate: bool = False
    #: How many documents tell this event (rewrites of one statement are one event).
    source_count: int = 1
    #: The flags naming this event: contradiction, development, number discrepancy.
    flags: tuple[EventFlagRow, ...] = ()
    #: Every document's telling of the event (its evidence there), this one first (issue 16).
    sources: tuple[SpanRef, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.when is not None


@dataclass(frozen=True)
class Extraction:
    """Entities and events of the whole corpus, as the panes and the reader need them."""

    entities: tuple[EntityRow, ...]
    events: tuple[EventRow, ...]
    mentions_by_doc: dict[str, tuple[SpanRef, ...]] = field(default_factory=dict)

    def entity(self, entity_id: str) -> EntityRow | None:
        return next((entity for entity in self.entities if entity.id == entity_id), None)

    def event(self, event_id: str) -> EventRow | None:
        return next((event for event in self.events if event.id == event_id), None)


def entity_row(entity: Entity) -> EntityRow:
    mentions = (SpanRef(m.doc_id, m.start, m.end, m.text) for m in entity.mentions)
    return EntityRow(
        id=entity.id,
        name=entity.name,
        type=entity.type.value,
        aliases=entity.aliases,
        mentions=tuple(sorted(mentions, key=lambda m: (m.doc_id, m.start))),
        merged=tuple(MergedName(r.alias, r.text, r.shared_co_mentions) for r in entity.merge_reasons),
    )


def event_row(event: EventCandidate, flags: tuple[EventFlagRow, ...] = ()) -> EventRow:
    time = event.time
    return EventRow(
        id=event.id,
        doc_id=event.doc_id,
        start=event.evidence_start,
        end=event.evidence_end,
        evidence=event.evidence_text,
        action=event.action,
        time_text=time.text if time is not None else None,
        # The timeline's placement: the event's own time, else its source's publication date.
        when=event.when if event.when is not None else (time.start_date if time is not None else None),
        actors=event.actors,
        when_source=event.when_source
        if event.when is not None
        else ("text" if time and time.start_date else "undated"),
        when_end=event.when_end,
        when_approximate=event.when_approximate,
        source_count=event.source_count,
        flags=flags,
        sources=tuple(SpanRef(s.doc_id, s.evidence_start, s.evidence_end) for s in event.sources),
    )


def extraction_rows(
    entities: Iterable[Entity], events: Iterable[EventCandidate], flags: Iterable[EventFlag] = ()
) -> Extraction:
    """The panes' rows for the corpus's entities and events, each event with the flags naming it (pure)."""
    by_event: dict[str, list[EventFlagRow]] = {}
    for flag in flags:
        for event_id in flag.event_ids:
            by_event.setdefault(event_id, []).append(EventFlagRow(flag.kind, flag.reason))
    entity_rows = tuple(entity_row(entity) for entity in entities)
    by_doc: dict[str, list[SpanRef]] = {}
    for entity in entity_rows:
        for mention in entity.mentions:
            by_doc.setdefault(mention.doc_id, []).append(mention)
    return Extraction(
        entities=entity_rows,
        events=tuple(event_row(event, tuple(by_event.get(event.id, ()))) for event in events),
        mentions_by_doc={doc_id: tuple(sorted(spans, key=lambda m: m.start)) for doc_id, spans in by_doc.items()},
    )


def load_extraction(workspace: Workspace, progress: Callable[[int, int], None] | None = None) -> Extraction:
    """Entities and events of the corpus (slow the first time: call it from a worker)."""
    result = workspace.extraction(progress)  # the slow part, with progress; entities() and events() then use its cache
    return extraction_rows(workspace.entities(), workspace.events(), result.flags)


def annotation_counts(workspace: Workspace) -> dict[str, int]:
    """Annotations per document id (only the documents the index knows to have an annotation file are read)."""
    return workspace.annotation_counts()


def timeline(events: Iterable[EventRow], doc_order: dict[str, int] | None = None) -> list[EventRow]:
    """Events by resolved date, then in document order; the unresolved ones last, in document order."""
    order = doc_order or {}

    def position(event: EventRow) -> tuple[int, str, int]:
        return (order.get(event.doc_id, len(order)), event.doc_id, event.start)

    resolved = sorted((e for e in events if e.when is not None), key=lambda e: (e.when, *position(e)))
    unresolved = sorted((e for e in events if e.when is None), key=position)
    return resolved + unresolved


def entities_by_type(entities: Iterable[EntityRow]) -> list[tuple[str, list[EntityRow]]]:
    """Entities grouped by type (largest group first), each group by mention count then name."""
    groups: dict[str, list[EntityRow]] = {}
    for entity in entities:
        groups.setdefault(entity.type, []).append(entity)
    for members in groups.values():
        members.sort(key=lambda e: (-len(e.mentions), e.name.casefold()))
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
