"""Changes to a case, as pure functions ``CaseFile → CaseFile`` (the store applies and merges them).

Every change gives the records it touches a new ``rev`` and ``modified`` time, and a deletion leaves
a tombstone, which is what lets :mod:`caseview.casefile.merge` combine concurrent writers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from caseview.casefile.errors import AlreadyInCase, CaseUsageError, UnknownItem
from caseview.casefile.model import (
    CaseFile,
    CaseItem,
    Citation,
    EntityItem,
    EntitySnapshot,
    EventItem,
    EventSnapshot,
    Grade,
    Link,
    NoteItem,
    PassageItem,
    Relation,
    Section,
    Tombstone,
    _Record,
    new_item_id,
    new_link_id,
    new_rev,
    section_id_for,
    utc_now,
)
from caseview.casefile.readd import Locator, Restoration, removed_match

DEFAULT_SECTION = "Findings"


# -- references ------------------------------------------------------------------------------------
def resolve_item_ref(case: CaseFile, ref: str) -> CaseItem:
    """The item a reference names: its id, a unique prefix of its id, or its number in ``case show`` (1 = first)."""
    ref = ref.strip().lstrip("#")
    ordered = case.ordered_items()
    if ref.isdigit():
        number = int(ref)
        numbers = case.numbers()
        found = next((item for item in ordered if numbers[item.id] == number), None)
        if found is not None:
            return found
        known = ", ".join(f"#{n}" for n in sorted(numbers.values())) or "none yet"
        raise UnknownItem(f"there is no item #{number} in this case (its items: {known}; see 'caseview case show')")
    exact = case.item(ref)
    if exact is not None:
        return exact
    matches = [item for item in ordered if item.id.startswith(ref)] if ref else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownItem(
            f"{ref!r} matches {len(matches)} items ({', '.join(m.id for m in matches)}); give more of the id"
        )
    raise UnknownItem(f"no item {ref!r} in this case (see 'caseview case show')")


def resolve_link_ref(case: CaseFile, ref: str) -> Link:
    ref = ref.strip()
    exact = case.link(ref)
    if exact is not None:
        return exact
    matches = [link for link in case.links if link.id.startswith(ref)] if ref else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise UnknownItem(f"{ref!r} matches {len(matches)} links; give more of the id")
    raise UnknownItem(f"no link {ref!r} in this case (see 'caseview case show')")


# -- helpers ------------------------------------------------------------------------------------------
def _touched(record: _Record, **changes: Any) -> Any:
    """A new revision of ``record`` with ``changes`` (validated), a new rev and modified now."""
    data = record.model_dump()
    data.update(changes)
    data["rev"] = new_rev()
    data["modified"] = max(utc_now(), record.created)
    return type(record).model_validate(data)


def _replace_item(case: CaseFile, item: CaseItem) -> CaseFile:
    return case.model_copy(update={"items": tuple(item if i.id == item.id else i for i in case.items)})


def _tombstone(record: _Record, kind: str, number: int | None = None) -> Tombstone:
    return Tombstone(
        id=record.id,
        kind=kind,
        rev=record.rev,
        deleted=utc_now(),
        number=number,
        passage=record if isinstance(record, PassageItem) else None,
        link=record if isinstance(record, Link) else None,
    )


def stamp_numbers(case: CaseFile) -> CaseFile:
    """Store the number of every item that has none yet (a file from before numbers were stored), so
    that the numbers the analyst has seen stay with their items from now on."""
    numbers = case.numbers()
    for item in case.items:
        if item.number != numbers[item.id]:
            case = _replace_item(case, _touched(item, number=numbers[item.id]))
    return case


def _clean_text(value: str | None) -> str | None:
    return value if value and value.strip() else None


# -- the header --------------------------------------------------------------------------------------
def set_header(
    case: CaseFile,
    *,
    title: str | None = None,
    summary: str | None = None,
    questions: list[str] | tuple[str, ...] | None = None,
) -> CaseFile:
    """Change the case's title, summary or key questions (``None`` leaves a field as it is)."""
    changes: dict[str, Any] = {}
    if title is not None:
        if not title.strip():
            raise CaseUsageError("the case title cannot be empty")
        changes["title"] = title.strip()
    if summary is not None:
        changes["summary"] = summary.strip()
    if questions is not None:
        changes["questions"] = tuple(q.strip() for q in questions if q.strip())
    if not changes:
        return case
    return case.model_copy(update={"header": _touched(case.header, **changes)})


