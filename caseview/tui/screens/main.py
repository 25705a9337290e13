"""The main screen: search bar, the five panes, the status line and the footer.

It composes the panes, runs the slow work (indexing, extraction, searching, reading a document) in
thread workers that report back with messages, and routes ``enter`` on a row to the reader. At
narrow sizes (80×24) the panes become tabs: only the active one is shown.
"""

from __future__ import annotations

import time

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Resize
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Tab, Tabs
from textual.worker import get_current_worker

from caseview.search import IndexBusy, QuerySyntaxError, check_query
from caseview.tui.features import Extraction, FeatureUnavailable, SpanRef, WorkspaceFeatures
from caseview.tui.keys import PANE_TITLES, PANES, Scope, bindings
from caseview.tui.messages import (
    CaseFileLoaded, DocumentFailed, DocumentLoaded, ExtractionReady, ExtractionUnavailable, IndexProgress, IndexReady,
    SearchFailed, SearchFinished,
)
from caseview.tui.screens.help import HelpScreen
from caseview.tui.trail import Mark, Trail
from caseview.tui.widgets.key_bar import KeyBar
from caseview.tui.widgets.pane import Pane
from caseview.tui.widgets.panes import CasePane, EntitiesPane, EventsPane, SourcesPane, source_rows
from caseview.tui.widgets.reader import ReaderPane
from caseview.tui.widgets.row_list import RowList
from caseview.tui.widgets.search_bar import SearchBar, SearchInput
from caseview.tui.widgets.status_line import StatusLine
from caseview.workspace import UnknownDocument, Workspace

#: Below this width (or height) the panes become tabs.
NARROW_WIDTH = 100
NARROW_HEIGHT = 20
#: Documents listed per search (each costs the highlighting of its text).
SEARCH_LIMIT = 20
#: Pause after the last keystroke before a search runs by itself (enter runs it at once).
SEARCH_DEBOUNCE_S = 0.2
#: At most this often the indexing progress is reported to the screen.
PROGRESS_INTERVAL_S = 0.1


