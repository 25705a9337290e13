"""Event flags (``!`` in the events pane): pairs of events from different documents worth comparing —
a contradiction, a development, numbers that differ — with the two passages side by side.

Enter opens the left passage in the reader (``n`` then goes to the right one). Flags are a hint, not
a verdict: the analyst reads both and decides.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from caseview.tui.flag_rows import FlaggedPassage, FlagRow, flag_rows
from caseview.tui.keys import Scope, bindings
from caseview.tui.list_rows import ListRow
from caseview.tui.messages import FlagsLoaded
from caseview.tui.render import MUTED, one_line
from caseview.tui.trail import Mark, Trail
from caseview.tui.widgets.key_bar import KeyBar
from caseview.tui.widgets.row_list import RowList
from caseview.tui.workers import start_worker
from caseview.workspace import Workspace

KIND_STYLE = {"contradiction": "bold $text-error", "development": "bold $text-warning"}


def flag_prompt(row: FlagRow) -> Content:
    return Content.assemble(
        Content(row.kind).stylize(KIND_STYLE.get(row.kind, "bold $text-accent")),
        Content(f"  {one_line(row.first.title)[:40]} ↔ {one_line(row.second.title)[:40]}").stylize(MUTED),
    )


def passage_panel(side: FlaggedPassage) -> Content:
    return Content.assemble(
        Content(one_line(side.title)).stylize("bold"),
        "\n",
        Content(" · ".join(p for p in (side.published, side.action, side.place.doc_id) if p)).stylize(MUTED),
        "\n\n",
        Content(f"“{one_line(side.place.text)}”"),
    )


class EventFlagsScreen(Screen["Trail | None"]):
    """The flags on top, the highlighted flag's two passages side by side below."""

    BINDINGS = bindings(Scope.FLAGS)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.rows: list[FlagRow] = []

    def compose(self) -> ComposeResult:
        yield Static(Content("Event flags").stylize("bold"), id="flags-title", markup=False)
        with Vertical(id="flags-body"):
            yield RowList(id="flags-list", empty="Reading the flags…")
            yield Static("", id="flags-reason", markup=False)
            with Horizontal(id="flags-pair"):
                with VerticalScroll(classes="flag-side"):
                    yield Static("", id="flag-left", markup=False)
                with VerticalScroll(classes="flag-side"):
                    yield Static("", id="flag-right", markup=False)
        yield KeyBar(id="flags-keys")

    def on_mount(self) -> None:
        self.query_one("#flags-list", RowList).focus_list()
        workspace = self.workspace

        def job() -> None:
            extraction = workspace.extraction()
            documents = workspace.documents()
            titles = {info.id: info.title for info in documents}
            dates = {info.id: info.published_label for info in documents}
            self.post_message(FlagsLoaded(flag_rows(extraction, titles, dates)))

        start_worker(self, job, name="read the event flags", group="flags", exclusive=True)

    def on_flags_loaded(self, message: FlagsLoaded) -> None:
        self.rows = list(message.rows)
        listing = self.query_one("#flags-list", RowList)
        listing.set_empty("No flags: no two documents' events look worth comparing")
        listing.set_rows([ListRow(key=row.key, prompt=flag_prompt(row), filter_text=row.reason) for row in self.rows])
        count = len(self.rows)
        self.query_one("#flags-title", Static).update(
            Content.assemble(
                Content("Event flags").stylize("bold"),
                Content(f"  {count} pair{'s' if count != 1 else ''} to compare · a hint, not a verdict").stylize(MUTED),
            )
        )
        self._show_pair()

    @property
    def current(self) -> FlagRow | None:
        key = self.query_one("#flags-list", RowList).highlighted_key
        return next((row for row in self.rows if row.key == key), None)

    def _show_pair(self) -> None:
        row = self.current
        self.query_one("#flags-reason", Static).update(Content(one_line(row.reason) if row else "").stylize(MUTED))
        self.query_one("#flag-left", Static).update(passage_panel(row.first) if row else "")
        self.query_one("#flag-right", Static).update(passage_panel(row.second) if row else "")

    @on(RowList.Highlighted, "#flags-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._show_pair()

    @on(RowList.Opened, "#flags-list")
    def _opened(self, event: RowList.Opened) -> None:
        """Enter: the left passage in the reader; n goes to the right one."""
        event.stop()
        row = self.current
        if row is None:
            return
        marks = tuple(Mark(side.place.doc_id, side.place.start, side.place.end) for side in (row.first, row.second))
        self.dismiss(Trail("evidence", row.kind, marks))

    def action_close(self) -> None:
        self.dismiss(None)