def add_question(case: CaseFile, question: str) -> CaseFile:
    if not question.strip():
        raise CaseUsageError("a key question cannot be empty")
    return set_header(case, questions=[*case.header.questions, question])


# -- sections ----------------------------------------------------------------------------------------
def ensure_section(case: CaseFile, title: str | None) -> tuple[CaseFile, Section]:
    """The section with this title (case-insensitive), created at the end when there is none."""
    title = (title or DEFAULT_SECTION).strip()
    if not title:
        raise CaseUsageError("a section name cannot be empty")
    existing = case.section_titled(title)
    if existing is not None:
        return case, existing
    section_id = section_id_for(title)
    taken = {s.id for s in case.sections} | {t.id for t in case.tombstones if t.kind == "section"}
    suffix = 2
    candidate = section_id
    while candidate in taken:
        candidate = f"{section_id}-{suffix}"
        suffix += 1
    now = utc_now()
    order = max((s.order for s in case.sections), default=0.0) + 1.0
    section = Section(id=candidate, title=title, order=order, created=now, modified=now, rev=new_rev())
    return case.model_copy(update={"sections": (*case.sections, section)}), section


def rename_section(case: CaseFile, title: str, new_title: str) -> CaseFile:
    section = _section_named(case, title)
    if not new_title.strip():
        raise CaseUsageError("a section name cannot be empty")
    clash = case.section_titled(new_title)
    if clash is not None and clash.id != section.id:
        raise CaseUsageError(f"there is already a section called {clash.title!r}")
    renamed = _touched(section, title=new_title.strip())
    return case.model_copy(update={"sections": tuple(renamed if s.id == section.id else s for s in case.sections)})


def remove_section(case: CaseFile, title: str) -> CaseFile:
    """Remove an empty section (a section with items must be emptied first: nothing goes by accident)."""
    section = _section_named(case, title)
    count = len(case.items_in(section.id))
    if count:
        raise CaseUsageError(
            f"section {section.title!r} still has {count} item{'s' if count > 1 else ''}; move or remove them first"
        )
    return case.model_copy(
        update={
            "sections": tuple(s for s in case.sections if s.id != section.id),
            "tombstones": (*case.tombstones, _tombstone(section, "section")),
        }
    )


def _section_named(case: CaseFile, title: str) -> Section:
    section = case.section_titled(title)
    if section is None:
        known = ", ".join(repr(s.title) for s in case.ordered_sections()) or "none yet"
        raise UnknownItem(f"no section {title!r} in this case (sections: {known})")
    return section


def _order_at(
    case: CaseFile, section_id: str, position: int | None, moving: str | None = None
) -> tuple[CaseFile, float]:
    """The sort key that puts an item at ``position`` (1 = first; None = last) in a section.

    Keys are floats half-way between neighbours; when they run out of precision the section's items
    are renumbered 1, 2, 3… first (each a normal edit, so it merges like any other).
    """
    siblings = [item for item in case.items_in(section_id) if item.id != moving]
    if position is not None and position < 1:
        raise CaseUsageError(f"position must be 1 or more (1 = first), not {position}")
    index = len(siblings) if position is None else min(position - 1, len(siblings))
    before = siblings[index - 1].order if index > 0 else None
    after = siblings[index].order if index < len(siblings) else None
    if before is None and after is None:
        return case, 1.0
    if after is None:
        return case, before + 1.0  # type: ignore[operator]
    if before is None:
        return case, after - 1.0
    middle = (before + after) / 2
    if before < middle < after:
        return case, middle
    for number, sibling in enumerate(siblings, start=1):
        case = _replace_item(case, _touched(sibling, order=float(number)))
    return _order_at(case, section_id, position, moving)


# -- items -------------------------------------------------------------------------------------------
def _new_item_fields(
    case: CaseFile, section: str | None, position: int | None, note: str | None
) -> tuple[CaseFile, dict[str, Any]]:
    case = stamp_numbers(case)
    case, target = ensure_section(case, section)
    case, order = _order_at(case, target.id, position)
    now = utc_now()
    fields = {
        "id": new_item_id(),
        "number": case.next_number(),
        "section": target.id,
        "order": order,
        "note": _clean_text(note),
        "created": now,
        "modified": now,
        "rev": new_rev(),
    }
    return case, fields


def passage_in_case(
    case: CaseFile, doc_id: str, start: int, end: int, annotation_id: str | None = None
) -> PassageItem | None:
    """The case's passage item for this annotation, or for this very span of this document, if any."""
    for item in case.items:
        if not isinstance(item, PassageItem):
            continue
        if annotation_id is not None and item.annotation_id == annotation_id:
            return item
        citation = item.citation
        if (citation.doc_id, citation.start, citation.end) == (doc_id, start, end):
            return item
    return None


