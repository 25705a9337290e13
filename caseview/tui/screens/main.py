"""The main screen: search bar, the five panes, the status line and the key bar.

It composes the panes, moves the focus between them and routes messages: what a worker or a pane
posts (documents indexed, entities extracted, a row opened, a change done) is handed here to the
panes that show it. The behaviour is in the panes (:mod:`caseview.tui.widgets.panes`) and in the
non-visual hosts (indexing, the folder watcher, undo history). At narrow sizes (80×24) the panes
become tabs: only the active one is shown.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Resize
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Tab, Tabs

from caseview.kernel.textsafe import one_line
from caseview.kernel.words import plural
from caseview.provenance.counting import OriginIndex
from caseview.tui.gc_policy import CollectorPolicy
from caseview.tui.keys import PANE_TITLES, PANES, Scope, bindings
from caseview.tui.messages import (
    ChangeDone,
    ChangeFailed,
    ExtractionProgress,
    ExtractionReady,
    ExtractionUnavailable,
    FocusPane,
    IndexProgress,
    IndexReady,
    OpenComparison,
    OpenInReader,
    OutsideChanges,
    ProvenanceReady,
    ReviewCount,
    SearchFinished,
    SearchFor,
    ShowFlags,
    ShowProfile,
    TeamChanged,
)
from caseview.tui.progress_text import index_progress
from caseview.tui.screens.codebook import CodebookPlace, CodebookScreen
from caseview.tui.screens.compare import CompareScreen
from caseview.tui.screens.entity_profile import EntityProfileScreen
from caseview.tui.screens.event_flags import EventFlagsScreen
from caseview.tui.screens.help import HelpScreen
from caseview.tui.screens.review import ReviewPlace, ReviewScreen
from caseview.tui.settings import Settings
from caseview.tui.trail import Mark, Trail
from caseview.tui.widgets.history import History
from caseview.tui.widgets.indexing import Indexer
from caseview.tui.widgets.key_bar import KeyBar
from caseview.tui.widgets.pane import Pane
from caseview.tui.widgets.panes.case import CasePane
from caseview.tui.widgets.panes.entities import EntitiesPane
from caseview.tui.widgets.panes.events import EventsPane
from caseview.tui.widgets.panes.reader import ReaderPane
from caseview.tui.widgets.panes.sources import SourcesPane
from caseview.tui.widgets.provenance import ProvenanceTracer
from caseview.tui.widgets.search_bar import SearchBar, SearchInput
from caseview.tui.widgets.status_line import StatusLine
from caseview.tui.widgets.watcher import Watcher
from caseview.tui.workers import start_worker
from caseview.workspace import Workspace
from caseview.workspace.file_events import start_file_events

#: Below this width (or height) the panes become tabs.
NARROW_WIDTH = 100
NARROW_HEIGHT = 20
#: The sources column's width in percent of the screen (``<`` / ``>``), its bounds and step (issue 13).
SPLIT_MIN, SPLIT_MAX, SPLIT_STEP = 15, 60, 5
EXTRACTION_OFF = "entity extraction is turned off for this window"


class MainScreen(Screen[None]):
    """Search bar, five panes, status line and key bar; the panes become tabs on small terminals."""

    BINDINGS = bindings(Scope.EVERYWHERE)
    AUTO_FOCUS = None

    #: The pane the analyst is in (the one shown when the panes are tabs).
    active_pane: reactive[str] = reactive("sources", init=False, repaint=False)

    def __init__(self, workspace: Workspace, settings: Settings) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.collector = CollectorPolicy(settings.gc_policy)
        self.index_ready = False
        #: The sources column's width in percent, when the analyst set one (``<`` / ``>``) on this corpus.
        self.sources_width: int | None = None

    # -- composition and layout ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        workspace = self.workspace
        yield SearchBar(workspace, id="search-bar")
        yield Tabs(*(Tab(f"{n} {PANE_TITLES[p]}", id=f"tab-{p}") for n, p in enumerate(PANES, 1)), id="pane-tabs")
        with Horizontal(id="panes"):
            yield SourcesPane(workspace, id="pane-sources")
            yield ReaderPane(workspace, self.collector, id="pane-reader")
            with Vertical(id="side"):
                yield EntitiesPane(workspace, id="pane-entities")
                yield EventsPane(workspace, id="pane-events")
                yield CasePane(workspace, id="pane-case")
        yield StatusLine(workspace.root.name, id="status")
        yield KeyBar(id="keys")
        yield Indexer(workspace, self.collector)
        yield Watcher(
            workspace, self.settings.watch_interval, start_file_events if self.settings.watch_events else None
        )
        yield History(workspace)
        yield ProvenanceTracer(workspace)

    def on_mount(self) -> None:
        self.query_one(Tabs).can_focus = False
        saved = self.workspace.view_state.get("sources_width", 0)
        self.sources_width = saved if SPLIT_MIN <= saved <= SPLIT_MAX else None
        self._apply_layout(self.size)
        self._apply_split()
        self.pane("sources").focus_primary()
        self.indexer.refresh_index()
        self.watcher.start()

    def pane(self, name: str) -> Pane:
        return self.query_one(f"#pane-{name}", Pane)

    @property
    def sources(self) -> SourcesPane:
        return self.query_one(SourcesPane)

    @property
    def reader(self) -> ReaderPane:
        return self.query_one(ReaderPane)

    @property
    def entities(self) -> EntitiesPane:
        return self.query_one(EntitiesPane)

    @property
    def events(self) -> EventsPane:
        return self.query_one(EventsPane)

    @property
    def case(self) -> CasePane:
        return self.query_one(CasePane)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def indexer(self) -> Indexer:
        return self.query_one(Indexer)

    @property
    def watcher(self) -> Watcher:
        return self.query_one(Watcher)

    @property
    def narrow(self) -> bool:
        """Whether the panes are shown as tabs (small terminals)."""
        return self.has_class("-narrow")

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size)

    def _apply_layout(self, size: Size) -> None:
        narrow = size.width < NARROW_WIDTH or size.height < NARROW_HEIGHT
        if narrow != self.narrow:
            self.set_class(narrow, "-narrow")
            self._show_active_pane()
            self._apply_split()

    @property
    def zoomed(self) -> bool:
        """Whether the active pane fills the screen (``z``)."""
        return self.has_class("-zoomed")

    def watch_active_pane(self) -> None:
        if self.narrow or self.zoomed:  # side by side, every pane shows anyway: restyling would only cost time
            self._show_active_pane()

    # -- issue 13: zoom and the column split ------------------------------------------------------
    def action_zoom_pane(self) -> None:
        self.set_class(not self.zoomed, "-zoomed")
        self._show_active_pane()
        self._apply_split()
        self.call_after_refresh(self.pane(self.active_pane).focus_primary)

    def action_resize_split(self, delta: int) -> None:
        if self.narrow or self.zoomed:
            self.notify("One pane is shown: the columns are resized when the panes are side by side", timeout=3)
            return
        current = self.sources_width or round(100 * self.sources.size.width / max(1, self.size.width))
        width = max(SPLIT_MIN, min(SPLIT_MAX, current + delta * SPLIT_STEP))
        self.sources_width = width
        self._apply_split()
        view_state = self.workspace.view_state
        start_worker(self, lambda: view_state.set("sources_width", width), name="remember the column split")

    def _apply_split(self) -> None:
        """The analyst's column split, side by side only (tabs and zoom show one pane at full width)."""
        if not self.query("#pane-sources"):
            return  # not composed yet
        side_by_side = not (self.narrow or self.zoomed)
        width = self.sources_width
        self.sources.styles.width = f"{width}%" if side_by_side and width is not None else None

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

    # -- the keys that work everywhere ----------------------------------------------------------
    def action_focus_pane(self, name: str) -> None:
        self.active_pane = name
        self.call_after_refresh(self.pane(name).focus_primary)

    def action_cycle_pane(self, delta: int) -> None:
        focused = self.focused
        current = self._pane_of(focused) if focused is not None else None
        start = PANES.index(current.PANE if current else self.active_pane)
        self.action_focus_pane(PANES[(start + delta) % len(PANES)] if current else self.active_pane)

    def action_show_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_focus_search(self) -> None:
        self.set_focus(self.search_bar.input)  # now: the keys typed next are the query

    def action_clear_search(self) -> None:
        self.search_bar.clear()
        self.sources.show_sources()
        self.action_focus_pane("sources")

    def action_reindex(self) -> None:
        self.status.change(index="updating…", index_busy=True)
        self.indexer.refresh_index()

    def action_undo(self) -> None:
        self.query_one(History).undo()

    def action_redo(self) -> None:
        self.query_one(History).redo()

    def action_export_case(self) -> None:
        self.case.export()

    def action_show_review(self) -> None:
        self.app.push_screen(ReviewScreen(self.workspace, self.reader.selection_in), self._review_closed)

    def _review_closed(self, place: ReviewPlace | None) -> None:
        self.indexer.count_review()
        self.case.load()
        self.reader.reload_annotations()
        if place is not None:
            marks = (Mark(place.doc_id, *place.span),) if place.span else ()
            trail = Trail("passage", "review candidate", marks) if marks else None
            self.reader.open(place.doc_id, trail)

    def action_show_codebook(self) -> None:  # issue 13
        self.app.push_screen(CodebookScreen(self.workspace), self._codebook_closed)

    def _codebook_closed(self, place: CodebookPlace | None) -> None:
        """Show again what a rename or merge changed; open the passage picked, n/N through the tag's others."""
        self.reader.reload_annotations()
        if self.index_ready:
            self.sources.reload_counts()
        self.case.load()
        if place is not None:
            marks = tuple(Mark(p.doc_id, p.start, p.end) for p in place.passages)
            trail = Trail("passage", f"tagged {place.tag}", marks, place.position)
            self.reader.open(place.current.doc_id, trail)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_search":
            return self.sources.showing_results if self.is_mounted else False
        return True

    # -- routing: searching ------------------------------------------------------------------------
    @on(SearchInput.ShowResults)
    def _show_results(self) -> None:
        query = self.search_bar.query_text
        if not query.strip():
            self.action_clear_search()
            return
        results = self.sources.results
        if results is not None and results.query == query and self.sources.showing_results:
            self.action_focus_pane("sources")
            return
        self.search_bar.search_now(query, focus_results=True)

    @on(SearchInput.Leave)
    def _leave_search(self) -> None:
        self.action_focus_pane(self.active_pane)

    def on_search_finished(self, message: SearchFinished) -> None:
        search_bar = self.search_bar
        if message.query != search_bar.query_text:
            return  # the analyst typed on; a newer search is coming
        search_bar.clear_error()
        self.sources.show_results(message.results)
        if search_bar.focus_when_ready:
            search_bar.focus_when_ready = False
            self.action_focus_pane("sources")
        elif self.narrow and self.active_pane != "sources":
            self.active_pane = "sources"

    # -- routing: loading ----------------------------------------------------------------------------
    def on_index_progress(self, message: IndexProgress) -> None:
        progress = index_progress(message.done, message.total, message.current)  # with a PDF's pages (issue 15)
        self.status.change(index=progress, index_busy=True)

    def on_index_ready(self, message: IndexReady) -> None:
        first_time = not self.index_ready
        self.index_ready = True
        if message.changes is not None:
            self.sources.update_documents(message.changes)
        else:
            self.sources.set_documents(message.documents, message.rows, empty=message.problem)
        report = message.report
        self.status.change(
            documents=self.sources.document_count,
            index=message.problem or "up to date",
            index_busy=bool(message.problem),
            needs_review=message.needs_review,
            warnings=len(report.skipped) if report else 0,
        )
        if report is not None and report.rebuilt_reason:
            self.notify(report.rebuilt_reason, title="Search index", markup=False)
        if message.problem:
            self.notify(message.problem, title="Search index", severity="warning", markup=False)
        if message.damaged and first_time:  # issue 12: name each unreadable file once; the rest is open
            shown = "\n".join(one_line(line) for line in message.damaged[:3])
            more = (
                f"\n… and {len(message.damaged) - 3} more (caseview check lists them)"
                if len(message.damaged) > 3
                else ""
            )
            count = len(message.damaged)
            self.notify(
                shown + more,
                title=f"{plural(count, 'file')} cannot be read",
                severity="error",
                markup=False,
                timeout=20,
            )
        if report is not None and report.skipped:
            listed = "\n".join(str(warning) for warning in report.skipped[:3])
            more = f"\n… and {len(report.skipped) - 3} more" if len(report.skipped) > 3 else ""
            self.notify(
                listed + more, title=f"{plural(len(report.skipped), 'file')} skipped", severity="warning", markup=False
            )
        self.call_after_refresh(self.collector.freeze)  # the rows live as long as the corpus is open
        if self.settings.extraction:
            self.status.change(extraction="extracting entities…")
            self.indexer.load_extraction()
        elif first_time:
            self.on_extraction_unavailable(ExtractionUnavailable(EXTRACTION_OFF))
        self.case.load()
        self.query_one(ProvenanceTracer).trace()  # issue 16: rewrites, relays and origins

    def on_extraction_progress(self, message: ExtractionProgress) -> None:
        if message.total:
            self.status.change(extraction=f"extracting entities {message.done:,}/{message.total:,}")

    def on_extraction_ready(self, message: ExtractionReady) -> None:
        extraction = message.extraction
        titles = self.sources.titles
        self.entities.set_extraction(extraction, titles)
        self.events.set_extraction(extraction, titles)
        self.reader.set_extraction(extraction)
        self.status.change(extraction=f"{len(extraction.entities):,} entities · {len(extraction.events):,} events")
        self.refresh_bindings()
        self.call_after_refresh(self.collector.freeze)

    def on_extraction_unavailable(self, message: ExtractionUnavailable) -> None:
        self.entities.set_unavailable(message.reason)
        self.events.set_unavailable(message.reason)
        self.status.change(extraction="entities n/a")

    def on_provenance_ready(self, message: ProvenanceReady) -> None:  # issue 16
        origins = OriginIndex(message.report)
        self.sources.provenance.apply(origins)
        self.events.set_provenance(origins)
        self.case.set_provenance(message.report)

    def on_open_comparison(self, message: OpenComparison) -> None:  # issue 16
        self.app.push_screen(CompareScreen(message.comparisons))

    def on_review_count(self, message: ReviewCount) -> None:
        self.status.change(needs_review=message.count)

    # -- routing: between panes ------------------------------------------------------------------------
    def on_open_in_reader(self, message: OpenInReader) -> None:
        self.reader.open(message.doc_id, message.trail, message.focus_reader)

    def on_focus_pane(self, message: FocusPane) -> None:
        self.action_focus_pane(message.pane)

    def on_search_for(self, message: SearchFor) -> None:  # issue 13: / in an entity's profile
        self.search_bar.input.value = message.query
        self.search_bar.search_now(message.query, focus_results=True)

    def on_show_flags(self, message: ShowFlags) -> None:  # issue 13: ! in the events pane
        def closed(trail: Trail | None) -> None:
            if trail is not None and trail.current is not None:
                self.reader.open(trail.current.doc_id, trail)

        self.app.push_screen(EventFlagsScreen(self.workspace), closed)

    def on_show_profile(self, message: ShowProfile) -> None:  # issue 13: enter on an entity
        profile = EntityProfileScreen(self.workspace, message.entity_id, message.titles)
        self.app.push_screen(profile, self.entities.profile_closed)

    # -- routing: after a change, here or elsewhere -------------------------------------------------
    def on_change_done(self, message: ChangeDone) -> None:
        self.watcher.seen()
        self.notify(message.message, severity=message.severity, markup=False, timeout=4)
        self._reload(message.reload, message.doc_ids, message.highlight)

    def on_change_failed(self, message: ChangeFailed) -> None:
        self.notify(message.reason, title=message.title, severity="error", markup=False, timeout=6)
        self.reader.reload_annotations()  # drops what was shown as pending

    def on_outside_changes(self, message: OutsideChanges) -> None:
        changes = message.changes
        if changes.annotations:
            self.reader.reload_annotations(changes.annotations)
            if self.index_ready:
                self.sources.reload_counts()
                self.indexer.refresh_annotations(changes.annotations)  # searchable by tag: see refresh_annotations
        if changes.cases:
            self.case.load()
        if changes.entities and self.settings.extraction:
            self.indexer.load_extraction()
        if changes.documents and self.index_ready:
            self.notify(f"{len(changes.documents)} document file(s) changed on disk: re-indexing", timeout=3)
            self.status.change(index="updating…", index_busy=True)
            self.indexer.refresh_index(changes.documents)  # just those files: no scan of the folder

    def on_team_changed(self, message: TeamChanged) -> None:
        """The team server link's state in the status line; a refused change said once (issue 18)."""
        state = message.event.state
        self.status.change(team=state.line, team_ok=state.connected)
        for reason in message.event.refused:
            self.notify(f"refused by the team server: {reason}", severity="warning", markup=False, timeout=8)

    def _reload(self, reload: frozenset[str], doc_ids: tuple[str, ...], highlight: str | None) -> None:
        if "annotations" in reload:
            self.reader.reload_annotations(doc_ids)
        if "counts" in reload and self.index_ready:
            self.sources.reload_counts()
        if "case" in reload:
            self.case.load(highlight)
        if "entities" in reload and self.settings.extraction:
            self.indexer.load_extraction()
        if "review" in reload:
            self.indexer.count_review()
        self.refresh_bindings()
