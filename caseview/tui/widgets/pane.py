"""The frame every pane shares: a numbered title, a primary widget that takes the focus, the workspace,
and the one way a pane changes the analyst's work (:meth:`Pane.run_change`)."""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget

from caseview.tui.keys import PANE_TITLES, PANES
from caseview.tui.messages import ChangeDone, ChangeFailed, FocusPane
from caseview.tui.render import MUTED, one_line
from caseview.tui.widgets.row_list import RowList
from caseview.tui.workers import start_worker
from caseview.workspace import Workspace


class Pane(Vertical):
    """A titled, numbered pane; ``focus_primary`` puts the focus on its main widget."""

    DEFAULT_CLASSES = "pane"
    PANE = ""

    def __init__(self, workspace: Workspace, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.workspace = workspace

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

    def ask_focus(self) -> None:
        """Ask the screen to bring this pane forward and focus it (at 80×24 it may be a hidden tab)."""
        self.post_message(FocusPane(self.PANE))

    def run_change(self, title: str, change: Callable[[], ChangeDone]) -> None:
        """Run ``change`` (a call of the workspace) in a worker; it ends in ChangeDone or ChangeFailed.

        ``title`` heads the notice when it fails ("Cannot grade"); the workspace's errors are
        one-line messages meant for the analyst, so they are shown as they are.
        """

        def job() -> None:
            try:
                done = change()
            except Exception as error:
                self.post_message(ChangeFailed(title, str(error)))
                return
            self.post_message(done)

        start_worker(self, job, name=title[0].lower() + title[1:], group="changes")
