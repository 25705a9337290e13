"""Page geometry of a paged document: pure functions over its page-start offsets.

A paged document's text is its pages' texts joined by :data:`PAGE_SEPARATOR`; ``pages[i]`` is the
code-point offset where page ``i + 1`` starts (``pages[0] == 0``). Offsets stay code-point indexes into
the whole text (see ARCHITECTURE.md, "Text offsets"), so a page number is derived, never stored in
an annotation.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

#: What separates two pages in a paged document's text: a blank line, so paragraphs never run across.
PAGE_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class PageSpan:
    """One page of a document: its 1-based number and the text range ``[start, end)`` it covers."""

    number: int
    start: int
    end: int


def page_at(pages: Sequence[int], offset: int) -> int | None:
    """The 1-based page number holding ``offset`` (an offset at a page's start belongs to that page).

    None when the document has no pages. Offsets past the end belong to the last page.
    """
    if not pages:
        return None
    return max(1, bisect_right(pages, offset))


def page_spans(pages: Sequence[int], text_length: int) -> list[PageSpan]:
    """Every page's range; a page ends where the next begins (its separator included), the last at the end."""
    ends = list(pages[1:]) + [text_length]
    return [PageSpan(number, start, end) for number, (start, end) in enumerate(zip(pages, ends, strict=True), 1)]


def join_pages(page_texts: Sequence[str]) -> tuple[str, tuple[int, ...]]:
    """The document text of ``page_texts`` and where each page starts in it."""
    starts: list[int] = []
    position = 0
    for index, page in enumerate(page_texts):
        if index:
            position += len(PAGE_SEPARATOR)
        starts.append(position)
        position += len(page)
    return PAGE_SEPARATOR.join(page_texts), tuple(starts)