class MainScreen(Screen[None]):
    BINDINGS = bindings(Scope.EVERYWHERE)
    AUTO_FOCUS = None

    active_pane: reactive[str] = reactive("sources", init=False, repaint=False)

    def __init__(self, workspace: Workspace, features: WorkspaceFeatures) -> None:
        super().__init__()
        self.workspace = workspace
        self.features = features
        self.extraction: Extraction | None = None
        self.doc_titles: dict[str, str] = {}
        self.index_ready = False
        self._search_timer: Timer | None = None
        self._focus_results_when_ready = False

    # -- composition and layout ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield SearchBar(id="search-bar")
        yield Tabs(*(Tab(f"{n} {PANE_TITLES[p]}", id=f"tab-{p}") for n, p in enumerate(PANES, 1)), id="pane-tabs")
        with Horizontal(id="panes"):
            yield SourcesPane(id="pane-sources")
            yield ReaderPane(id="pane-reader")
            with Vertical(id="side"):
                yield EntitiesPane(id="pane-entities")
                yield EventsPane(id="pane-events")
                yield CasePane(id="pane-case")
        yield StatusLine(self.workspace.root.name, id="status")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one(Tabs).can_focus = False
        self._apply_layout(self.size)
        self.pane("sources").focus_primary()
        self.refresh_index()

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size)

    def _apply_layout(self, size: Size) -> None:
        narrow = size.width < NARROW_WIDTH or size.height < NARROW_HEIGHT
        if narrow != self.narrow:
            self.set_class(narrow, "-narrow")
            self._show_active_pane()

    @property
    def narrow(self) -> bool:
        return self.has_class("-narrow")

    def pane(self, name: str) -> Pane:
        return self.query_one(f"#pane-{name}", Pane)

    @property
    def reader(self) -> ReaderPane:
        return self.query_one(ReaderPane)

    @property
    def sources(self) -> SourcesPane:
        return self.query_one(SourcesPane)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def watch_active_pane(self) -> None:
        if self.narrow:  # side by side, every pane shows anyway: restyling them would only cost time
            self._show_active_pane()

    def _show_active_pane(self) -> None:
        """Show the active pane (and its tab); at narrow sizes the others are hidden by the CSS."""
        for name in PANES:
            self.pane(name).set_class(name == self.active_pane, "-active")
        self.query_one("#side").set_class(self.active_pane in ("entities", "events", "case"), "-has-active")
        tabs = self.query_one(Tabs)
        if tabs.active != f"tab-{self.active_pane}":
            tabs.active = f"tab-{self.active_pane}"

    def _pane_of(self, widget: Widget) -> Pane | None:
        for node in (widget, *widget.ancestors):
            if isinstance(node, Pane):
                return node
        return None

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        pane = self._pane_of(event.widget)
        if pane is not None:
            self.active_pane = pane.PANE

    @on(Tabs.TabActivated, "#pane-tabs")
    def _tab_clicked(self, event: Tabs.TabActivated) -> None:
        name = (event.tab.id or "").removeprefix("tab-")
        if name in PANES and name != self.active_pane:
            self.action_focus_pane(name)

    # -- actions ------------------------------------------------------------------------------
    def action_focus_pane(self, name: str) -> None:
        self.active_pane = name
        self.call_after_refresh(self.pane(name).focus_primary)

    def action_cycle_pane(self, delta: int) -> None:
        focused = self.focused
        current = self._pane_of(focused) if focused is not None else None
        start = PANES.index(current.PANE if current else self.active_pane)
        self.action_focus_pane(PANES[(start + delta) % len(PANES)] if current else self.active_pane)

    def action_focus_search(self) -> None:
        self.search_bar.input.focus()

    def action_show_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_reindex(self) -> None:
        self.status.change(index="updating…", index_busy=True)
        self.refresh_index()

    def action_clear_search(self) -> None:
        self.search_bar.input.value = ""
        self.search_bar.clear_error()
        self.sources.show_sources()
        self.action_focus_pane("sources")

    def action_step_mark(self, delta: int) -> None:
        trail = self.reader.trail
        if trail is None or not trail.marks:
            self.notify("Nothing to step through: search, or open an entity or an event", severity="warning")
            return
        moved = trail.step(delta)
        if (delta > 0 and moved.position < trail.position) or (delta < 0 and moved.position > trail.position):
            self.notify(f"Wrapped around to {moved.kind} {moved.position + 1} of {len(moved.marks)}", timeout=2)
        mark = moved.current
        assert mark is not None
        if mark.doc_id == self.reader.document_id:
            self.reader.set_trail(moved)
        else:
            self.load_document(mark.doc_id, moved, True)

    def action_toggle_mentions(self) -> None:
        self.reader.mentions_visible = not self.reader.mentions_visible

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step_mark":
            trail = self.reader.trail if self.is_mounted else None
            return bool(trail and len(trail.marks) > 0)
        if action == "toggle_mentions":
            return self.extraction is not None
        if action == "clear_search":
            return self.sources.showing_results if self.is_mounted else False
        return True

    # -- indexing -----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="index")
    def refresh_index(self) -> None:
        last_report = 0.0

        def progress(done: int, total: int, current: str) -> None:
            nonlocal last_report
            now = time.monotonic()
            if done >= total or now - last_report >= PROGRESS_INTERVAL_S:
                last_report = now
                self.post_message(IndexProgress(done, total, current))

        report = None
        problem = None
        try:
            report = self.workspace.refresh(progress)
        except IndexBusy as error:
            problem = f"{error}; searching the index as it is"
        except Exception as error:  # noqa: BLE001 - say what went wrong and keep the app usable
            problem = f"could not update the index: {type(error).__name__}: {error}"
        documents = self.workspace.documents()
        rows = source_rows(documents, self.features.annotation_counts())
        self.post_message(IndexReady(report, documents, rows, self.features.needs_review_count(), problem))

    def on_index_progress(self, message: IndexProgress) -> None:
        percent = f" ({message.done * 100 // message.total}%)" if message.total else ""
        self.status.change(index=f"indexing {message.done:,}/{message.total:,}{percent}", index_busy=True)

    def on_index_ready(self, message: IndexReady) -> None:
        self.index_ready = True
        self.doc_titles = {info.id: info.title or info.id for info in message.documents}
        self.sources.set_documents(message.rows, empty=message.problem)
        report = message.report
        if message.problem:
            state = message.problem
        elif report is not None and (report.indexed or report.removed):
            changed = len(report.indexed) + len(report.removed)
            state = f"up to date ({changed:,} updated)"
        else:
            state = "up to date"
        self.status.change(
            documents=len(message.documents), index=state, index_busy=bool(message.problem),
            needs_review=message.needs_review, warnings=len(report.skipped) if report else 0,
        )
        if report is not None and report.rebuilt_reason:
            self.notify(report.rebuilt_reason, title="Search index", markup=False)
        if message.problem:
            self.notify(message.problem, title="Search index", severity="warning", markup=False)
        if report is not None and report.skipped:
            listed = "\n".join(str(warning) for warning in report.skipped[:3])
            more = f"\n… and {len(report.skipped) - 3} more" if len(report.skipped) > 3 else ""
            self.notify(listed + more, title=f"{len(report.skipped)} files skipped", severity="warning", markup=False)
        self.status.change(extraction="extracting…" if self.features.has_extraction else "n/a")
        self.load_extraction()
        self.load_case_file()

    # -- extraction and case file --------------------------------------------------------------
    @work(thread=True, exclusive=True, group="extract")
    def load_extraction(self) -> None:
        try:
            extraction = self.features.load_extraction()
        except FeatureUnavailable as error:
            self.post_message(ExtractionUnavailable(f"{error}; the entities and events panes fill in when it is."))
            return
        except Exception as error:  # noqa: BLE001 - a failing extractor must not take the app down
            self.post_message(ExtractionUnavailable(f"extraction failed: {type(error).__name__}: {error}"))
            return
        self.post_message(ExtractionReady(extraction))

    def on_extraction_ready(self, message: ExtractionReady) -> None:
        extraction = message.extraction
        self.extraction = extraction
        self.query_one(EntitiesPane).set_entities(extraction.entities)
        self.query_one(EventsPane).set_events(extraction.events, self.doc_titles)
        if self.reader.document_id:
            self.reader.set_mentions(extraction.mentions_by_doc.get(self.reader.document_id, ()))
        self.status.change(extraction=f"{len(extraction.entities):,} · events {len(extraction.events):,}")
        self.refresh_bindings()

    def on_extraction_unavailable(self, message: ExtractionUnavailable) -> None:
        self.query_one(EntitiesPane).set_unavailable(message.reason)
        self.query_one(EventsPane).set_unavailable(message.reason)
        self.status.change(extraction="n/a")

    @work(thread=True, exclusive=True, group="case")
    def load_case_file(self) -> None:
        try:
            self.post_message(CaseFileLoaded(self.features.case_rows()))
        except FeatureUnavailable as error:
            self.post_message(CaseFileLoaded(None, f"{error}; it comes with annotations and the case file."))

    def on_case_file_loaded(self, message: CaseFileLoaded) -> None:
        case = self.query_one(CasePane)
        if message.rows is None:
            case.set_unavailable(message.reason or "")
        else:
            case.set_items(message.rows)

    # -- searching ----------------------------------------------------------------------------
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
        except Exception as error:  # noqa: BLE001 - a failing search is reported in the bar, not a crash
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

    # -- opening things -----------------------------------------------------------------------
    @on(RowList.Opened)
    def _row_opened(self, event: RowList.Opened) -> None:
        event.stop()
        list_id = event.row_list.id
        if list_id == "sources-list":
            self.open_document(event.key, None)
        elif list_id == "results-list":
            self._open_result(event.key)
        elif list_id == "entities-list":
            self._open_entity(event.key)
        elif list_id == "mentions-list":
            self._open_mention(int(event.key))
        elif list_id == "events-list":
            self._open_event(event.key)
        elif list_id == "case-list":
            self.notify("Opening case file items comes with part 2 of the app", severity="information")

    def _open_result(self, doc_id: str) -> None:
        results = self.sources.results
        hit = next((hit for hit in results.hits if hit.doc_id == doc_id), None) if results else None
        if hit is None:
            return
        marks = tuple(Mark(doc_id, match.start, match.end) for match in hit.matches)
        trail = Trail("hit", results.query, marks) if marks else None  # type: ignore[union-attr]
        if trail is None and hit.matched_fields:
            self.notify(f"Matched in {', '.join(hit.matched_fields)}, not in the text", timeout=3, markup=False)
        self.open_document(doc_id, trail)

    def _open_entity(self, entity_id: str) -> None:
        entity = self.extraction.entity(entity_id) if self.extraction else None
        if entity is None or not entity.mentions:
            return
        self.query_one(EntitiesPane).show_mentions(entity, self.doc_titles)
        marks = tuple(Mark(m.doc_id, m.start, m.end) for m in entity.mentions)
        self.open_document(marks[0].doc_id, Trail("mention", entity.name, marks))

    def _open_mention(self, index: int) -> None:
        trail = self.reader.trail
        if trail is None or trail.kind != "mention" or not 0 <= index < len(trail.marks):
            return
        moved = trail.at(index)
        mark = moved.current
        assert mark is not None
        if mark.doc_id == self.reader.document_id:
            self.reader.set_trail(moved)
            self.action_focus_pane("reader")
        else:
            self.load_document(mark.doc_id, moved, True)

    def _open_event(self, event_id: str) -> None:
        event = self.extraction.event(event_id) if self.extraction else None
        if event is None:
            return
        label = f"{event.action}: {event.time_text}" if event.time_text else event.action or "event"
        self.open_document(event.doc_id, Trail("evidence", label, (Mark(event.doc_id, event.start, event.end),)))

    def open_document(self, doc_id: str, trail: Trail | None, focus_reader: bool = True) -> None:
        """Show ``doc_id`` in the reader (read in a worker), at the trail's current mark."""
        if doc_id == self.reader.document_id:
            self.reader.set_trail(trail)
            if focus_reader:
                self.action_focus_pane("reader")
            return
        self.load_document(doc_id, trail, focus_reader)

    @work(thread=True, exclusive=True, group="open")
    def load_document(self, doc_id: str, trail: Trail | None, focus_reader: bool) -> None:
        try:
            document = self.workspace.document(doc_id)
        except (UnknownDocument, OSError) as error:
            self.post_message(DocumentFailed(doc_id, str(error)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(DocumentLoaded(document, trail, focus_reader))

    def on_document_loaded(self, message: DocumentLoaded) -> None:
        self.reader.show_document(message.document, message.trail, self._mentions_in(message.document.id))
        self.refresh_bindings()
        if message.focus_reader:
            self.action_focus_pane("reader")

    def on_document_failed(self, message: DocumentFailed) -> None:
        self.notify(message.reason, title="Cannot open", severity="error", markup=False)

    def _mentions_in(self, doc_id: str) -> tuple[SpanRef, ...] | None:
        if self.extraction is None:
            return None
        return self.extraction.mentions_by_doc.get(doc_id, ())
