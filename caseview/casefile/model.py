"""The case file: what the analyst hands on.

A case has a title, a summary and key questions; ordered sections; items in those sections (a
passage, an entity, an event or a free note) and typed links between items. Every item, link and
section is a record with its own ``id`` and ``rev`` so that two writers can be merged record by
record (see :mod:`caseview.casefile.merge`); a deleted record leaves a :class:`Tombstone`.

Items carry *snapshots* of what they point at (the passage's quote and citation, the entity's name
and mentions, the event's evidence and dates) so a case can always be exported, even when the
annotation, the document or the extraction behind an item has gone — it is then flagged, not dropped.
"""

from __future__ import annotations

import re
import secrets
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

#: The case-file schema version this caseview writes and fully understands (what each version holds
#: and how an older file is migrated: :mod:`caseview.casefile.codec`).
SCHEMA_VERSION = 2

Reliability = Literal["A", "B", "C", "D", "E", "F"]

#: Admiralty (NATO) grading: how reliable the source is, how credible the information is.
RELIABILITY_LABELS: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_LABELS: dict[int, str] = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


class Relation(StrEnum):
    """How one item bears on another."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    UPDATES = "updates"
    SAME_EVENT = "same-event"
    MENTIONS = "mentions"
    RELATED = "related"


def utc_now() -> datetime:
    """Now in UTC, to the second (written as ``…Z``)."""
    return datetime.now(UTC).replace(microsecond=0)


def new_rev() -> str:
    """A fresh revision token; every change to a record gets one so merges can tell edits apart."""
    return secrets.token_hex(8)


def new_item_id() -> str:
    return "i" + secrets.token_hex(4)


def new_link_id() -> str:
    return "l" + secrets.token_hex(4)


def section_id_for(title: str) -> str:
    """A section's id, derived from its title so two writers creating "Timeline" make one section."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return "s-" + (slug or "untitled")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("timestamps must carry a time zone")
    return value.astimezone(UTC).replace(microsecond=0)


#: A time stamp in UTC, to the second (time-zone-less values are refused).
UtcDatetime = Annotated[datetime, AfterValidator(_utc)]


class Grade(_Frozen):
    """An Admiralty grade of a passage: source reliability A–F and information credibility 1–6."""

    reliability: Reliability | None = None
    credibility: int | None = Field(default=None, ge=1, le=6)

    @model_validator(mode="after")
    def _something(self) -> Grade:
        if self.reliability is None and self.credibility is None:
            raise ValueError("a grade needs a reliability (A–F), a credibility (1–6) or both")
        return self

    @property
    def code(self) -> str:
        """``B2``, or ``B-`` / ``-2`` when half of it is unknown."""
        return f"{self.reliability or '-'}{self.credibility or '-'}"

    def describe(self) -> str:
        """``B2 (usually reliable; probably true)``."""
        parts = []
        if self.reliability:
            parts.append(f"source {RELIABILITY_LABELS[self.reliability]}")
        if self.credibility:
            parts.append(f"information {CREDIBILITY_LABELS[self.credibility]}")
        return f"{self.code} ({'; '.join(parts)})"


class Citation(_Frozen):
    """Where a passage comes from, as it was when it was added to the case: enough to cite it for ever."""

    doc_id: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    exact: str = Field(min_length=1)
    prefix: str = ""
    suffix: str = ""
    #: Hash of the document text the offsets point into.
    doc_sha256: str = ""
    title: str = ""
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    #: Who wrote the document (its metadata or byline), when known.
    author: str | None = None
    #: The annotation's tags and note when the passage was added (the live annotation wins when it exists).
    tags: tuple[str, ...] = ()
    note: str | None = None
    #: The page the passage started on when it was added (paged documents such as PDF), else None.
    page: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Citation:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        return self


class MentionRef(_Frozen):
    """One place an entity is named: a document and a span in it."""

    doc_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class EntitySnapshot(_Frozen):
    """An entity as the extraction knew it when it was added to the case."""

    name: str = Field(min_length=1)
    type: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[MentionRef, ...] = ()


class EventSnapshot(_Frozen):
    """An event as the extraction knew it: its evidence sentence and its date as written and resolved."""

    text: str = Field(min_length=1, description="The evidence sentence.")
    doc_id: str | None = None
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    action: str | None = None
    actors: tuple[str, ...] = ()
    negated: bool = False
    #: The time expression as written ("last week", "in February"), if any.
    time_text: str | None = None
    #: The interval it resolves to (inclusive days), when it could be resolved.
    start_date: date | None = None
    end_date: date | None = None
    granularity: str | None = None


class FieldConflict(_Frozen):
    """A value that lost a concurrent edit of the same field: kept, never silently dropped."""

    field: str
    value: str = Field(description="The losing value, as JSON.")
    modified: UtcDatetime


class _Record(_Frozen):
    """What every mergeable record has: an id, a revision and its times."""

    id: str = Field(min_length=1)
    created: UtcDatetime
    modified: UtcDatetime
    rev: str = Field(min_length=1)
    conflicts: tuple[FieldConflict, ...] = ()


class _Item(_Record):
    section: str = Field(min_length=1, description="The id of the section the item is in.")
    #: Sort key within the section (smaller first).
    order: float
    #: The analyst's note on this item in the context of the case.
    note: str | None = None
    #: The item's number (``#5``), given when it is added and never changed or reused, so a number
    #: printed to the analyst keeps naming the same item (issue 13, bug 6). None in files written
    #: before numbers were stored: see :meth:`CaseFile.numbers`.
    number: int | None = Field(default=None, ge=1)


