"""Changes to a case in a few words, for the undo history and the status line.

Items are named by their stable number (``#3``, as ``case show`` prints it), as the analyst sees them, plus a hint of
what they are: ``link #1 contradicts #2``, ``remove #4 passage “the administration…”``.
"""

from __future__ import annotations

from caseview.casefile.model import CaseFile, CaseItem, EntityItem, EventItem, Grade, Link, NoteItem, PassageItem
from caseview.kernel.undo import short_quote


def item_number(case: CaseFile, item_id: str) -> str:
    """``#3`` (its stable number, as ``case show`` prints it), or the id when it is not in ``case``."""
    number = case.numbers().get(item_id)
    return f"#{number}" if number is not None else item_id


def item_phrase(case: CaseFile, item: CaseItem) -> str:
    """``#3 passage “the administration…”``, ``#5 entity 'Scott Bessent'``."""
    number = item_number(case, item.id)
    if isinstance(item, PassageItem):
        return f"{number} passage {short_quote(item.citation.exact)}"
    if isinstance(item, EntityItem):
        return f"{number} entity '{item.entity.name}'"
    if isinstance(item, EventItem):
        return f"{number} event {short_quote(item.event.text)}"
    assert isinstance(item, NoteItem)
    return f"{number} note {short_quote(item.text)}"


def added(case: CaseFile, item_id: str) -> str:
    """``add #3 passage “…” to 'Findings'``, described in the case after the change."""
    item = case.item(item_id)
    if item is None:
        return f"add item {item_id}"
    section = case.section(item.section)
    return f"add {item_phrase(case, item)}" + (f" to '{section.title}'" if section else "")


def moved(case: CaseFile, item_id: str) -> str:
    item = case.item(item_id)
    if item is None:
        return f"move item {item_id}"
    section = case.section(item.section)
    return f"move {item_phrase(case, item)}" + (f" in '{section.title}'" if section else "")


def linked(case: CaseFile, link: Link, verb: str = "link") -> str:
    """``link #1 contradicts #2``."""
    return f"{verb} {item_number(case, link.source)} {link.relation.value} {item_number(case, link.target)}"


def graded(case: CaseFile, item: CaseItem, grade: Grade | None) -> str:
    number = item_number(case, item.id)
    return f"grade {number} {grade.code}" if grade is not None else f"clear the grade of {number}"
