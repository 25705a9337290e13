"""The case's passages as CSV: one row per passage, ready for a spreadsheet.

RFC 4180 quoting (commas, quotes and line breaks inside cells are safe), and formula injection
guarded: a text cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is prefixed with ``'`` so it is shown as text.
"""

from __future__ import annotations

import csv
import io

from caseview.casefile.model import PassageItem
from caseview.casefile.resolve import CaseView
from caseview.export.digest import citation_parts, cited_range, format_date

COLUMNS = [
    "item",
    "number",
    "section",
    "document",
    "title",
    "outlet",
    "published",
    "start",
    "end",
    "page",
    "quote",
    "tags",
    "note",
    "analyst_note",
    "grade",
    "reliability",
    "credibility",
    "annotation",
    "flags",
]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """A text cell that no spreadsheet will evaluate as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def render_csv(view: CaseView) -> str:
    """One row per passage, in case order, with a header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in view.passages():
        item = entry.item
        assert isinstance(item, PassageItem) and entry.doc is not None
        start, end = cited_range(entry)
        grade = item.grade
        text_cells = {
            "item": item.id,
            "section": entry.section_title,
            "document": item.citation.doc_id,
            "title": entry.doc.title,
            "outlet": entry.doc.outlet or "",
            "published": format_date(entry.doc.published),
            "quote": item.citation.exact,
            "tags": "; ".join(entry.tags),
            "note": entry.annotation_note or "",
            "analyst_note": item.note or "",
            "grade": grade.code if grade else "",
            "reliability": (grade.reliability or "") if grade else "",
            "annotation": item.annotation_id or "",
            "flags": "; ".join(entry.flags),
        }
        numbers = {
            "number": entry.number,
            "start": start,
            "end": end,
            "page": citation_parts(entry).page or "",
            "credibility": (grade.credibility or "") if grade else "",
        }
        writer.writerow([neutralise(text_cells[c]) if c in text_cells else numbers[c] for c in COLUMNS])
    return buffer.getvalue()
