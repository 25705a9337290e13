"""The extraction domain: mentions, entities, time expressions, events and the analyst's corrections.

Every offset is a Python ``str`` index into ``Document.text`` (code points, not bytes), end exclusive
(ARCHITECTURE.md, "Text offsets").
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class EntityType(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    GOV_BODY = "GOV_BODY"
    GPE = "GPE"
    PRODUCT = "PRODUCT"
    PUBLICATION = "PUBLICATION"
    EVENT = "EVENT"
    #: A name no cue could type: shown as such, for the analyst to retype or hide.
    UNKNOWN = "UNKNOWN"


class Granularity(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Mention(_Frozen):
    """One stretch of a document that names an entity."""

    start: int
    end: int
    text: str
    type: EntityType
    #: What produced it: "gazetteer", "title", "acronym-definition", "acronym", "connector-chunk",
    #: "suffix", "context:model", "context:according-to", "first-name", "surname", "propagated", "nlp".
    cue: str
    #: The gazetteer entry it matched, if any (its canonical name).
    gazetteer: str | None = None
    #: The longer name this one stands for in the same document: an acronym's long form ("National
    #: Security Agency (NSA)"), a surname's full name ("Moore" → "Kieran Moore"), an organisation's short
    #: form ("Baltic Rail" → "Baltic Rail Logistics").
    expands_to: str | None = None
    #: A person's title of office as written before the name, in lower case ("treasury secretary").
    title: str | None = None


class Candidate(_Frozen):
    """A capitalised chunk no cue could type; it becomes a mention only if the corpus names it elsewhere."""

    start: int
    end: int
    text: str
    cue: str = "chunk"


class DocMention(_Frozen):
    """A mention as it is held by a corpus-level entity: which document it is in, and where."""

    doc_id: str
    start: int
    end: int
    text: str
    cue: str


class TimeExpression(_Frozen):
    """A time expression as written, and the interval it means when that can be known."""

    start: int
    end: int
    text: str
    #: "date", "month", "year", "quarter", "relative", "weekday", "vague".
    kind: str
    start_date: date | None = None
    end_date: date | None = None
    granularity: Granularity | None = None
    vague: bool = False
    #: Resolved against a publication date known only to the month or the year: the interval is
    #: what is certain ("last week" against April 2026 → April 2026), not the exact week.
    approximate: bool = False

    @property
    def resolved(self) -> bool:
        return self.start_date is not None


Modality = Literal["reported", "planned", "denied", "conditional"]
WhenSource = Literal["text", "publication", "undated"]


class EventSource(_Frozen):
    """One document's telling of an event: several rewrites of one statement make one event."""

    doc_id: str
    event_id: str
    evidence_start: int
    evidence_end: int
    evidence_text: str


class Quantity(_Frozen):
    """A count a document states ("about 50 organizations", "more than 100 companies")."""

    start: int
    end: int
    text: str
    #: The smallest and largest value the wording allows ("about 50": 42..58; "more than 100": 101..None).
    low: float
    high: float | None
    #: What is counted, normalised ("organisation" for companies, agencies, institutions, ...).
    counted: str
    #: Entity mentions of its sentence (or the one before), resolved to entity ids at corpus level.
    mention_spans: tuple[tuple[int, int], ...] = ()
    entities: tuple[str, ...] = ()
    #: What the count says happened to the things counted, as a lemma or a stem ("evacuate" for "120
    #: evacuated residents", "about 200 residents were evacuated", "evacuated more than 150 residents");
    #: "" when the wording names nothing. Two counts of different happenings are never compared.
    predicate: str = ""


