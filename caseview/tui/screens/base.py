"""What every part of the main screen shares: the workspace, the shared state, and the way to each pane.

The main screen is assembled from parts with one job each — :mod:`.background` (indexing, extraction,
case file), :mod:`.searching` and :mod:`.opening` (rows to the reader) — all built on this base.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.timer import Timer

from caseview.tui.features import Extraction, WorkspaceFeatures
from caseview.tui.widgets.pane import Pane
from caseview.tui.widgets.panes import SourcesPane
from caseview.tui.widgets.reader import ReaderPane
from caseview.tui.widgets.search_bar import SearchBar
from caseview.tui.widgets.status_line import StatusLine
from caseview.workspace import Workspace


class MainScreenBase(Screen[None]):
    """State shared by the parts of the main screen, and accessors for its widgets."""

    def __init__(self, workspace: Workspace, features: WorkspaceFeatures) -> None:
        super().__init__()
        self.workspace = workspace
        self.features = features
        self.extraction: Extraction | None = None
        #: Title of every document, by id, in corpus order.
        self.doc_titles: dict[str, str] = {}
        self.index_ready = False
        self._search_timer: Timer | None = None
        self._focus_results_when_ready = False

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

    @property
    def narrow(self) -> bool:
        """Whether the panes are shown as tabs (small terminals)."""
        return self.has_class("-narrow")

    def action_focus_pane(self, name: str) -> None:
        raise NotImplementedError
