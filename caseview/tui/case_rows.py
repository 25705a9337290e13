"""The case file as the case pane shows it: numbered items in sections, with their links and grades.

:func:`case_snapshot` turns the workspace's :class:`~caseview.casefile.resolve.CaseView` into plain
frozen rows; it runs in a worker, so the pane only ever receives finished data.
"""

from __future__ import annotations

from dataclasses import dataclass

from caseview.casefile.model import EntityItem, EventItem, NoteItem, PassageItem
from caseview.casefile.resolve import CaseView, ResolvedItem
from caseview.export.independence import item_claims
from caseview.provenance import Independence, ProvenanceReport
from caseview.tui.rows import SpanRef


@dataclass(frozen=True)
class LinkLine:
    """One link of an item, seen from that item: ``→ contradicts #3 “…”`` or ``← supports #1 …``."""

    link_id: str
    relation: str
    outgoing: bool
    other_number: int | None
    other_label: str
    note: str | None = None


@dataclass(frozen=True)
class CaseItemRow:
    """An item of the case file as the pane lists it."""

    id: str
    number: int
    kind: str
    label: str
    section: str
    grade: str | None = None
    flags: tuple[str, ...] = ()
    links: tuple[LinkLine, ...] = ()
    #: Where the item points in a document now (passages and events), when it does.
    place: SpanRef | None = None
    #: How many documents tell it and from how many independent origins (issue 16), once known.
    origins: Independence | None = None
    #: The analyst's own note on the item (``A`` in the case pane; issue 13).
    note: str | None = None

    @property
    def is_passage(self) -> bool:
        return self.kind == "passage"


@dataclass(frozen=True)
class CaseSnapshot:
    """The whole case file for the pane: its sections in order (empty ones too) and its items."""

    title: str
    sections: tuple[str, ...]
    items: tuple[CaseItemRow, ...]

    def item(self, item_id: str) -> CaseItemRow | None:
        return next((item for item in self.items if item.id == item_id), None)

    def in_section(self, section: str) -> list[CaseItemRow]:
        return [item for item in self.items if item.section == section]


def item_label(resolved: ResolvedItem) -> str:
    item = resolved.item
    if isinstance(item, PassageItem):
        return resolved.quote  # as it reads now when the passage was re-anchored to new wording
    if isinstance(item, EntityItem):
        return item.entity.name
    if isinstance(item, EventItem):
        return item.event.text
    assert isinstance(item, NoteItem)  # the four kinds of case item
    return item.text


def _place(resolved: ResolvedItem) -> SpanRef | None:
    item = resolved.item
    if isinstance(item, PassageItem):
        location = resolved.location
        if location is not None and location.start is not None and location.end is not None:
            return SpanRef(item.citation.doc_id, location.start, location.end, resolved.quote)
        return SpanRef(item.citation.doc_id, item.citation.start, item.citation.end, item.citation.exact)
    if isinstance(item, EventItem):
        event = item.event
        if event.doc_id is not None and event.start is not None and event.end is not None:
            return SpanRef(event.doc_id, event.start, event.end, event.text)
    return None


def case_snapshot(view: CaseView, provenance: ProvenanceReport | None = None) -> CaseSnapshot:
    """The pane's rows for a resolved case (pure); with ``provenance``, each item's documents and origins."""
    resolved_items = view.items
    claims = item_claims(view, provenance) if provenance is not None else {}
    numbers = {item.id: item.number for item in resolved_items}
    labels = {item.id: item_label(item) for item in resolved_items}
    links_of: dict[str, list[LinkLine]] = {}
    for resolved_link in view.links:
        link = resolved_link.link
        links_of.setdefault(link.source, []).append(
            LinkLine(
                link.id,
                link.relation.value,
                True,
                numbers.get(link.target),
                labels.get(link.target, "(removed)"),
                link.note,
            )
        )
        links_of.setdefault(link.target, []).append(
            LinkLine(
                link.id,
                link.relation.value,
                False,
                numbers.get(link.source),
                labels.get(link.source, "(removed)"),
                link.note,
            )
        )
    rows = []
    for resolved in resolved_items:
        grade = resolved.item.grade.code if isinstance(resolved.item, PassageItem) and resolved.item.grade else None
        rows.append(
            CaseItemRow(
                id=resolved.id,
                number=resolved.number,
                kind=resolved.kind,
                label=labels[resolved.id],
                section=resolved.section_title,
                grade=grade,
                flags=resolved.flags,
                links=tuple(links_of.get(resolved.id, ())),
                place=_place(resolved),
                origins=claims[resolved.id].independence if resolved.id in claims else None,
                note=resolved.item.note,
            )
        )
    return CaseSnapshot(
        title=view.header.title,
        sections=tuple(section.section.title for section in view.sections),
        items=tuple(rows),
    )
