"""What every export says, worked out once: citations, the timeline, the entities, the links table.

Pure functions from a :class:`~caseview.casefile.resolve.CaseView` to small typed rows, which the
Markdown, HTML and CSV writers only have to format (each escaping for its own medium).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from datetime import date

from caseview.casefile.model import UNTITLED, EntityItem, EventItem, EventSnapshot, Grade, NoteItem, PassageItem
from caseview.casefile.resolve import FLAG_TEXT, CaseView, DocRef, ResolvedItem, ResolvedLink
from caseview.kernel.words import plural

#: What a memo says instead of a title the analyst has not set, and how to set one.
NO_TITLE = "(no title yet)"
SET_TITLE_HINT = 'Set the case title with: caseview case set --title "…" (or E in the app\'s case pane)'

RELATION_TEXT = {
    "supports": "supports",
    "contradicts": "contradicts",
    "updates": "updates",
    "same-event": "is the same event as",
    "mentions": "mentions",
    "related": "is related to",
}


def format_date(value: date | None) -> str:
    return value.isoformat() if value else "undated"


def doc_date(doc: DocRef) -> str:
    """A source's publication date at the precision it is known ("April 2026"), or "undated"."""
    return doc.date_label or format_date(doc.published)


def set_title_hint(view: CaseView) -> str:
    """How to set the title, naming the corpus folder (and the case) so the command can be copied as is."""
    if view.path is None:
        return SET_TITLE_HINT
    folder = shlex.quote(str(view.path.parent))
    case = f" --case {shlex.quote(view.name)}" if view.name else ""
    return f'Set the case title with: caseview case {folder}{case} set --title "…" (or E in the app\'s case pane)'


def memo_title(view: CaseView) -> str | None:
    """The case's title, or None when the analyst has not set one (the memo then says so)."""
    title = view.header.title.strip()
    return None if not title or title == UNTITLED else title


def where_text(entry: ResolvedItem) -> str:
    """Where a passage or event is in its document, as a reader checks it: "p. 2, paragraph 4"."""
    context = entry.context
    if context is None:
        return ""
    page = f"p. {context.page}, " if context.page is not None else ""
    return f"{page}paragraph {context.paragraph}"


def one_line(text: str, limit: int | None = None) -> str:
    """Text on one line (runs of white space collapsed), cut at ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def grade_text(grade: Grade | None) -> str:
    return grade.describe() if grade else ""


def flag_sentences(entry: ResolvedItem) -> list[str]:
    """What the analyst must know about an item before relying on it, one sentence per flag."""
    sentences = []
    for flag in entry.flags:
        if flag == "moved" and entry.context is not None and isinstance(entry.item, PassageItem):
            sentences.append(f"the document changed; the passage was found again in {where_text(entry)}")
        elif flag == "re-anchored" and entry.original_quote is not None:
            sentences.append(
                f"the document changed and the passage was re-anchored to its new wording, quoted here "
                f"(it read: “{one_line(entry.original_quote, 200)}”)"
            )
        else:
            sentences.append(FLAG_TEXT.get(flag, flag))
    return sentences


@dataclass(frozen=True)
class CitationParts:
    """A passage's citation: document title, outlet, date, id and the character range."""

    title: str
    outlet: str | None
    published: str
    doc_id: str
    start: int
    end: int
    url: str | None
    missing: bool
    #: False when the range is where the passage was when added, because it is not in the text now.
    located: bool
    #: "page 2, paragraph 4" where the passage is now ("" when it is not in the text now).
    where: str = ""
    #: The publication date at its precision ("2026-04-17", "April 2026", "undated").
    date: str = "undated"
    #: The page of the passage in a paged document (PDF), else None.
    page: int | None = None

    @property
    def range_text(self) -> str:
        """The character range, for machine-readable exports (JSON, CSV), and in a paged document
        ", p. 4"; memos cite :attr:`place`."""
        where = "" if self.located else " (where it was when added)"
        return f"characters {self.start}–{self.end}{where}{page_suffix(self.page)}"

    @property
    def place(self) -> str:
        """Where a reader finds the passage: "paragraph 4", or why it cannot be found now."""
        if self.missing:
            return "as cited when added (the document is no longer in the corpus)"
        return self.where if self.located and self.where else "as it was when added (not in the current text)"


def page_suffix(page: int | None) -> str:
    """ ", p. 4" for a passage on page 4, "" without pages: how every export cites a page."""
    return f", p. {page}" if page is not None else ""


def cited_range(entry: ResolvedItem) -> tuple[int, int]:
    """The range to cite: where the passage is now when it was found, else where it was when added."""
    assert isinstance(entry.item, PassageItem)
    location = entry.location
    if location is not None and location.start is not None and location.end is not None:
        return location.start, location.end
    return entry.item.citation.start, entry.item.citation.end


def citation_parts(entry: ResolvedItem) -> CitationParts:
    assert isinstance(entry.item, PassageItem) and entry.doc is not None
    start, end = cited_range(entry)
    doc = entry.doc
    location = entry.location
    located = location is not None and location.start is not None
    return CitationParts(
        title=doc.title,
        outlet=doc.outlet,
        published=format_date(doc.published),
        doc_id=doc.doc_id,
        start=start,
        end=end,
        url=doc.url,
        missing=doc.missing,
        located=located,
        where=where_text(entry),
        date=doc_date(doc),
        page=location.page if located and location is not None else entry.item.citation.page,
    )


