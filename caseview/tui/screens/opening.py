"""Opening things in the reader: sources, search results, entities and their mentions, events; n/N."""

from __future__ import annotations

from textual import on, work
from textual.worker import get_current_worker

from caseview.tui.features import SpanRef
from caseview.tui.messages import DocumentFailed, DocumentLoaded
from caseview.tui.screens.base import MainScreenBase
from caseview.tui.trail import Mark, Trail
from caseview.tui.widgets.panes import CasePane, EntitiesPane
from caseview.tui.widgets.row_list import RowList
from caseview.workspace import UnknownDocument


class Opening(MainScreenBase):
    """Enter on a row opens its document (read in a worker) at the right place; n/N follow the trail."""

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
            self._open_case_item(event.key)

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

    def _open_case_item(self, item_id: str) -> None:
        item = self.query_one(CasePane).items.get(item_id)
        if item is None:
            return
        if item.place is None:
            self.notify("This item does not point into a document", timeout=3)
            return
        place = item.place
        self.open_document(place.doc_id, Trail("passage", item.kind, (Mark(place.doc_id, place.start, place.end),)))

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
