"""Document offsets and reader positions: the display text and the line-start index that converts between them.

Every offset in caseview is a ``str`` index into ``Document.text``. The reader shows a display copy of
that text in which each character that would act on the terminal (or that a text widget would take
for a line break) is replaced by one visible stand-in, so the display copy has exactly the same
length and the same ``\\n`` positions. :class:`LineIndex` converts offsets to (row, column) and back
using our own line starts, never the widget's idea of lines.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from caseview.kernel.textsafe import printable

#: Characters other than "\n" that ``str.splitlines`` treats as line breaks, each with a visible stand-in.
_EXTRA_LINE_BREAKS = str.maketrans({"\u2028": "\u21b5", "\u2029": "\u00b6"})
#: Lines longer than this are shown as several lines (see :func:`break_long_lines`).
LONG_LINE = 10_000
#: …each at most about this long.
LONG_LINE_PIECE = 5_000


def display_text(text: str) -> str:
    """``text`` made safe to show literally; same length, same newlines."""
    return printable(text).translate(_EXTRA_LINE_BREAKS)


def break_long_lines(text: str, longest: int = LONG_LINE, piece: int = LONG_LINE_PIECE) -> str:
    """``text`` with a space turned into a newline every ``piece`` characters of lines longer than ``longest``.

    A text widget soft-wraps a line by cutting the whole line into rows each time it draws one row,
    so a 1 MB single-line document takes seconds per screen. Replacing a space by a newline keeps
    every offset valid (same length, one character for one) and looks like an ordinary wrap.
    """
    if len(text) <= longest or all(len(line) <= longest for line in text.split("\n")):
        return text
    characters = list(text)
    line_start = 0
    while line_start < len(text):
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end == -1 else line_end
        cut_from = line_start
        if line_end - line_start > longest:
            while line_end - cut_from > piece:
                space = text.rfind(" ", cut_from + piece // 2, cut_from + piece)
                if space == -1:
                    break  # no space to break at: leave this stretch as it is
                characters[space] = "\n"
                cut_from = space + 1
        line_start = line_end + 1
    return "".join(characters)


class LineIndex:
    """Where each line of a text starts, for converting offsets to (row, column) and back."""

    def __init__(self, text: str) -> None:
        starts = [0]
        find = text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        self.starts = starts
        self.length = len(text)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def location(self, offset: int) -> tuple[int, int]:
        """The (row, column) of ``offset`` (clamped to the text)."""
        offset = max(0, min(offset, self.length))
        row = bisect_right(self.starts, offset) - 1
        return row, offset - self.starts[row]

    def offset(self, row: int, column: int) -> int:
        """The offset of (``row``, ``column``) (clamped to the text)."""
        row = max(0, min(row, len(self.starts) - 1))
        line_end = self.starts[row + 1] - 1 if row + 1 < len(self.starts) else self.length
        return min(self.starts[row] + max(column, 0), line_end)

    def split(self, start: int, end: int) -> Iterator[tuple[int, int, int]]:
        """The part of ``[start, end)`` on each line it touches, as (row, start column, end column)."""
        if end <= start:
            return
        row, column = self.location(start)
        end = min(end, self.length)
        while True:
            line_start = self.starts[row]
            line_end = self.starts[row + 1] - 1 if row + 1 < len(self.starts) else self.length
            stop = min(end, line_end)
            if stop > line_start + column:
                yield row, column, stop - line_start
            if end <= line_end or row + 1 >= len(self.starts):
                return
            row, column = row + 1, 0
