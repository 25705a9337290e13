"""The events pane: the timeline, events by resolved date then document order, undated ones last.

Rows are grouped by month; an event placed by its source's publication date says so, and each row
shows its number of sources and its flags (:mod:`caseview.tui.timeline_view`). Enter opens the
event's evidence passage in the reader.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content

from caseview.provenance.counting import OriginIndex
from caseview.tui.case_adds import add_event
from caseview.tui.keys import Scope, bindings
from caseview.tui.messages import OpenInReader, ShowFlags
from caseview.tui.provenance_rows import with_event_origins
from caseview.tui.render import MUTED
from caseview.tui.rows import Extraction
from caseview.tui.timeline_view import timeline_rows
from caseview.tui.trail import Mark, Trail
from caseview.tui.widgets.pane import Pane
from caseview.tui.widgets.row_list import RowList


class EventsPane(Pane):
    """The timeline of the corpus's events."""

    PANE = "events"
    BINDINGS = bindings(Scope.EVENTS)  # issue 13: c adds the event to the case
    extraction: Extraction | None = None
    #: Provenance of the corpus: each row says how many documents tell it, from how many origins (issue 16).
    origins: OriginIndex | None = None
    _titles: dict[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield RowList(id="events-list", empty="Looking for events…")

    def primary(self) -> RowList:
        return self.query_one("#events-list", RowList)

    def set_extraction(self, extraction: Extraction, titles: dict[str, str]) -> None:
        self.extraction, self._titles = extraction, titles
        events = extraction.events
        rows = timeline_rows(events, titles)  # issue 14: grouped by month, sources and flags shown
        rows = with_event_origins(rows, events, self.origins)  # issue 16: documents and origins
        event_list = self.primary()
        event_list.set_empty("No events found in this corpus")
        event_list.set_rows(rows)
        undated = sum(1 for event in events if not event.resolved)
        self.set_title(f"{len(events):,}" + (f" ({undated} undated)" if undated else ""))

    def set_provenance(self, origins: OriginIndex) -> None:
        self.origins = origins
        if self.extraction is not None:
            self.set_extraction(self.extraction, self._titles or {})

    def set_unavailable(self, reason: str) -> None:
        self.primary().set_empty(
            Content.assemble(Content("Extraction not available").stylize("bold"), "\n", Content(reason).stylize(MUTED))
        )
        self.set_title("not available")

    @on(RowList.Opened, "#events-list")
    def _event_opened(self, event: RowList.Opened) -> None:
        event.stop()
        found = self.extraction.event(event.key) if self.extraction else None
        if found is None:
            return
        label = f"{found.action}: {found.time_text}" if found.time_text else found.action or "event"
        trail = Trail("evidence", label, (Mark(found.doc_id, found.start, found.end),))
        self.post_message(OpenInReader(found.doc_id, trail))

    # -- issue 13: the case from the events pane -------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "event_flags":
            return self.extraction is not None
        if action == "event_add_to_case":
            return (
                self.is_mounted and self.extraction is not None and self.primary().highlighted_key is not None
            ) or None
        return True

    def action_event_add_to_case(self) -> None:
        found = self.extraction.event(self.primary().highlighted_key or "") if self.extraction else None
        if found is None:
            self.notify("Highlight an event first (j k), then c adds it to the case file", severity="warning")
            return
        workspace = self.workspace
        self.run_change("Cannot add to the case file", lambda: add_event(workspace, found.id, found.evidence))

    def action_event_flags(self) -> None:
        self.post_message(ShowFlags())
