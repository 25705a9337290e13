"""The rows of every list: a key, a ``Content`` prompt, the text a filter matches (pure, no widgets).

Rows are made in workers (10,000 sources take a while) and handed to :class:`~caseview.tui.widgets.row_list.RowList`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.css.styles import RulesMap


class RowContent(Content):
    """A row's content; when rows do not wrap, its height is its line count (no need to lay it out).

    Measuring 10,000 two-line rows the general way (wrapping and truncating each) takes seconds.
    """

    def get_height(self, rules: RulesMap, width: int) -> int:
        if rules.get("text_wrap", "wrap") == "nowrap":
            return self.plain.count("\n") + 1
        return super().get_height(rules, width)


@dataclass(frozen=True)
class ListRow:
    """One row: ``key`` identifies it to the pane, ``filter_text`` is what type-to-filter matches."""

    key: str
    prompt: Content
    filter_text: str = ""
    header: bool = False
    group: str | None = None

    def __post_init__(self) -> None:
        if type(self.prompt) is not RowContent:
            object.__setattr__(self, "prompt", RowContent(self.prompt.plain, list(self.prompt.spans)))


def filter_rows(rows: Sequence[ListRow], query: str) -> list[ListRow]:
    """Rows whose filter text holds every word of ``query`` (case-insensitive), with their group headers."""
    words = query.casefold().split()
    if not words:
        return list(rows)
    matches = [not row.header and all(word in row.filter_text.casefold() for word in words) for row in rows]
    groups = {row.group for row, matched in zip(rows, matches, strict=False) if matched}
    return [row for row, matched in zip(rows, matches, strict=False) if matched or (row.header and row.group in groups)]
