"""The main screen: search bar, the five panes, the status line and the key bar.

This module composes the screen and moves the focus between panes; the work behind it is in
:mod:`.background`, :mod:`.searching` and :mod:`.opening`. At narrow sizes (80×24) the panes become
tabs: only the active one is shown.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Resize
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Tab, Tabs

from caseview.tui.keys import PANE_TITLES, PANES, Scope, bindings
from caseview.tui.screens.annotating import Annotating
from caseview.tui.screens.background import BackgroundWork
from caseview.tui.screens.case_work import CaseWork
from caseview.tui.screens.entity_fix import EntityFixing
from caseview.tui.screens.help import HelpScreen
from caseview.tui.screens.opening import Opening
from caseview.tui.screens.searching import Searching
from caseview.tui.widgets.case_pane import CaseFilePane
from caseview.tui.widgets.entity_pane import CorrectableEntitiesPane
from caseview.tui.widgets.key_bar import KeyBar
from caseview.tui.widgets.pane import Pane
from caseview.tui.widgets.panes import EventsPane, SourcesPane
from caseview.tui.widgets.reader import ReaderPane
from caseview.tui.widgets.search_bar import SearchBar
from caseview.tui.widgets.status_line import StatusLine

#: Below this width (or height) the panes become tabs.
NARROW_WIDTH = 100
NARROW_HEIGHT = 20


class MainScreen(EntityFixing, CaseWork, BackgroundWork, Searching, Opening, Annotating):
    """Search bar, five panes, status line and key bar; the panes become tabs on small terminals."""

    BINDINGS = bindings(Scope.EVERYWHERE)
    AUTO_FOCUS = None

    #: The pane the analyst is in (the one shown when the panes are tabs).
    active_pane: reactive[str] = reactive("sources", init=False, repaint=False)

    # -- composition and layout ----------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield SearchBar(id="search-bar")
        yield Tabs(*(Tab(f"{n} {PANE_TITLES[p]}", id=f"tab-{p}") for n, p in enumerate(PANES, 1)), id="pane-tabs")
        with Horizontal(id="panes"):
            yield SourcesPane(id="pane-sources")
            yield ReaderPane(id="pane-reader")
            with Vertical(id="side"):
                yield CorrectableEntitiesPane(id="pane-entities")
                yield EventsPane(id="pane-events")
                yield CaseFilePane(id="pane-case")
        yield StatusLine(self.workspace.root.name, id="status")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one(Tabs).can_focus = False
        self._apply_layout(self.size)
        self.pane("sources").focus_primary()
        self.refresh_index()
        self.start_watching()

    def on_resize(self, event: Resize) -> None:
        self._apply_layout(event.size)

    def _apply_layout(self, size: Size) -> None:
        narrow = size.width < NARROW_WIDTH or size.height < NARROW_HEIGHT
        if narrow != self.narrow:
            self.set_class(narrow, "-narrow")
            self._show_active_pane()

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

    def action_show_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        annotating = self.check_annotating_action(action)
        if annotating is not None:
            return annotating
        if action == "step_mark":
            trail = self.reader.trail if self.is_mounted else None
            return bool(trail and len(trail.marks) > 0)
        if action == "toggle_mentions":
            return self.extraction is not None
        if action == "clear_search":
            return self.sources.showing_results if self.is_mounted else False
        return super().check_action(action, parameters)
