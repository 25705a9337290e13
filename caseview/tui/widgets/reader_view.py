"""The reader's text view: a document's text, shown literally and soft-wrapped, with highlight layers.

:class:`ReaderView` is a read-only ``TextArea`` that keeps its own display text and line index
(:mod:`caseview.tui.text_layout`) so that document offsets map exactly to rows and columns, and
draws highlight layers in :meth:`ReaderView.get_line`. The TextArea caches rendered lines without
knowing our layers, so every change of a layer goes through :meth:`ReaderView._layers_changed`.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.reactive import reactive
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from caseview.annotations.model import Annotation
from caseview.tui import passages
from caseview.tui.immediate import handle_in_order
from caseview.tui.keys import Scope, bindings, spec
from caseview.tui.page_jump import page_break_line, page_break_rows
from caseview.tui.text_layout import LineIndex, break_long_lines, display_text

#: How many tag colours the theme gives (``reader--tag-N`` in the stylesheet).
TAG_COLOURS = 6
#: Highlight layers, drawn in this order (a later layer wins where they overlap): annotations by tag
#: colour (``note``: annotations without tags), then entity mentions, search hits, the current hit.
LAYERS = (*(f"tag-{n}" for n in range(TAG_COLOURS)), "note", "mention", "hit", "current")


def tag_layer(tags: Sequence[str]) -> str:
    """The highlight layer of an annotation: its first tag's colour, the same in every session."""
    if not tags:
        return "note"
    return f"tag-{zlib.crc32(tags[0].casefold().encode('utf-8')) % TAG_COLOURS}"


def annotation_span(annotation: Annotation) -> tuple[int, int] | None:
    """Where an annotation is in the document's current text (None when it could not be located)."""
    return annotation.current_span


