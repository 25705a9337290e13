"""The search bar: the query line and, under it, what is wrong with the query (if anything)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static

from caseview.tui.keys import Scope, bindings
from caseview.tui.render import MUTED

PLACEHOLDER = '/ to search: supply chain risk · "exact phrase" · Bessent~ · secur* · title: outlet: entity: tag: note:'


class SearchInput(Input):
    BINDINGS = bindings(Scope.SEARCH)

    class ShowResults(Message):
        """Enter (or ↓): the analyst wants the results of what is typed."""

    class Leave(Message):
        """Escape: back to where the analyst was."""

    def action_show_results(self) -> None:
        self.post_message(self.ShowResults())

    def action_leave(self) -> None:
        self.post_message(self.Leave())


class SearchBar(Vertical):
    """Query input plus an inline error line; the screen runs the searches."""

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