class PassageItem(_Item):
    kind: Literal["passage"] = "passage"
    #: The annotation this passage is (None when it was added from a snapshot alone).
    annotation_id: str | None = None
    citation: Citation
    grade: Grade | None = None


class EntityItem(_Item):
    kind: Literal["entity"] = "entity"
    entity_id: str = Field(min_length=1)
    entity: EntitySnapshot
    #: The entity's role in this story, in the analyst's words ("decision-maker", "source").
    role: str | None = None


class EventItem(_Item):
    kind: Literal["event"] = "event"
    event_id: str = Field(min_length=1)
    event: EventSnapshot


class NoteItem(_Item):
    kind: Literal["note"] = "note"
    text: str = Field(min_length=1)


CaseItem = Annotated[PassageItem | EntityItem | EventItem | NoteItem, Field(discriminator="kind")]
ItemKind = Literal["passage", "entity", "event", "note"]


class Link(_Record):
    """A typed, directed link between two items: ``source`` *relation* ``target``."""

    source: str
    target: str
    relation: Relation
    note: str | None = None


class Section(_Record):
    title: str = Field(min_length=1)
    order: float


#: The title of a case whose analyst has not given it one (exports say "(no title yet)" instead).
UNTITLED = "Untitled case"


class CaseHeader(_Record):
    """The case's own text: title, summary, key questions (one record, merged field by field)."""

    id: str = "header"
    title: str = UNTITLED
    summary: str = ""
    questions: tuple[str, ...] = ()


class Tombstone(_Frozen):
    """A deleted record, remembered so a stale copy elsewhere cannot silently bring it back."""

    id: str
    kind: Literal["item", "link", "section"]
    rev: str
    deleted: UtcDatetime
    #: A deleted item's number, kept so it is never given to another item.
    number: int | None = None
    #: What a removed passage had that the analyst made (its annotation, grade and note) and, for a
    #: removed link, the link: so putting the passage back restores its grade and links (issue 13, bug 2).
    passage: PassageItem | None = None
    link: Link | None = None


class CaseFile(_Frozen):
    """One case: everything in ``case.json`` (or ``<name>.case.json``)."""

    schema_version: int = SCHEMA_VERSION
    header: CaseHeader
    sections: tuple[Section, ...] = ()
    items: tuple[CaseItem, ...] = ()
    links: tuple[Link, ...] = ()
    tombstones: tuple[Tombstone, ...] = ()

    @model_validator(mode="after")
    def _unique_ids(self) -> CaseFile:
        for what, records in (("section", self.sections), ("item", self.items), ("link", self.links)):
            seen: set[str] = set()
            for record in records:
                if record.id in seen:
                    raise ValueError(f"{what} id {record.id!r} appears twice")
                seen.add(record.id)
        return self

    # -- lookups ------------------------------------------------------------------------------
    def item(self, item_id: str) -> CaseItem | None:
        return next((item for item in self.items if item.id == item_id), None)

    def link(self, link_id: str) -> Link | None:
        return next((link for link in self.links if link.id == link_id), None)

    def section(self, section_id: str) -> Section | None:
        return next((section for section in self.sections if section.id == section_id), None)

    def section_titled(self, title: str) -> Section | None:
        wanted = title.strip().casefold()
        return next((s for s in self.sections if s.title.strip().casefold() == wanted), None)

    def ordered_sections(self) -> list[Section]:
        """Sections in order, plus a stand-in for any section an item names that no longer exists."""
        sections = sorted(self.sections, key=lambda s: (s.order, s.id))
        known = {s.id for s in sections}
        for item in self.items:
            if item.section not in known:
                known.add(item.section)
                sections.append(
                    Section(
                        id=item.section,
                        title="Unsorted",
                        order=float("inf"),
                        created=item.created,
                        modified=item.modified,
                        rev="missing",
                    )
                )
        return sections

    def numbers(self) -> dict[str, int]:
        """Every item's number, by id: the stored one, else (a file from before numbers were stored,
        or a number two writers gave at once) a fresh one after the highest in use, in case order."""
        numbers: dict[str, int] = {}
        taken: set[int] = {t.number for t in self.tombstones if t.number is not None}
        for item in sorted(self.items, key=lambda i: (i.created, i.id)):
            if item.number is not None and item.number not in taken:
                numbers[item.id] = item.number
                taken.add(item.number)
        unnumbered = [item for item in self.ordered_items() if item.id not in numbers]
        if unnumbered and not numbers and not taken:
            return {item.id: number for number, item in enumerate(unnumbered, start=1)}  # as they always were
        following = max(taken, default=0) + 1
        for item in unnumbered:
            numbers[item.id] = following
            following += 1
        return numbers

    def next_number(self) -> int:
        """The number the next item added gets: one more than any given so far (deleted ones included)."""
        used = [*self.numbers().values(), *(t.number for t in self.tombstones if t.number is not None)]
        return max(used, default=0) + 1

    def items_in(self, section_id: str) -> list[CaseItem]:
        return sorted((i for i in self.items if i.section == section_id), key=lambda i: (i.order, i.id))

    def ordered_items(self) -> list[CaseItem]:
        """Every item, section by section, in order."""
        return [item for section in self.ordered_sections() for item in self.items_in(section.id)]

    def links_of(self, item_id: str) -> list[Link]:
        return [link for link in self.links if item_id in (link.source, link.target)]


def empty_case(title: str = UNTITLED) -> CaseFile:
    now = utc_now()
    return CaseFile(header=CaseHeader(title=title, created=now, modified=now, rev=new_rev()))
