"""What the app shows from parts of caseview that may not be in this build yet.

Entities and events (extraction), annotation counts and the review queue (annotations) and the case
file come from other parts of caseview. This module is the ONE place that asks the workspace for
them: each feature is looked up on the workspace by name, and when it is missing the pane says so
instead of failing. The rest of the app only sees the plain rows defined here.

The attribute names follow ``caseview.extract.models`` (``Entity.id/name/type/aliases/mentions``,
``DocMention.doc_id/start/end/text``, ``EventCandidate.id/doc_id/evidence_start/evidence_end/
evidence_text/action/time``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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

    @property
    def resolved(self) -> bool:
        return self.when is not None


@dataclass(frozen=True)
class CaseRow:
    """An item of the case file: a passage, an entity, an event or a note, in its section."""

    id: str
    label: str
    kind: str
    section: str = ""
    #: Where the item points in a document (passages and events), when it does.
    place: SpanRef | None = None


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


class FeatureUnavailable(Exception):
    """This build of caseview does not have the feature (yet)."""


class WorkspaceFeatures:
    """Optional workspace features, looked up in one place; every method may be called from a worker."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def _method(self, name: str) -> Callable[..., Any] | None:
        method = getattr(self.workspace, name, None)
        return method if callable(method) else None

    @property
    def has_extraction(self) -> bool:
        return self._method("entities") is not None

    @property
    def has_case_file(self) -> bool:
        return self._method("case_items") is not None

    def load_extraction(self, progress: Callable[[int, int], None] | None = None) -> Extraction:
        """Entities and events of the corpus (slow the first time: call it from a worker)."""
        entities_method = self._method("entities")
        if entities_method is None:
            raise FeatureUnavailable("entity extraction is not part of this build")
        run_extraction = self._method("extraction")
        if run_extraction is not None and progress is not None:
            run_extraction(progress)  # the slow part, with progress; entities() and events() then use its cache
        mentions_method = self._method("entity_mentions")
        entities = []
        for entity in entities_method():
            raw_mentions = getattr(entity, "mentions", None)
            if raw_mentions is None and mentions_method is not None:
                raw_mentions = mentions_method(entity.id)
            entities.append(
                EntityRow(
                    id=str(entity.id),
                    name=str(entity.name),
                    type=str(getattr(entity, "type", "OTHER")),
                    aliases=tuple(str(alias) for alias in getattr(entity, "aliases", ())),
                    mentions=tuple(sorted(_span_refs(raw_mentions or ()), key=lambda m: (m.doc_id, m.start))),
                )
            )
        events_method = self._method("events")
        events = tuple(_event_row(event) for event in events_method()) if events_method else ()
        by_doc: dict[str, list[SpanRef]] = {}
        for entity in entities:
            for mention in entity.mentions:
                by_doc.setdefault(mention.doc_id, []).append(mention)
        return Extraction(
            entities=tuple(entities),
            events=events,
            mentions_by_doc={doc_id: tuple(sorted(spans, key=lambda m: m.start)) for doc_id, spans in by_doc.items()},
        )

    def annotation_counts(self) -> dict[str, int] | None:
        """Annotations per document id, or None when annotations are not part of this build."""
        method = self._method("annotations")
        if method is None:
            return None
        counts: dict[str, int] = {}
        for annotation in method():
            counts[annotation.doc_id] = counts.get(annotation.doc_id, 0) + 1
        return counts

    def needs_review_count(self) -> int | None:
        """How many annotations need the analyst's review, or None when that is not known."""
        method = self._method("review_queue")
        return len(list(method())) if method else None

    def case_rows(self) -> list[CaseRow]:
        """The items of the corpus's case file, section by section (none when there is no case file yet)."""
        method = self._method("case")
        if method is None:
            raise FeatureUnavailable("the case file is not part of this build")
        case = method().load()
        rows = []
        for section in case.ordered_sections():
            for item in case.items_in(section.id):
                rows.append(_case_row(item, section.title))
        return rows


def _span_refs(raw: Iterable[Any]) -> Iterable[SpanRef]:
    for mention in raw:
        yield SpanRef(
            doc_id=str(mention.doc_id),
            start=int(mention.start),
            end=int(mention.end),
            text=str(getattr(mention, "text", "")),
        )


def _case_row(item: Any, section: str) -> CaseRow:
    """A row for one case item (the attribute names are those of ``caseview.casefile.model``)."""
    kind = str(getattr(item, "kind", "item"))
    place = None
    if kind == "passage":
        citation = item.citation
        label = citation.exact
        place = SpanRef(citation.doc_id, citation.start, citation.end, citation.exact)
    elif kind == "entity":
        label = item.entity.name
    elif kind == "event":
        event = item.event
        label = event.text
        if event.doc_id is not None and event.start is not None and event.end is not None:
            place = SpanRef(event.doc_id, event.start, event.end, event.text)
    elif kind == "note":
        label = item.text
    else:
        label = str(item.id)
    return CaseRow(id=str(item.id), label=str(label), kind=kind, section=section, place=place)


def _event_row(event: Any) -> EventRow:
    time = getattr(event, "time", None)
    return EventRow(
        id=str(event.id),
        doc_id=str(event.doc_id),
        start=int(event.evidence_start),
        end=int(event.evidence_end),
        evidence=str(getattr(event, "evidence_text", "")),
        action=str(getattr(event, "action", "")),
        time_text=str(time.text) if time is not None else None,
        when=getattr(time, "start_date", None) if time is not None else None,
        actors=tuple(str(actor) for actor in getattr(event, "actors", ())),
    )


def timeline(events: Iterable[EventRow], doc_order: dict[str, int] | None = None) -> list[EventRow]:
    """Events by resolved date, then in document order; the unresolved ones last, in document order."""
    order = doc_order or {}

    def position(event: EventRow) -> tuple[int, str, int]:
        return (order.get(event.doc_id, len(order)), event.doc_id, event.start)

    resolved = sorted((e for e in events if e.resolved), key=lambda e: (e.when, *position(e)))
    unresolved = sorted((e for e in events if not e.resolved), key=position)
    return resolved + unresolved


def entities_by_type(entities: Iterable[EntityRow]) -> list[tuple[str, list[EntityRow]]]:
    """Entities grouped by type (largest group first), each group by mention count then name."""
    groups: dict[str, list[EntityRow]] = {}
    for entity in entities:
        groups.setdefault(entity.type, []).append(entity)
    for members in groups.values():
        members.sort(key=lambda e: (-len(e.mentions), e.name.casefold()))
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
