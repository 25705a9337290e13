"""The search bar: the query line and, under it, what is wrong with the query (if anything).

It runs the searches itself: as the analyst types (after a short pause) and at once on enter, in
an exclusive worker (a newer search cancels a stale one); the results go to the screen in
:class:`~caseview.tui.messages.SearchFinished`, which shows them in the sources pane.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label, Static
from textual.worker import get_current_worker

from caseview.search import QuerySyntaxError, check_query
from caseview.tui.immediate import handle_in_order
from caseview.tui.keys import Scope, bindings
from caseview.tui.messages import SearchFailed, SearchFinished
from caseview.tui.render import MUTED
from caseview.tui.workers import start_worker
from caseview.workspace import Workspace

#: Documents listed per search (each costs the highlighting of its text).
SEARCH_LIMIT = 20
#: Pause after the last keystroke before a search runs by itself (enter runs it at once).
SEARCH_DEBOUNCE_S = 0.2

PLACEHOLDER = '/ to search: supply chain risk · "exact phrase" · Bessent~ · secur* · title: outlet: entity: tag: note:'


class SearchInput(Input):
    BINDINGS = bindings(Scope.SEARCH)

    class ShowResults(Message):
        """Enter (or ↓): the analyst wants the results of what is typed."""

    class Leave(Message):
        """Escape: back to where the analyst was."""

    async def on_key(self, event: events.Key) -> None:
        await handle_in_order(self, event)  # enter / escape move on only after what was typed before them

    def action_show_results(self) -> None:
        self.post_message(self.ShowResults())

    def action_leave(self) -> None:
        self.post_message(self.Leave())


class SearchBar(Vertical):
    """Query input plus an inline error line; runs the searches."""

    def __init__(self, workspace: Workspace, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.workspace = workspace
        self._timer: Timer | None = None
        #: Whether the results of the search under way should get the focus (enter was pressed).
        self.focus_when_ready = False

    def compose(self) -> ComposeResult:
        with Horizontal(classes="search-line"):
            yield Label(Content("Search ").stylize("bold"), classes="search-label")
            yield SearchInput(placeholder=PLACEHOLDER, compact=True, id="search-input")
        yield Static("", classes="search-error", markup=False)

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    @property
    def query_text(self) -> str:
        return self.input.value

    def show_error(self, message: str, column: int | None) -> None:
        """Show why the query cannot run, pointing at the column (1-based) when known."""
        where = f"column {column}: " if column else ""
        line = Content.assemble(Content("✗ bad query ").stylize("bold $text-error"), Content(f"{where}{message}"))
        if column:
            query = self.query_text
            pointer = Content.assemble(
                Content("  "),
                Content(query[: column - 1]).stylize(MUTED),
                Content(query[column - 1 : column] or " ").stylize("bold reverse $text-error"),
                Content(query[column:]).stylize(MUTED),
            )
            line = Content.assemble(line, "  ", pointer)
        error = self.query_one(".search-error", Static)
        error.update(line)
        error.display = True
        self.add_class("-error")

    def clear_error(self) -> None:
        if not self.has_class("-error"):
            return
        error = self.query_one(".search-error", Static)
        error.update("")
        error.display = False
        self.remove_class("-error")

    @property
    def error_text(self) -> str:
        return str(self.query_one(".search-error", Static).render()) if self.has_class("-error") else ""

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()  # enter is handled by the binding; never let a submit bubble

    def clear(self) -> None:
        self.input.value = ""
        self.clear_error()

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        if not event.value.strip():
            self.clear_error()
            return
        query = event.value
        self._timer = self.set_timer(SEARCH_DEBOUNCE_S, lambda: self.search_now(query))

    def search_now(self, query: str, focus_results: bool = False) -> None:
        """Check ``query`` and run it (unless the analyst has typed on since)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if query != self.query_text:
            return
        self.focus_when_ready = self.focus_when_ready or focus_results
        try:
            check_query(query)
        except QuerySyntaxError as error:
            self.focus_when_ready = False
            self.show_error(error.message, error.column)
            return
        workspace = self.workspace

        def job() -> None:
            try:
                results = workspace.search(query, limit=SEARCH_LIMIT)
            except QuerySyntaxError as error:
                self.post_message(SearchFailed(query, error.message, error.column))
                return
            if not get_current_worker().is_cancelled:
                self.post_message(SearchFinished(query, results))

        start_worker(self, job, name=f"search for {query}", group="search", exclusive=True)

    def on_search_failed(self, message: SearchFailed) -> None:
        message.stop()
        if message.query == self.query_text:
            self.focus_when_ready = False
            self.show_error(message.message, message.column)
