"""The reader: a document's text, shown literally and soft-wrapped, with hits and mentions highlighted.

:class:`ReaderView` is a read-only ``TextArea`` that keeps its own display text and line index
(:mod:`caseview.tui.text_layout`) so that document offsets map exactly to rows and columns, and
draws highlight layers in :meth:`ReaderView.get_line`. The TextArea caches rendered lines without
knowing our layers, so every change of a layer goes through :meth:`ReaderView._layers_changed`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static, TextArea

from caseview.corpus import Document
from caseview.tui.features import SpanRef
from caseview.tui.keys import Scope, bindings
from caseview.tui.render import MUTED, document_header
from caseview.tui.text_layout import LineIndex, break_long_lines, display_text
from caseview.tui.trail import Trail
from caseview.tui.widgets.pane import Pane

#: Highlight layers, drawn in this order (a later layer wins where they overlap).
LAYERS = ("mention", "hit", "current")


class ReaderView(TextArea):
    """Read-only, soft-wrapped document text with highlight layers given as document offsets."""

    BINDINGS = bindings(Scope.READER)
    COMPONENT_CLASSES = {f"reader--{layer}" for layer in LAYERS}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "", read_only=True, soft_wrap=True, show_line_numbers=False, id=id,
            placeholder="Open a document: pick one in Sources (1), or search with /",
        )
        self.cursor_blink = False
        # A "line" here is a whole paragraph; shading it would drown the highlights.
        self.highlight_cursor_line = False
        self._lines = LineIndex("")
        self._layers: dict[str, dict[int, list[tuple[int, int]]]] = {layer: {} for layer in LAYERS}
        self._layer_styles: dict[str, Style] | None = None

    # -- content -------------------------------------------------------------------------------
    def show_text(self, text: str) -> None:
        """Show ``text`` (a document's text) literally; offsets into it stay valid for the layers."""
        shown = break_long_lines(display_text(text))
        self._lines = LineIndex(shown)
        for layer in LAYERS:
            self._layers[layer] = {}
        self.load_text(shown)
        self._layers_changed()

    @property
    def lines(self) -> LineIndex:
        return self._lines

    def set_layer(self, layer: str, spans: Iterable[tuple[int, int]]) -> None:
        """Highlight these ``(start, end)`` document offsets in ``layer`` (replacing what it had)."""
        rows: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for start, end in spans:
            for row, first, last in self._lines.split(start, end):
                rows[row].append((first, last))
        self._layers[layer] = dict(rows)
        self._layers_changed()

    def layer_spans(self, layer: str) -> dict[int, list[tuple[int, int]]]:
        return {row: list(spans) for row, spans in self._layers[layer].items()}

    def go_to_offset(self, offset: int) -> None:
        """Put the cursor at a document offset and scroll it to the middle of the view."""
        self.move_cursor(self._lines.location(offset), center=True)

    def cursor_offset(self) -> int:
        row, column = self.cursor_location
        return self._lines.offset(row, column)

    # -- drawing -------------------------------------------------------------------------------
    def _layers_changed(self) -> None:
        """The one place that invalidates rendered lines after a layer (or the theme) changed."""
        self._line_cache.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        self._layer_styles = None
        super().notify_style_update()

    def _styles_for_layers(self) -> dict[str, Style]:
        if self._layer_styles is None:
            self._layer_styles = {layer: self.get_component_rich_style(f"reader--{layer}") for layer in LAYERS}
        return self._layer_styles

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        styles = None
        for layer in LAYERS:
            spans = self._layers[layer].get(line_index)
            if spans:
                styles = styles or self._styles_for_layers()
                for start, end in spans:
                    line.stylize(styles[layer], start, end)
        return line

    # -- actions -------------------------------------------------------------------------------
    def action_go_top(self) -> None:
        self.move_cursor((0, 0))
        self.scroll_home(animate=False)

    def action_go_bottom(self) -> None:
        self.move_cursor(self.document.end)
        self.scroll_end(animate=False)


class ReaderPane(Pane):
    """A document's metadata on top, its text below, and where ``n``/``N`` lead."""

    PANE = "reader"

    mentions_visible: reactive[bool] = reactive(True, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.document: Document | None = None
        self.trail: Trail | None = None
        self._marks_doc_id: str | None = None
        self._mentions: tuple[SpanRef, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("No document open").stylize(MUTED), classes="reader-header", markup=False)
        yield ReaderView(id="reader-text")

    def primary(self) -> ReaderView:
        return self.view

    @property
    def view(self) -> ReaderView:
        return self.query_one(ReaderView)

    @property
    def document_id(self) -> str | None:
        return self.document.id if self.document else None

    def show_document(self, document: Document, trail: Trail | None, mentions: tuple[SpanRef, ...] | None) -> None:
        """Show ``document``; highlight ``trail``'s marks in it and go to the current one."""
        self.document = document
        self._mentions = mentions
        self._marks_doc_id = None
        self.set_title(document.id)
        self.view.show_text(document.text)
        self._apply_mentions()
        self.set_trail(trail)

    def set_trail(self, trail: Trail | None) -> None:
        """Highlight the trail's marks in this document and move to its current mark."""
        previous, self.trail = self.trail, trail
        view = self.view
        doc_id = self.document_id
        if not (trail and previous and trail.marks is previous.marks and doc_id == self._marks_doc_id):
            marks = trail.marks_in(doc_id) if trail and doc_id else []
            view.set_layer("hit", ((mark.start, mark.end) for mark in marks))  # only when the marks changed
            self._marks_doc_id = doc_id
        current = trail.current if trail else None
        if current is not None and current.doc_id == doc_id:
            view.set_layer("current", [(current.start, current.end)])
            view.go_to_offset(current.start)
        else:
            view.set_layer("current", [])
            view.action_go_top()
        self._update_header()

    def set_mentions(self, mentions: tuple[SpanRef, ...] | None) -> None:
        self._mentions = mentions
        self._apply_mentions()
        self._update_header()

    def watch_mentions_visible(self) -> None:
        self._apply_mentions()
        self._update_header()

    def _apply_mentions(self) -> None:
        spans = self._mentions if self.mentions_visible and self._mentions else ()
        self.view.set_layer("mention", ((mention.start, mention.end) for mention in spans))

    def _update_header(self) -> None:
        document = self.document
        if document is None:
            return
        meta = document.meta
        details = [
            meta.outlet, meta.published.isoformat() if meta.published else "undated", meta.author,
            document.id, f"{len(document.text):,} characters",
        ]
        if self._mentions is None:
            mentions = None
        elif not self._mentions:
            mentions = "no entity mentions"
        else:
            state = "shown" if self.mentions_visible else "hidden"
            mentions = f"{len(self._mentions)} entity mentions {state} (e)"
        header = document_header(document.title, details, self.trail.describe() if self.trail else None, mentions)
        self.query_one(".reader-header", Static).update(header, layout=False)  # fixed height: no re-layout
