"""The frame every pane shares: a numbered title and a primary widget that takes the focus."""

from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget

from caseview.tui.keys import PANE_TITLES, PANES
from caseview.tui.render import MUTED, one_line
from caseview.tui.widgets.row_list import RowList


class Pane(Vertical):
    """A titled, numbered pane; ``focus_primary`` puts the focus on its main widget."""

    DEFAULT_CLASSES = "pane"
    PANE = ""

    def on_mount(self) -> None:
        self.set_title()

    def set_title(self, detail: str | None = None) -> None:
        number = PANES.index(self.PANE) + 1
        title = Content.assemble(Content(f"{number} ").stylize("$text-accent"), PANE_TITLES[self.PANE])
        if detail:
            title = Content.assemble(title, Content(" · " + one_line(detail)).stylize(MUTED))
        self.border_title = title

    def primary(self) -> Widget:
        raise NotImplementedError

    def focus_primary(self) -> None:
        widget = self.primary()
        if isinstance(widget, RowList):
            widget.focus_list()
        else:
            widget.focus()