def already_there(case: CaseFile, item: CaseItem, what: str) -> AlreadyInCase:
    """``this passage is already in the case as #3 in 'Evidence' (i1a2b3c4d)``: said, and shown."""
    number = case.numbers().get(item.id)
    section = case.section(item.section)
    where = f" in {section.title!r}" if section else ""
    return AlreadyInCase(f"{what} is already in the case as #{number}{where} ({item.id})", item.id)


def _append(case: CaseFile, item: CaseItem) -> tuple[CaseFile, CaseItem]:
    return case.model_copy(update={"items": (*case.items, item)}), item


@dataclass(frozen=True)
class PassageAdded:
    """A passage added to a case, and what it got back when it is a removed passage put back."""

    case: CaseFile
    item: PassageItem
    restoration: Restoration | None


def put_passage(
    case: CaseFile,
    citation: Citation,
    *,
    annotation_id: str | None = None,
    grade: Grade | None = None,
    section: str | None = None,
    position: int | None = None,
    note: str | None = None,
    locate: Locator | None = None,
) -> PassageAdded:
    """Add a passage; when it is a removed passage put back (:func:`caseview.casefile.readd.removed_match`,
    placed by ``locate``), its grade, note and links come back too, unless given anew."""
    already = passage_in_case(case, citation.doc_id, citation.start, citation.end, annotation_id)
    if already is not None:
        raise already_there(case, already, "this passage")
    match = removed_match(case, citation, annotation_id, locate)
    removed = match.passage if match is not None else None
    restored_grade = removed.grade if removed is not None and grade is None else None
    restored_note = removed is not None and note is None and removed.note is not None
    grade = grade if grade is not None else restored_grade
    note = removed.note if removed is not None and restored_note else note
    case, fields = _new_item_fields(case, section, position, note)
    case, item = _append(case, PassageItem(annotation_id=annotation_id, citation=citation, grade=grade, **fields))
    assert isinstance(item, PassageItem)
    if match is None:
        return PassageAdded(case, item, None)
    before = len(case.links)
    case = _restore_links(case, match.passage.id, item.id)
    restoration = Restoration(
        removed_id=match.passage.id,
        removed_number=match.number,
        grade=restored_grade,
        note=restored_note,
        links=len(case.links) - before,
    )
    return PassageAdded(case, item, restoration if restoration.anything else None)


def _restore_links(case: CaseFile, old_id: str, new_id: str) -> CaseFile:
    """The removed links of ``old_id`` whose other end is still in the case, made again for ``new_id``."""
    present = {item.id for item in case.items}
    for tombstone in case.tombstones:
        gone = tombstone.link
        if gone is None or old_id not in (gone.source, gone.target):
            continue
        source = new_id if gone.source == old_id else gone.source
        target = new_id if gone.target == old_id else gone.target
        if source not in present or target not in present:
            continue
        try:
            case, _ = link_items(case, source, target, gone.relation, gone.note)
        except CaseUsageError:
            continue  # linked again meanwhile
    return case


def add_entity(
    case: CaseFile,
    entity_id: str,
    entity: EntitySnapshot,
    *,
    role: str | None = None,
    section: str | None = None,
    position: int | None = None,
    note: str | None = None,
) -> tuple[CaseFile, EntityItem]:
    already = next((i for i in case.items if isinstance(i, EntityItem) and i.entity_id == entity_id), None)
    if already is not None:
        raise already_there(case, already, f"entity {entity.name!r}")
    case, fields = _new_item_fields(case, section, position, note)
    return _append(case, EntityItem(entity_id=entity_id, entity=entity, role=_clean_text(role), **fields))  # type: ignore[return-value]


def add_event(
    case: CaseFile,
    event_id: str,
    event: EventSnapshot,
    *,
    section: str | None = None,
    position: int | None = None,
    note: str | None = None,
) -> tuple[CaseFile, EventItem]:
    already = next((i for i in case.items if isinstance(i, EventItem) and i.event_id == event_id), None)
    if already is not None:
        raise already_there(case, already, "this event")
    case, fields = _new_item_fields(case, section, position, note)
    return _append(case, EventItem(event_id=event_id, event=event, **fields))  # type: ignore[return-value]


