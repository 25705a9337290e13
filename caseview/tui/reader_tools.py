"""What the reader's overview keys work out (pure): find within a document, where a passage is (page,
paragraph), and a passage quoted with its citation for the clipboard (issue 13, point 14)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from caseview.corpus import Document


def find_all(text: str, query: str) -> tuple[tuple[int, int], ...]:
    """Every place ``query`` occurs in ``text``: any case, any run of whitespace between its words."""
    words = query.split()
    if not words:
        return ()
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words), re.IGNORECASE)
    return tuple((match.start(), match.end()) for match in pattern.finditer(text))


@lru_cache(maxsize=8)
def paragraph_starts(text: str) -> tuple[int, ...]:
    """Where each non-blank paragraph (line) of ``text`` starts."""
    starts = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(position + len(line) - len(line.lstrip()))
        position += len(line) + 1
    return tuple(starts)


@dataclass(frozen=True)
class Position:
    """Where an offset is: paragraph ``paragraph`` of ``paragraphs`` (1-based), and the page when paged."""

    paragraph: int
    paragraphs: int
    page: int | None = None
    pages: int = 0

    def describe(self) -> str:
        """``p. 2/5 · ¶ 4/21``."""
        where = f"¶ {self.paragraph}/{self.paragraphs}"
        return f"p. {self.page}/{self.pages} · {where}" if self.page is not None else where


def position_of(document: Document, offset: int) -> Position:
    """The paragraph (the last one starting at or before ``offset``) and page holding ``offset``."""
    starts = paragraph_starts(document.text)
    paragraph = max(1, bisect_right(starts, offset)) if starts else 0
    return Position(paragraph, len(starts), document.page_at(offset), len(document.pages))


def citation(document: Document, start: int, end: int) -> str:
    """The passage quoted, then where it is from: ``“…” — Title, Outlet, 2026-04-29, p. 2, ¶ 4 (doc id)``."""
    quote = " ".join(document.text[start:end].split())
    meta = document.meta
    position = position_of(document, start)
    dated = meta.published_label if meta.published or meta.published_after else None
    parts = [document.title, meta.outlet, dated]
    if position.page is not None:
        parts.append(f"p. {position.page}")
    parts.append(f"¶ {position.paragraph}")
    if meta.url:
        parts.append(meta.url)
    source = ", ".join(part for part in parts if part)
    return f"“{quote}” — {source} ({document.id})"
