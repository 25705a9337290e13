"""A case as it stands against the corpus now: every item checked, flagged, numbered, cited.

:func:`resolve_case` is pure: it takes the case and a :class:`CaseSources` (documents and
annotations as they are now) and returns a :class:`CaseView`, the one thing the exporters and the
``case show`` command render. Nothing is dropped: an item whose document, annotation or passage has
gone is kept, quoted from its snapshot, and carries flags that say what went wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Literal, Protocol

from caseview.casefile.context import PassageContext, passage_context
from caseview.casefile.model import (
    CaseFile,
    CaseHeader,
    CaseItem,
    Citation,
    EntityItem,
    EventItem,
    Link,
    PassageItem,
    Relation,
    Section,
    utc_now,
)
from caseview.casefile.readd import Locator, TextSpan
from caseview.corpus import Document

Flag = Literal[
    "document-missing",
    "annotation-deleted",
    "orphaned",
    "needs-review",
    "moved",
    "re-anchored",
    "conflict",
    "dangling-link",
]

#: What each flag means, in a sentence the memo can print.
FLAG_TEXT: dict[str, str] = {
    "document-missing": "the document is no longer in the corpus; cited as it was when added",
    "annotation-deleted": "the annotation behind this passage was deleted; kept from the case file's own copy",
    "orphaned": "the passage is no longer in the current text of the document; quoted as it was when added",
    "needs-review": "the passage could not be located with certainty in the changed document; check it",
    "moved": "the document changed; the passage was found again at a new place",
    "re-anchored": "the document changed and the passage was re-anchored to its new wording, quoted here",
    "conflict": "two concurrent edits disagreed; the other version is kept in the case file",
    "dangling-link": "one end of this link is no longer in the case",
}
#: Flags that mean the quote can no longer be checked against the document as it is now.
SERIOUS_FLAGS = frozenset({"document-missing", "annotation-deleted", "orphaned", "needs-review", "dangling-link"})


@dataclass(frozen=True)
class AnnotationState:
    """What the annotation store says about an annotation a passage item refers to."""

    found: bool
    tags: tuple[str, ...] = ()
    note: str | None = None
    #: ``anchored``, ``moved``, ``needs-review`` or ``orphaned`` (the annotation's ``cv:anchor``).
    status: str = "anchored"
    start: int | None = None
    end: int | None = None
    #: The hash of the text ``start``/``end`` point into (None: not known, taken as the current text).
    doc_sha256: str | None = None


class CaseSources(Protocol):
    """The corpus as it is now, as far as a case needs it."""

    def document(self, doc_id: str) -> Document | None:
        """The document, or None when it is no longer in the corpus."""

    def annotation(self, annotation_id: str) -> AnnotationState | None:
        """The annotation's state; None when annotations cannot be looked up at all."""


@dataclass(frozen=True)
class DocRef:
    """A source as the case cites it."""

    doc_id: str
    title: str
    outlet: str | None
    published: date | None
    url: str | None
    missing: bool = False
    #: The publication date at its precision ("2026-04-17", "April 2026"), when the document says more than a day.
    date_label: str | None = None
    #: Who wrote it (metadata or byline), when known.
    author: str | None = None


@dataclass(frozen=True)
class Location:
    """Where a passage is in a document's current text (None offsets when it was not found)."""

    status: Literal["anchored", "moved", "reanchored", "ambiguous", "orphaned"]
    start: int | None = None
    end: int | None = None
    #: The passage's text there now, when it differs from the quote the case was given (re-anchored).
    current: str | None = None
    #: The page ``start`` is on in a paged document (PDF), else None.
    page: int | None = None


@dataclass(frozen=True)
class ResolvedItem:
    item: CaseItem
    #: The item's stable number (``#5``: what ``case show`` prints and the CLI accepts; see CaseFile.numbers).
    number: int
    section_title: str
    flags: tuple[str, ...] = ()
    doc: DocRef | None = None
    #: For passages: the live annotation's tags and note (else the snapshot's), and the current place.
    tags: tuple[str, ...] = ()
    annotation_note: str | None = None
    location: Location | None = None
    #: Where the passage (or an event's evidence) is in its document now: paragraph, page, context.
    context: PassageContext | None = None

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def serious(self) -> bool:
        return any(flag in SERIOUS_FLAGS for flag in self.flags)

    @property
    def quote(self) -> str:
        """What the item quotes: the passage as it reads now when it was re-anchored to new wording,
        else the text the case was given (a passage's quote, an event's evidence, a note's text)."""
        if self.location is not None and self.location.current is not None:
            return self.location.current
        item = self.item
        if isinstance(item, PassageItem):
            return item.citation.exact
        if isinstance(item, EventItem):
            return item.event.text
        if isinstance(item, EntityItem):
            return item.entity.name
        return item.text

    @property
    def original_quote(self) -> str | None:
        """The quote as it was added, when the passage now reads differently (re-anchored)."""
        if self.location is not None and self.location.current is not None and isinstance(self.item, PassageItem):
            return self.item.citation.exact
        return None


