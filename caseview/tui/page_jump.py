"""Pages in the reader (issue 15): the marked blank line before each page, and ``P`` to go to a page.

A paged document's text joins its pages with a blank line (``corpus.pages.PAGE_SEPARATOR``); the
reader draws that line as ``── page 4 ──`` without changing the text (the row stays empty for
the cursor and every offset), and ``P`` asks for a page number (or ``+N`` / ``-N`` pages from the
cursor) and puts the cursor at that page's first character.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from caseview.corpus import Document, page_at
from caseview.tui.dialogs.prompt import PromptDialog
from caseview.tui.text_layout import LineIndex

RULE = "──"


def page_break_rows(shown: str, lines: LineIndex, pages: Sequence[int]) -> dict[int, int]:
    """The empty row just before each page after the first, by row, with that page's number."""
    rows: dict[int, int] = {}
    for number, start in enumerate(pages[1:], 2):
        blank = start - 1
        if blank < 1 or shown[blank] != "\n" or shown[blank - 1] != "\n":
            continue  # not the separator caseview joins pages with (an older or foreign layout): no mark
        row, column = lines.location(blank)
        if column == 0:
            rows[row] = number
    return rows


def page_break_line(page: int, style: Style) -> Text:
    """How a page break is drawn: ``── page 4 ──`` in the page style."""
    return Text(f"{RULE} page {page} {RULE}", style=style)


def target_page(answer: str, current: int, count: int) -> int | None:
    """The page an answer names: ``12``, ``+3``, ``-1`` (from ``current``); None when it names none of 1…count."""
    answer = answer.strip().removeprefix("p.").removeprefix("p").strip()
    try:
        number = current + int(answer) if answer[:1] in "+-" and answer[1:].strip() else int(answer)
    except ValueError:
        return None
    return number if 1 <= number <= count else None


class PageView(Protocol):
    """What the page jump needs of the reader's text view."""

    def cursor_offset(self) -> int: ...

    def clear_selection(self, at: int | None = None) -> None: ...

    def go_to_offset(self, offset: int) -> None: ...


def ask_page(pane: Widget, view: PageView, document: Document | None) -> None:
    """``P``: ask which page to go to (a notice for a document without pages)."""
    if document is None or not document.pages:
        pane.notify("This document has no pages (only PDF and scans do)", severity="warning", timeout=3)
        return
    pages = document.pages
    current = page_at(pages, view.cursor_offset()) or 1

    def go(answer: str | None) -> None:
        if answer is None:
            return
        number = target_page(answer, current, len(pages))
        if number is None:
            pane.notify(f"No page {answer.strip()!r}: the document has pages 1–{len(pages)}", severity="warning")
            return
        view.clear_selection()
        view.go_to_offset(pages[number - 1])

    title = f"Go to page (1–{len(pages):,}; now on page {current:,}; +N or -N to move)"
    pane.app.push_screen(PromptDialog(title, placeholder=str(min(current + 1, len(pages)))), go)
