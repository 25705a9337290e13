"""Searching from the main screen: the query line, the search worker and the results list."""

from __future__ import annotations

from textual import on, work
from textual.widgets import Input
from textual.worker import get_current_worker

from caseview.search import QuerySyntaxError, check_query
from caseview.tui.messages import SearchFailed, SearchFinished
from caseview.tui.screens.base import MainScreenBase
from caseview.tui.widgets.search_bar import SearchInput

#: Documents listed per search (each costs the highlighting of its text).
SEARCH_LIMIT = 20
#: Pause after the last keystroke before a search runs by itself (enter runs it at once).
SEARCH_DEBOUNCE_S = 0.2


class Searching(MainScreenBase):
    """Runs queries as the analyst types (and at once on enter), shows results or what is wrong."""

    def action_focus_search(self) -> None:
        self.search_bar.input.focus()

    def action_clear_search(self) -> None:
        self.search_bar.input.value = ""
        self.search_bar.clear_error()
        self.sources.show_sources()
        self.action_focus_pane("sources")

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        if not event.value.strip():
            self.search_bar.clear_error()
            return
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE_S, lambda: self._start_search(event.value))

    @on(SearchInput.ShowResults)
    def _show_results(self) -> None:
        query = self.search_bar.query_text
        if not query.strip():
            self.action_clear_search()
            return
        results = self.sources.results
        if results is not None and results.query == query and self.sources.showing_results:
            self._focus_results()
            return
        self._focus_results_when_ready = True
        self._start_search(query)

    @on(SearchInput.Leave)
    def _leave_search(self) -> None:
        self.action_focus_pane(self.active_pane)

    def _start_search(self, query: str) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
            self._search_timer = None
        if query != self.search_bar.query_text:
            return
        try:
            check_query(query)
        except QuerySyntaxError as error:
            self._focus_results_when_ready = False
            self.search_bar.show_error(error.message, error.column)
            return
        self.run_search(query)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        try:
            results = self.workspace.search(query, limit=SEARCH_LIMIT)
        except QuerySyntaxError as error:
            self.post_message(SearchFailed(query, error.message, error.column))
            return
        except Exception as error:
            self.post_message(SearchFailed(query, f"the search failed: {type(error).__name__}: {error}", None))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(SearchFinished(query, results))

    def on_search_finished(self, message: SearchFinished) -> None:
        if message.query != self.search_bar.query_text:
            return  # the analyst typed on; a newer search is coming
        self.search_bar.clear_error()
        self.sources.show_results(message.results)
        if self._focus_results_when_ready:
            self._focus_results_when_ready = False
            self._focus_results()
        elif self.narrow and self.active_pane != "sources":
            self.active_pane = "sources"

    def on_search_failed(self, message: SearchFailed) -> None:
        if message.query == self.search_bar.query_text:
            self._focus_results_when_ready = False
            self.search_bar.show_error(message.message, message.column)

    def _focus_results(self) -> None:
        self.action_focus_pane("sources")
