"""The case's passages as CSV: one row per passage, ready for a spreadsheet.

RFC 4180 quoting (commas, quotes and line breaks inside cells are safe), and formula injection
guarded: a text cell that a spreadsheet would run as a formula is prefixed with ``'`` so it is shown
as text. The rule (issue 13, bug 5), which never changes a quote that is plain text:

- a cell starting with ``=``, ``@``, a tab or a carriage return is always guarded;
- a cell starting with ``+`` or ``-`` is guarded, unless it is a line of prose: the sign, a space and
  a word ("- The Pentagon said…", "+ more to come"), with no function call (a name followed by
  ``(``) and no ``|`` (what DDE payloads such as ``-cmd|' /C calc'!A0`` need) anywhere in it. Such a
  line calls nothing and reaches no other program, so a spreadsheet can at worst show it as an error.
"""

from __future__ import annotations

import csv
import io
import re

from caseview.casefile.model import PassageItem
from caseview.casefile.resolve import CaseView
from caseview.export.digest import citation_parts, cited_range, format_date

COLUMNS = [
    "item",
    "number",
    "section",
    "document",
    "title",
    "author",
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
_ALWAYS_GUARDED = ("=", "@", "\t", "\r")
_SIGNS = ("+", "-")
_PROSE_ITEM = re.compile(r"[-+] +[^\W\d_]{2,}")
_CALL_OR_DDE = re.compile(r"[A-Za-z_][\w.]*\(|\|")


def neutralise(cell: str) -> str:
    """A text cell that no spreadsheet will evaluate as a formula (plain prose is left as written)."""
    if cell.startswith(_ALWAYS_GUARDED):
        return "'" + cell
    if cell.startswith(_SIGNS) and not (_PROSE_ITEM.match(cell) and not _CALL_OR_DDE.search(cell)):
        return "'" + cell
    return cell


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
            "author": entry.doc.author or "",
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