@dataclass(frozen=True)
class ResolvedLink:
    link: Link
    source: ResolvedItem | None
    target: ResolvedItem | None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResolvedSection:
    section: Section
    items: tuple[ResolvedItem, ...]


@dataclass(frozen=True)
class CaseView:
    """Everything an export or a listing needs, checked against the corpus now."""

    case: CaseFile
    name: str | None
    path: Path | None
    read_only: bool
    sections: tuple[ResolvedSection, ...]
    links: tuple[ResolvedLink, ...]
    #: The documents cited by passages and events, oldest first: the memo's list of sources.
    sources: tuple[DocRef, ...]
    #: Every document the case refers to (also where its entities are mentioned), by id.
    documents: dict[str, DocRef] = field(default_factory=dict)
    generated: datetime = field(default_factory=utc_now)

    @property
    def header(self) -> CaseHeader:
        return self.case.header

    @property
    def items(self) -> tuple[ResolvedItem, ...]:
        return tuple(item for section in self.sections for item in section.items)

    def passages(self) -> tuple[ResolvedItem, ...]:
        return tuple(item for item in self.items if isinstance(item.item, PassageItem))

    def by_id(self, item_id: str) -> ResolvedItem | None:
        return next((item for item in self.items if item.id == item_id), None)

    def flagged(self) -> tuple[ResolvedItem, ...]:
        return tuple(item for item in self.items if item.serious)


# -- locating a passage ----------------------------------------------------------------------------
def locate_passage(text: str, citation: Citation) -> Location:
    """Find a cited passage in a document's current text: the same place, else the one clear new place.

    Exact matching only, deliberately: when the quote is not there word for word, or several places
    fit equally, the answer is ``orphaned`` or ``ambiguous`` rather than a confident guess.
    """
    exact = citation.exact
    if text[citation.start : citation.end] == exact:
        return Location("anchored", citation.start, citation.end)
    places = []
    index = text.find(exact)
    while index != -1:
        places.append(index)
        index = text.find(exact, index + 1)
    if not places:
        return Location("orphaned")
    if len(places) == 1:
        return Location("moved", places[0], places[0] + len(exact))
    in_context = [
        p
        for p in places
        if text[max(0, p - len(citation.prefix)) : p] == citation.prefix
        and text[p + len(exact) : p + len(exact) + len(citation.suffix)] == citation.suffix
    ]
    if len(in_context) == 1:
        return Location("moved", in_context[0], in_context[0] + len(exact))
    return Location("ambiguous")


def _follow_annotation(document: Document, citation: Citation, state: AnnotationState | None) -> Location | None:
    """Where the live annotation says the passage is now, when it says so for this very text.

    The annotation store re-anchors passages after a document changed and the analyst re-attaches
    them in the review queue; a case item follows that anchor. When the text there is no longer the
    quote the case was given, the location carries the new wording (``reanchored``).
    """
    if state is None or not state.found or state.status not in ("anchored", "moved"):
        return None
    if state.start is None or state.end is None or not 0 <= state.start < state.end <= len(document.text):
        return None
    if state.doc_sha256 is not None and state.doc_sha256 != document.sha256:
        return None  # anchored against another version of the text: check the quote instead
    start, end = state.start, state.end
    current = document.text[start:end]
    if current == citation.exact:
        return Location("anchored" if (start, end) == (citation.start, citation.end) else "moved", start, end)
    return Location("reanchored", start, end, current)


def current_span(citation: Citation, annotation_id: str | None, sources: CaseSources) -> TextSpan | None:
    """Where a passage is in its document's text now: its annotation's current anchor, else its quote
    found again; None when the document is gone or the passage cannot be placed with certainty."""
    document = sources.document(citation.doc_id)
    if document is None:
        return None
    state = sources.annotation(annotation_id) if annotation_id else None
    location = _follow_annotation(document, citation, state) or locate_passage(document.text, citation)
    if location.start is None or location.end is None:
        return None
    return TextSpan(location.start, location.end)


def current_locator(sources: CaseSources) -> Locator:
    """:func:`current_span` against ``sources``, each passage placed once."""
    placed: dict[tuple[Citation, str | None], TextSpan | None] = {}

    def locate(citation: Citation, annotation_id: str | None) -> TextSpan | None:
        key = (citation, annotation_id)
        if key not in placed:
            placed[key] = current_span(citation, annotation_id, sources)
        return placed[key]

    return locate


# -- resolving -------------------------------------------------------------------------------------
def _doc_ref(doc_id: str, document: Document | None, citation: Citation | None) -> DocRef:
    if document is not None:
        meta = document.meta
        return DocRef(
            doc_id,
            document.title,
            meta.outlet,
            meta.published,
            meta.url,
            date_label=meta.published_label,
            author=meta.author,
        )
    if citation is not None:
        return DocRef(
            doc_id,
            citation.title or doc_id,
            citation.outlet,
            citation.published,
            citation.url,
            missing=True,
            author=citation.author,
        )
    return DocRef(doc_id, doc_id, None, None, None, missing=True)