class EventCandidate(_Frozen):
    """A clause that says someone did something: one event row, with its evidence.

    The fields before ``modality`` are those the first version had (tui, cli, casefile and export
    read them); the rest were added: how it is said, by whom, every source telling it, and where
    it sits on the timeline."""

    id: str
    doc_id: str = ""
    evidence_start: int
    evidence_end: int
    evidence_text: str
    #: The action lemma from the action lexicon ("oppose", "authorise", "meet", ...).
    action: str
    action_start: int
    action_end: int
    negated: bool = False
    #: Actor names as written in this document (resolved to entity ids at corpus level).
    actor_mentions: tuple[tuple[int, int], ...] = ()
    object_mentions: tuple[tuple[int, int], ...] = ()
    object_text: str = ""
    time: TimeExpression | None = None
    actors: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    cluster: str | None = None
    #: "reported" (said to have happened), "planned" (will, plans to), "denied" (negated),
    #: "conditional" (could, would, may).
    modality: Modality = "reported"
    #: Who says so, as written: "according to Axios", "said people familiar with the matter".
    attribution: str = ""
    #: Every document telling this event (this one first); two rewrites of one statement are one
    #: event with two sources. Empty before corpus assembly.
    sources: tuple[EventSource, ...] = ()
    #: Where the event sits on the timeline: its own time expression ("text"), else its source's
    #: publication date ("publication", marked as such in the views), else nowhere ("undated").
    when: date | None = None
    when_end: date | None = None
    when_source: WhenSource = "undated"
    #: The placement is only as precise as a month- or year-only date allows.
    when_approximate: bool = False

    @property
    def source_count(self) -> int:
        return max(1, len(self.sources))


class DocumentExtraction(_Frozen):
    """Everything extracted from one document's text (a pure function of text + publication date)."""

    mentions: tuple[Mention, ...]
    candidates: tuple[Candidate, ...] = ()
    times: tuple[TimeExpression, ...]
    events: tuple[EventCandidate, ...]
    published: date | None = None
    published_precision: Literal["day", "month", "year"] = "day"
    quantities: tuple[Quantity, ...] = ()


class MergeReason(_Frozen):
    """Why two names were merged automatically on evidence (not by spelling alone) — shown to the
    analyst, who can undo the merge."""

    #: The alias that was merged into the entity ("Scott Besant").
    alias: str
    #: The name it was merged with ("Scott Bessent").
    into: str
    same_title: str | None = None
    same_first_name: str | None = None
    surname_similarity: float = 0.0
    shared_co_mentions: tuple[str, ...] = ()
    #: The reason in words: "same title and first name, similar surname, 3 shared co-mentions".
    text: str


class Entity(_Frozen):
    """One real-world thing, with every name it goes by and every place it is mentioned."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: tuple[DocMention, ...]
    hidden: bool = False
    #: How the aliases were merged: "exact", "acronym", "gazetteer", "surname", "short-form", "type-vote",
    #: "product-head", "evidence", "analyst".
    merged_by: tuple[str, ...] = ()
    #: For each alias merged on evidence (same title, first name, co-mentions): why.
    merge_reasons: tuple[MergeReason, ...] = ()

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(sorted({m.doc_id for m in self.mentions}))


class MergeSuggestion(_Frozen):
    """Two entities that may be the same thing; the analyst decides."""

    id: str
    entity_ids: tuple[str, str]
    names: tuple[str, str]
    score: float
    reason: str


class EventCluster(_Frozen):
    id: str
    event_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]
    label: str


class EventFlag(_Frozen):
    """A pair of events from different documents the analyst may want to compare — a flag, not a verdict.

    ``contradiction``: incompatible statements about the same thing at the same (or unknown) time;
    ``development``: a later source reports a change; ``number_discrepancy``: the sources count the
    same thing differently (the reason quotes the counts)."""

    kind: Literal["contradiction", "development", "number_discrepancy"]
    event_ids: tuple[str, str]
    reason: str


class Correction(_Frozen):
    """One analyst correction, re-applied on every run in the order made."""

    op: Literal["merge", "split", "rename", "retype", "hide", "unhide", "accept", "reject"]
    #: merge/accept/reject: the entity ids; the others: one entity id.
    entity_ids: tuple[str, ...] = ()
    #: The aliases the entities had when the correction was made; used when an id no longer exists.
    aliases: tuple[str, ...] = ()
    #: split: the alias to split off; rename: the new name.
    value: str | None = None
    type: EntityType | None = None
    created: str = ""
    id: str = ""


class CorpusExtraction(_Frozen):
    """The corpus-level result: entities, events, clusters, flags and pending merge suggestions."""

    entities: tuple[Entity, ...]
    events: tuple[EventCandidate, ...]
    clusters: tuple[EventCluster, ...]
    flags: tuple[EventFlag, ...]
    suggestions: tuple[MergeSuggestion, ...]
    times: dict[str, tuple[TimeExpression, ...]] = Field(default_factory=dict)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def event(self, event_id: str) -> EventCandidate | None:
        """The row with this id, or the row a rewrite with this id was collapsed into."""
        return next((e for e in self.events if e.id == event_id), None) or next(
            (e for e in self.events if any(s.event_id == event_id for s in e.sources)), None
        )