def item_label(entry: ResolvedItem | None, limit: int = 70) -> str:
    """A short name for an item in a table: ``#3 “Trump administration officials…” (001_…txt)``."""
    if entry is None:
        return "(removed item)"
    item = entry.item
    if isinstance(item, PassageItem):
        return f"#{entry.number} “{one_line(item.citation.exact, limit)}” ({item.citation.doc_id})"
    if isinstance(item, EntityItem):
        return f"#{entry.number} {item.entity.name}"
    if isinstance(item, EventItem):
        return f"#{entry.number} event: {one_line(item.event.text, limit)}"
    assert isinstance(item, NoteItem)
    return f"#{entry.number} note: {one_line(item.text, limit)}"


# -- timeline --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineRow:
    entry: ResolvedItem
    as_written: str
    resolved: str
    sort_key: tuple[int, date, int]
    what: str
    source: DocRef | None


def resolved_interval(event: EventSnapshot) -> str:
    """The dates an event's time resolves to, at their precision: "2026-04-17", "2026-04-13 – 2026-04-19",
    "April 2026" for a month ("earlier this month"), "2026" for a year — never a month's first day alone."""
    start, end = event.start_date, event.end_date
    if start is None:
        return "unresolved"
    if event.granularity == "year" and start.month == 1 and start.day == 1:
        return str(start.year)
    if event.granularity == "month" and start.day == 1:
        whole_month = end is None or end == start or (end.month == start.month and end.year == start.year)
        if whole_month:
            return start.strftime("%B %Y")
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


def timeline(view: CaseView) -> list[TimelineRow]:
    """The case's events, dated ones first in date order, then the undated in case order."""
    rows = []
    for entry in view.items:
        if not isinstance(entry.item, EventItem):
            continue
        event = entry.item.event
        when = event.start_date
        rows.append(
            TimelineRow(
                entry=entry,
                as_written=event.time_text or "(no date in the text)",
                resolved=resolved_interval(event),
                sort_key=(0 if when else 1, when or date.max, entry.number),
                what=event.text,
                source=view.documents.get(event.doc_id) if event.doc_id else None,
            )
        )
    return sorted(rows, key=lambda row: row.sort_key)


# -- entities --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EntityRow:
    entry: ResolvedItem
    name: str
    type: str | None
    role: str | None
    aliases: tuple[str, ...]
    #: (document, number of mentions), in document order.
    documents: tuple[tuple[DocRef, int], ...]
    #: Numbers of the case's passages and events that name the entity.
    passages: tuple[int, ...]


def entities(view: CaseView) -> list[EntityRow]:
    quotable = [
        (entry.number, entry.item.citation.exact if isinstance(entry.item, PassageItem) else entry.item.event.text)
        for entry in view.items
        if isinstance(entry.item, (PassageItem, EventItem))
    ]
    rows = []
    for entry in view.items:
        if not isinstance(entry.item, EntityItem):
            continue
        snapshot = entry.item.entity
        counts: dict[str, int] = {}
        for mention in snapshot.mentions:
            counts[mention.doc_id] = counts.get(mention.doc_id, 0) + 1
        documents = tuple(
            (view.documents.get(doc_id) or DocRef(doc_id, doc_id, None, None, None, True), count)
            for doc_id, count in sorted(counts.items())
        )
        names = [n for n in (snapshot.name, *snapshot.aliases) if n.strip()]
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
        quoting = tuple(number for number, text in quotable if pattern.search(text))
        rows.append(
            EntityRow(
                entry=entry,
                name=snapshot.name,
                type=snapshot.type,
                role=entry.item.role,
                aliases=snapshot.aliases,
                documents=documents,
                passages=quoting,
            )
        )
    return rows


# -- links -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LinkRow:
    link: ResolvedLink
    source: str
    relation: str
    target: str
    note: str
    flags: tuple[str, ...]


def link_rows(view: CaseView) -> list[LinkRow]:
    """The links, contradictions first (the view is already in that order)."""
    return [
        LinkRow(
            link=resolved,
            source=item_label(resolved.source),
            relation=RELATION_TEXT[resolved.link.relation.value],
            target=item_label(resolved.target),
            note=resolved.link.note or "",
            flags=resolved.flags,
        )
        for resolved in view.links
    ]


def attention(view: CaseView) -> list[tuple[ResolvedItem, list[str]]]:
    """Items the reader must be warned about, with what is wrong, in case order."""
    return [(entry, flag_sentences(entry)) for entry in view.items if entry.serious]


def contradictions(view: CaseView) -> list[ResolvedLink]:
    """The links that say one item contradicts another: what an editor must see before anything else."""
    return [resolved for resolved in view.links if resolved.link.relation.value == "contradicts"]


def overview_counts(view: CaseView) -> str:
    """ "4 passages · 1 entity · 2 events · 1 note in 3 sections; 1 contradiction" (plurals right)."""
    counts: dict[str, int] = {}
    for entry in view.items:
        counts[entry.kind] = counts.get(entry.kind, 0) + 1
    kinds = [plural(counts[kind], kind) for kind in ("passage", "entity", "event", "note") if counts.get(kind)]
    sections = plural(len(view.sections), "section")
    text = (" · ".join(kinds) or "no items yet") + f" in {sections}"
    found = len(contradictions(view))
    return text + (f"; {plural(found, 'contradiction')}" if found else "")