def _resolve_passage(item: PassageItem, sources: CaseSources) -> dict[str, object]:
    citation = item.citation
    document = sources.document(citation.doc_id)
    flags: list[str] = []
    tags, note = citation.tags, citation.note
    state = sources.annotation(item.annotation_id) if item.annotation_id else None
    if state is not None and not state.found:
        flags.append("annotation-deleted")
    elif state is not None:
        tags, note = state.tags, state.note
        if state.status in ("needs-review", "orphaned"):
            flags.append(state.status)
    location: Location | None = None
    if document is None:
        flags.append("document-missing")
    else:
        followed = _follow_annotation(document, citation, state)
        location = followed or locate_passage(document.text, citation)
        flag = {
            "moved": "moved",
            "reanchored": "re-anchored",
            "ambiguous": "needs-review",
            "orphaned": "orphaned",
        }.get(location.status)
        if followed is not None:
            # The annotation's anchor is the truth about where the passage is now: an item whose
            # annotation was re-attached is no longer orphaned (issue 13, bug 2).
            flags = [f for f in flags if f not in ("needs-review", "orphaned")]
        if flag and flag not in flags:
            flags.append(flag)
        if location.start is not None and document.pages:
            location = replace(location, page=document.page_at(location.start))
    if "orphaned" in flags and "needs-review" in flags:
        flags.remove("needs-review")
    return {
        "flags": flags,
        "doc": _doc_ref(citation.doc_id, document, citation),
        "tags": tuple(tags),
        "annotation_note": note,
        "location": location,
        "context": _context(document, location),
    }


def _context(document: Document | None, location: Location | None) -> PassageContext | None:
    if document is None or location is None or location.start is None or location.end is None:
        return None
    return passage_context(document, location.start, location.end)


def _resolve_event(item: EventItem, sources: CaseSources) -> dict[str, object]:
    event = item.event
    if event.doc_id is None:
        return {"flags": []}
    document = sources.document(event.doc_id)
    flags: list[str] = []
    location = None
    if document is None:
        flags.append("document-missing")
    elif event.start is not None and event.end is not None and event.end > event.start:
        citation = Citation(doc_id=event.doc_id, start=event.start, end=event.end, exact=event.text)
        location = locate_passage(document.text, citation)
        flag = {"moved": "moved", "ambiguous": "needs-review", "orphaned": "orphaned"}.get(location.status)
        if flag:
            flags.append(flag)
    return {
        "flags": flags,
        "doc": _doc_ref(event.doc_id, document, None),
        "location": location,
        "context": _context(document, location),
    }


def resolve_case(
    case: CaseFile, sources: CaseSources, *, name: str | None = None, path: Path | None = None, read_only: bool = False
) -> CaseView:
    """Check every item of ``case`` against ``sources`` and number, flag and cite it."""
    sections: list[ResolvedSection] = []
    numbers = case.numbers()
    documents: dict[str, DocRef] = {}
    for section in case.ordered_sections():
        resolved: list[ResolvedItem] = []
        for item in case.items_in(section.id):
            number = numbers[item.id]
            details: dict[str, object] = {"flags": []}
            if isinstance(item, PassageItem):
                details = _resolve_passage(item, sources)
            elif isinstance(item, EventItem):
                details = _resolve_event(item, sources)
            raw_flags = details.pop("flags")
            assert isinstance(raw_flags, list | tuple)
            flags = list(raw_flags)
            if item.conflicts:
                flags.append("conflict")
            entry = ResolvedItem(item=item, number=number, section_title=section.title, flags=tuple(flags), **details)  # type: ignore[arg-type]
            resolved.append(entry)
            if entry.doc is not None:
                documents.setdefault(entry.doc.doc_id, entry.doc)
        sections.append(ResolvedSection(section, tuple(resolved)))
    by_id = {entry.id: entry for section in sections for entry in section.items}
    known = dict(documents)
    for entry in by_id.values():
        if isinstance(entry.item, EntityItem):
            for mention in entry.item.entity.mentions:
                if mention.doc_id not in known:
                    known[mention.doc_id] = _doc_ref(mention.doc_id, sources.document(mention.doc_id), None)
    links = []
    for link in sorted(case.links, key=_link_order):
        source, target = by_id.get(link.source), by_id.get(link.target)
        flags = ["dangling-link"] if source is None or target is None else []
        if link.conflicts:
            flags.append("conflict")
        links.append(ResolvedLink(link, source, target, tuple(flags)))
    ordered_sources = tuple(sorted(documents.values(), key=lambda d: (d.published or date.max, d.doc_id)))
    return CaseView(
        case=case,
        name=name,
        path=path,
        read_only=read_only,
        sections=tuple(sections),
        links=tuple(links),
        sources=ordered_sources,
        documents=known,
    )


def _link_order(link: Link) -> tuple[int, datetime, str]:
    """Contradictions first (they are what an editor must see), then in the order they were made."""
    return (0 if link.relation == Relation.CONTRADICTS else 1, link.created, link.id)
