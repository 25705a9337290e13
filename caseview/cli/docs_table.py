"""``caseview docs`` as aligned columns that fit the terminal.

The id, which the other verbs take, is never cut; outlet, date, format, pages and size are short by
nature; the title gets the room that is left and is cut with an ellipsis (the full title is in
``--json``). ``pages`` appears when some document has pages, ``problems`` when some document has one.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text

from caseview.kernel.textsafe import one_line
from caseview.workspace import DocumentInfo

GAP = 2
#: Narrowest a title is cut to; an outlet is cut to OUTLET_WIDTH, or OUTLET_NARROW when the room is short.
TITLE_MIN = 12
OUTLET_WIDTH = 16
OUTLET_NARROW = 8


@dataclass
class _Column:
    name: str
    cells: list[str]
    right: bool = False
    cut: bool = True

    @property
    def natural(self) -> int:
        return max([len(self.name), *(len(cell) for cell in self.cells)])


def date_cell(info: DocumentInfo) -> str:
    """The publication date at its precision ("2026-04-16", "2026-06", "2026"), "≥ 2026-04-29" for a
    lower bound, "—" when undated: short, so the title keeps its room."""
    if info.published is not None:
        iso = info.published.isoformat()
        return {"day": iso, "month": iso[:7], "year": iso[:4]}.get(info.published_precision, iso)
    if info.published_after is not None:
        return f"≥ {info.published_after.isoformat()}"
    return "—"


def problems_cell(info: DocumentInfo) -> str:
    """The kinds of a document's problems ("no-text-layer", "partial"); the reasons are in ``caseview check``."""
    return ", ".join(dict.fromkeys(notice.kind for notice in info.problems))


def docs_table(documents: list[DocumentInfo], width: int) -> Text:
    """The documents as a table within ``width`` columns (the problems column may be cut at its end)."""
    columns = [
        _Column("id", [one_line(info.id) for info in documents], cut=False),
        _Column("title", [one_line(info.title) for info in documents]),
        _Column("outlet", [one_line(info.outlet or "—") for info in documents]),
        _Column("date", [date_cell(info) for info in documents]),
        _Column("format", [info.format for info in documents]),
    ]
    if any(info.pages for info in documents):
        columns.append(_Column("pages", [f"{info.pages:,}" if info.pages else "" for info in documents], right=True))
    columns.append(_Column("size", [f"{info.size:,}" for info in documents], right=True))
    if any(info.problems for info in documents):
        columns.append(_Column("problems", [problems_cell(info) for info in documents]))
    widths = [column.natural for column in columns]
    outlet = 2
    widths[outlet] = min(widths[outlet], OUTLET_WIDTH)
    flexible = {1, len(columns) - 1} if columns[-1].name == "problems" else {1}
    fixed = sum(w for index, w in enumerate(widths) if index not in flexible) + GAP * (len(columns) - 1)
    if fixed + 2 * TITLE_MIN >= width:  # a narrow terminal: the title before the outlet
        widths[outlet] = min(widths[outlet], OUTLET_NARROW)
        fixed = sum(w for index, w in enumerate(widths) if index not in flexible) + GAP * (len(columns) - 1)
    room = width - fixed - 1
    if columns[-1].name == "problems":
        widths[-1] = max(8, min(widths[-1], room - min(widths[1], max(TITLE_MIN, room // 2))))
        room -= widths[-1]
    widths[1] = max(TITLE_MIN, min(widths[1], room))
    table = Text()
    rows = [[column.name for column in columns]] + [list(row) for row in zip(*(c.cells for c in columns), strict=True)]
    for number, row in enumerate(rows):
        line = Text(style="bold" if number == 0 else "")
        for index, (cell, column) in enumerate(zip(row, columns, strict=True)):
            piece = Text(cell.rjust(widths[index]) if column.right else cell)
            if column.cut:
                piece.truncate(widths[index], overflow="ellipsis")
            line.append_text(piece)
            if index < len(row) - 1:
                line.append(" " * (widths[index] + GAP - len(piece)))
        line.rstrip()
        table.append_text(line)
        table.append("\n")
    table.rstrip()
    return table