def add_note(
    case: CaseFile, text: str, *, section: str | None = None, position: int | None = None
) -> tuple[CaseFile, NoteItem]:
    if not text.strip():
        raise CaseUsageError("a note cannot be empty")
    case, fields = _new_item_fields(case, section, position, None)
    return _append(case, NoteItem(text=text.strip(), **fields))  # type: ignore[return-value]


def remove_item(case: CaseFile, ref: str) -> CaseFile:
    """Remove an item and the links that touch it (each leaves a tombstone)."""
    item = resolve_item_ref(case, ref)
    links = case.links_of(item.id)
    number = case.numbers()[item.id]
    return case.model_copy(
        update={
            "items": tuple(i for i in case.items if i.id != item.id),
            "links": tuple(link for link in case.links if link not in links),
            "tombstones": (
                *case.tombstones,
                _tombstone(item, "item", number),
                *(_tombstone(link, "link") for link in links),
            ),
        }
    )


def move_item(case: CaseFile, ref: str, *, to_section: str | None = None, position: int | None = None) -> CaseFile:
    """Move an item to a position (1 = first; None = last) in its section or another one."""
    case = stamp_numbers(case)  # moving must not renumber the items of an older file
    item = resolve_item_ref(case, ref)
    if to_section is not None:
        case, section = ensure_section(case, to_section)
        section_id = section.id
    else:
        section_id = item.section
    case, order = _order_at(case, section_id, position, moving=item.id)
    renumbered = case.item(item.id)  # renumbering may have touched it
    assert renumbered is not None
    return _replace_item(case, _touched(renumbered, section=section_id, order=order))


def set_item_note(case: CaseFile, ref: str, note: str | None) -> CaseFile:
    """Set (or with None/empty, clear) the analyst's case note on an item; for a free note, its text."""
    item = resolve_item_ref(case, ref)
    if isinstance(item, NoteItem):
        if not note or not note.strip():
            raise CaseUsageError("a free note cannot be emptied; remove the item instead")
        return _replace_item(case, _touched(item, text=note.strip()))
    return _replace_item(case, _touched(item, note=_clean_text(note)))


def grade_item(case: CaseFile, ref: str, grade: Grade | None) -> CaseFile:
    """Grade a passage (Admiralty A–F / 1–6); ``None`` removes the grade."""
    item = resolve_item_ref(case, ref)
    if not isinstance(item, PassageItem):
        raise CaseUsageError(f"only passages can be graded; item {item.id} is {_a(item.kind)}")
    return _replace_item(case, _touched(item, grade=grade))


def set_entity_role(case: CaseFile, ref: str, role: str | None) -> CaseFile:
    item = resolve_item_ref(case, ref)
    if not isinstance(item, EntityItem):
        raise CaseUsageError(f"only entities have a role; item {item.id} is {_a(item.kind)}")
    return _replace_item(case, _touched(item, role=_clean_text(role)))


def _a(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


# -- links -------------------------------------------------------------------------------------------
def link_items(
    case: CaseFile, source_ref: str, target_ref: str, relation: Relation | str, note: str | None = None
) -> tuple[CaseFile, Link]:
    """Link two items: ``source`` *relation* ``target`` (e.g. passage A contradicts passage B)."""
    try:
        relation = Relation(relation)
    except ValueError:
        choices = ", ".join(r.value for r in Relation)
        raise CaseUsageError(f"unknown relation {relation!r}; choose one of: {choices}") from None
    source, target = resolve_item_ref(case, source_ref), resolve_item_ref(case, target_ref)
    if source.id == target.id:
        raise CaseUsageError("an item cannot be linked to itself")
    for link in case.links:
        if (link.source, link.target, link.relation) == (source.id, target.id, relation):
            raise CaseUsageError(f"item {source.id} already {relation.value} item {target.id} (link {link.id})")
    now = utc_now()
    link = Link(
        id=new_link_id(),
        source=source.id,
        target=target.id,
        relation=relation,
        note=_clean_text(note),
        created=now,
        modified=now,
        rev=new_rev(),
    )
    return case.model_copy(update={"links": (*case.links, link)}), link


def unlink(case: CaseFile, ref: str) -> CaseFile:
    link = resolve_link_ref(case, ref)
    return case.model_copy(
        update={
            "links": tuple(other for other in case.links if other.id != link.id),
            "tombstones": (*case.tombstones, _tombstone(link, "link")),
        }
    )


def set_link_note(case: CaseFile, ref: str, note: str | None) -> CaseFile:
    link = resolve_link_ref(case, ref)
    changed = _touched(link, note=_clean_text(note))
    return case.model_copy(update={"links": tuple(changed if other.id == link.id else other for other in case.links)})