class ReaderView(TextArea):
    """Read-only, soft-wrapped document text with highlight layers given as document offsets."""

    # The reader is read-only: ctrl+z / ctrl+y undo the analyst's changes, not the widget's edits.
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings(Scope.READER_TEXT),
        spec("undo").binding(),
        spec("redo").binding(),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {f"reader--{layer}" for layer in LAYERS} | {"reader--page"}

    #: Whether motions extend the selection (``v``, or after ``s`` / ``p``).
    selecting: reactive[bool] = reactive(False, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(
            "",
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            id=id,
            placeholder="Open a document: pick one in Sources (1), or search with /",
        )
        self.cursor_blink = False
        # A "line" here is a whole paragraph; shading it would drown the highlights.
        self.highlight_cursor_line = False
        self._lines = LineIndex("")
        #: The document's own text (sentences and paragraphs are found in it, not in the display copy).
        self._source = ""
        self._layers: dict[str, dict[int, list[tuple[int, int]]]] = {layer: {} for layer in LAYERS}
        self._layer_styles: dict[str, Style] | None = None
        #: Where each page of the document starts (empty for a document without pages).
        self.pages: tuple[int, ...] = ()
        #: The blank rows that separate pages, by row: the number of the page that follows.
        self._page_rows: dict[int, int] = {}

    async def on_key(self, event: events.Key) -> None:
        await handle_in_order(self, event)  # t / a / c / x open their dialog before the next key is looked at

    # -- content -------------------------------------------------------------------------------
    def show_text(self, text: str, pages: Sequence[int] = ()) -> None:
        """Show ``text`` (a document's text) literally; offsets into it stay valid for the layers.

        With ``pages`` (where each page starts), the blank line before each page shows its number."""
        shown = break_long_lines(display_text(text))
        self._source = text
        self.selecting = False
        self._lines = LineIndex(shown)
        self.pages = tuple(pages)
        self._page_rows = page_break_rows(shown, self._lines, self.pages)
        for layer in LAYERS:
            self._layers[layer] = {}
        self.load_text(shown)
        self._layers_changed()

    @property
    def lines(self) -> LineIndex:
        return self._lines

    def set_layer(self, layer: str, spans: Iterable[tuple[int, int]]) -> None:
        """Highlight these ``(start, end)`` document offsets in ``layer`` (replacing what it had)."""
        self.set_layers({layer: spans})

    def set_layers(self, layers: Mapping[str, Iterable[tuple[int, int]]]) -> None:
        """Replace several layers at once (one redraw)."""
        for layer, spans in layers.items():
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

    # -- selecting -------------------------------------------------------------------------------
    def selected_span(self) -> tuple[int, int] | None:
        """The selection as document offsets ``(start, end)``, or None when nothing is selected."""
        start, end = self.selection
        first = self._lines.offset(*start)
        last = self._lines.offset(*end)
        if first == last:
            return None
        return (first, last) if first < last else (last, first)

    def select_span(self, start: int, end: int) -> None:
        """Select document offsets ``[start, end)``; the cursor goes to the end (motions extend from there)."""
        self.selection = Selection(self._lines.location(start), self._lines.location(end))
        self.scroll_cursor_visible()

    def clear_selection(self, at: int | None = None) -> None:
        """Stop selecting; the cursor stays where it is (or goes to document offset ``at``)."""
        self.selecting = False
        location = self.cursor_location if at is None else self._lines.location(at)
        self.selection = Selection.cursor(location)

    def _move_to(self, offset: int) -> None:
        self.move_cursor(self._lines.location(offset), select=self.selecting)

    def _text(self) -> str:
        return self._source

    def select_sentence(self) -> bool:
        """Select the sentence at the cursor; False when there is none."""
        return self._select(passages.sentence_at(self._source, self.cursor_offset()))

    def select_paragraph(self) -> bool:
        """Select the paragraph at the cursor; False when the cursor is on a blank line."""
        return self._select(passages.paragraph_at(self._source, self.cursor_offset()))

    def _select(self, span: tuple[int, int] | None) -> bool:
        if span is None:
            return False
        self.select_span(*span)
        self.selecting = True
        return True

    def toggle_selecting(self) -> None:
        """``v``: start selecting at the cursor, or stop (keeping what is selected)."""
        if self.selecting:
            self.selecting = False
        else:
            self.selection = Selection.cursor(self.cursor_location)
            self.selecting = True

    def action_clear_selection(self) -> None:
        self.clear_selection()

    def action_word_forward(self) -> None:
        self._move_to(passages.word_start_after(self._text(), self.cursor_offset()))

    def action_word_back(self) -> None:
        self._move_to(passages.word_start_before(self._text(), self.cursor_offset()))

    def action_sentence_forward(self) -> None:
        self._move_to(passages.sentence_start_after(self._text(), self.cursor_offset()))

    def action_sentence_back(self) -> None:
        self._move_to(passages.sentence_start_before(self._text(), self.cursor_offset()))

    def action_paragraph_forward(self) -> None:
        self._move_to(passages.paragraph_start_after(self._text(), self.cursor_offset()))

    def action_paragraph_back(self) -> None:
        self._move_to(passages.paragraph_start_before(self._text(), self.cursor_offset()))

    # j/k and the arrows extend the selection while selecting (as shift+arrows always do).
    def action_cursor_down(self, select: bool = False) -> None:
        super().action_cursor_down(select or self.selecting)

    def action_cursor_up(self, select: bool = False) -> None:
        super().action_cursor_up(select or self.selecting)

    def action_cursor_left(self, select: bool = False) -> None:
        super().action_cursor_left(select or self.selecting)

    def action_cursor_right(self, select: bool = False) -> None:
        super().action_cursor_right(select or self.selecting)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_selection":
            return self.selecting or self.selected_span() is not None
        return super().check_action(action, parameters)

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
        page = self._page_rows.get(line_index)
        if page is not None:
            return page_break_line(page, self.get_component_rich_style("reader--page"))
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
