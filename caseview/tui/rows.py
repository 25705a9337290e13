"""Typed view models the panes show, made from the core models in a worker (never from widgets).

Entities and events come from :mod:`caseview.extract` through the Workspace façade; a pane only ever
receives these frozen rows, so nothing it draws can change under it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from caseview.extract import Entity, EventCandidate
from caseview.workspace import Workspace


@dataclass(frozen=True)
class SpanRef:
    """A stretch of one document: a mention or an evidence passage."""

    doc_id: str
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True)
class EntityRow:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[SpanRef, ...]

    @property
    def document_count(self) -> int:
        return len({mention.doc_id for mention in self.mentions})


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
    )


def event_row(event: EventCandidate) -> EventRow:
    time = event.time
    return EventRow(
        id=event.id,
        doc_id=event.doc_id,
        start=event.evidence_start,
        end=event.evidence_end,
        evidence=event.evidence_text,
        action=event.action,
        time_text=time.text if time is not None else None,
        when=time.start_date if time is not None else None,
        actors=event.actors,
        sources=tuple(SpanRef(s.doc_id, s.evidence_start, s.evidence_end) for s in event.sources),
    )


def extraction_rows(entities: Iterable[Entity], events: Iterable[EventCandidate]) -> Extraction:
    """The panes' rows for the corpus's entities and events (pure)."""
    entity_rows = tuple(entity_row(entity) for entity in entities)
    by_doc: dict[str, list[SpanRef]] = {}
    for entity in entity_rows:
        for mention in entity.mentions:
            by_doc.setdefault(mention.doc_id, []).append(mention)
    return Extraction(
        entities=entity_rows,
        events=tuple(event_row(event) for event in events),
        mentions_by_doc={doc_id: tuple(sorted(spans, key=lambda m: m.start)) for doc_id, spans in by_doc.items()},
    )


def load_extraction(workspace: Workspace, progress: Callable[[int, int], None] | None = None) -> Extraction:
    """Entities and events of the corpus (slow the first time: call it from a worker)."""
    workspace.extraction(progress)  # the slow part, with progress; entities() and events() then use its cache
    return extraction_rows(workspace.entities(), workspace.events())


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
