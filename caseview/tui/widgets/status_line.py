"""The status line: corpus size, index state, extraction state, annotations needing review and, with a
team server, whether it is reachable (``team: connected as ROLE`` or how many changes wait locally)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypedDict, Unpack

from textual.content import Content
from textual.widgets import Static

from caseview.tui.render import MUTED, one_line


@dataclass(frozen=True)
class StatusState:
    corpus: str
    documents: int | None = None
    index: str = "opening…"
    index_busy: bool = True
    extraction: str = "entities: waiting"
    needs_review: int | None = None
    warnings: int = 0
    #: The team server's state (empty without one); ``team_ok`` False shows it as a warning.
    team: str = ""
    team_ok: bool = True


class StatusChange(TypedDict, total=False):
    """The parts of :class:`StatusState` a change may set (by keyword)."""

    documents: int | None
    index: str
    index_busy: bool
    extraction: str
    needs_review: int | None
    warnings: int
    team: str
    team_ok: bool


def status_content(state: StatusState) -> Content:
    """``seeds │ 5 docs │ index up to date │ 42 entities · 114 events │ 0 to review`` (fits 80 columns)."""
    parts: list[Content] = [Content(one_line(state.corpus)).stylize("bold")]
    if state.team:  # second: whether shared work reaches the server must never be cut off
        parts.append(Content(one_line(state.team)).stylize("$text-success" if state.team_ok else "bold $text-warning"))
    if state.documents is not None:
        parts.append(Content(f"{state.documents:,} doc{'s' if state.documents != 1 else ''}"))
    index_style = "$text-warning" if state.index_busy else "$text-success"
    parts.append(Content.assemble(Content("index ").stylize(MUTED), Content(state.index).stylize(index_style)))
    parts.append(Content(state.extraction))
    review = "–" if state.needs_review is None else f"{state.needs_review:,}"
    review_style = "bold $text-warning" if state.needs_review else ""
    parts.append(Content.assemble(Content(review).stylize(review_style), Content(" to review").stylize(MUTED)))
    if state.warnings:
        parts.append(
            Content(f"{state.warnings} file{'s' if state.warnings != 1 else ''} skipped").stylize("$text-warning")
        )
    return Content(" │ ").join(parts)


class StatusLine(Static):
    """One line at the bottom; updated by the screen from worker messages."""

    def __init__(self, corpus: str, *, id: str | None = None) -> None:
        self.state = StatusState(corpus=corpus)
        super().__init__(status_content(self.state), id=id, markup=False)

    def change(self, **changes: Unpack[StatusChange]) -> None:
        self.state = replace(self.state, **changes)
        self.update(status_content(self.state), layout=False)
