"""A keyboard list of rows with type-to-filter: the one list widget every pane uses.

Rows are plain :class:`ListRow` values (a key, a ``Content`` prompt, the text a filter matches);
group headers are rows too. Enter posts :class:`RowList.Opened` with the row's key; the list never
knows what the rows mean.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from caseview.tui.immediate import handle_in_order
from caseview.tui.keys import Scope, bindings
from caseview.tui.list_rows import ListRow, filter_rows


class RowOptionList(OptionList):
    """The option list inside a :class:`RowList`: our keys, plus typing a letter starts the filter.

    A printable key that has no job here (not j k g G, not a pane key) starts the filter with that
    letter. The focus moves to the filter line a moment later; until it has, every letter typed
    (even one with a job, like the ``s`` of ``bes``) still goes into the filter, so none is lost.
    """

    BINDINGS = bindings(Scope.LISTS)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            row_list = self.parent
            return isinstance(row_list, RowList) and bool(row_list.filter_text)
        return True

    def action_start_filter(self) -> None:
        if isinstance(self.parent, RowList):
            self.parent.type_into_filter("")

    def action_clear_filter(self) -> None:
        if isinstance(self.parent, RowList):
            self.parent.clear_filter()

    async def on_key(self, event: events.Key) -> None:
        character = event.character
        row_list = self.parent
        if not isinstance(row_list, RowList):
            return
        printable = character is not None and character.isprintable() and not character.isspace()
        if row_list.filter_pending and printable and self.screen is self.app.screen:
            event.stop()
            event.prevent_default()
            row_list.type_into_filter(character or "")
            return
        if await handle_in_order(self, event):
            return  # j, k, g, G, f, enter and the pane's keys, in the order typed
        if printable:  # no job here: it starts the filter
            event.stop()
            event.prevent_default()
            row_list.type_into_filter(character or "")


class FilterInput(Input):
    """The filter line above a list; enter or ↓ go back to the list, escape clears the filter."""

    BINDINGS = bindings(Scope.FILTER)

    async def on_key(self, event: events.Key) -> None:
        await handle_in_order(self, event)  # enter: back to the list before the next key is looked at

    # Handled at once, not by a message: the focus is back on the list before the next key arrives.
    def action_done(self) -> None:
        if isinstance(self.parent, RowList):
            self.parent.finish_filter(cleared=False)

    def action_cancel(self) -> None:
        if isinstance(self.parent, RowList):
            self.parent.finish_filter(cleared=True)


class RowList(Vertical):
    """A filterable list of rows with an empty-state message."""

    DEFAULT_CLASSES = "row-list"
    filter_text: reactive[str] = reactive("", init=False)

    class Opened(Message):
        """Enter on a row."""

        def __init__(self, row_list: RowList, key: str) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    class Highlighted(Message):
        def __init__(self, row_list: RowList, key: str | None) -> None:
            super().__init__()
            self.row_list = row_list
            self.key = key

        @property
        def control(self) -> RowList:
            return self.row_list

    def __init__(self, *, empty: Content | str = "", id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[ListRow] = []
        self._shown: list[ListRow] = []
        self._empty = Content(empty) if isinstance(empty, str) else empty
        #: The filter was started and the focus is on its way to the filter line.
        self.filter_pending = False

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder="filter…", compact=True, classes="row-filter", select_on_focus=False)
        yield Static(self._empty, classes="empty-state")
        # A fixed-size list: new rows then only repaint it instead of laying out the whole screen again.
        yield RowOptionList(compact=True, classes="rows")

    def on_mount(self) -> None:
        self._show_empty_state()

    @property
    def option_list(self) -> RowOptionList:
        return self.query_one(RowOptionList)

    @property
    def rows(self) -> list[ListRow]:
        return list(self._rows)

    @property
    def shown_rows(self) -> list[ListRow]:
        return list(self._shown)

    @property
    def highlighted_key(self) -> str | None:
        index = self.option_list.highlighted
        if index is None or index >= len(self._shown):
            return None
        return self._shown[index].key

    def set_rows(self, rows: Sequence[ListRow], highlight: str | None = None) -> None:
        """Replace the rows, keeping the filter and (when it is still there) the highlighted row."""
        keep = highlight or self.highlighted_key
        self._rows = list(rows)
        self._apply(keep)

    def set_empty(self, message: Content | str) -> None:
        """What to say when there are no rows (shown only then)."""
        self._empty = Content(message) if isinstance(message, str) else message
        if not self._shown:
            self.query_one(".empty-state", Static).update(self._empty)

    def highlight(self, key: str) -> None:
        for index, row in enumerate(self._shown):
            if row.key == key:
                self.option_list.highlighted = index
                return

    def focus_list(self) -> None:
        self.option_list.focus()

    def clear_filter(self) -> None:
        self.query_one(FilterInput).value = ""
        self.filter_text = ""

    def _apply(self, keep: str | None) -> None:
        self._shown = filter_rows(self._rows, self.filter_text)
        options = self.option_list
        options.set_options(Option(row.prompt, disabled=row.header) for row in self._shown)
        index = next((i for i, row in enumerate(self._shown) if row.key == keep and not row.header), None)
        if index is None:
            index = next((i for i, row in enumerate(self._shown) if not row.header), None)
        options.highlighted = index
        self._show_empty_state()

    def _show_empty_state(self) -> None:
        nothing = not self._shown
        empty_state = self.query_one(".empty-state", Static)
        if empty_state.display != nothing:
            empty_state.display = nothing
        if nothing and self.filter_text:
            empty_state.update(Content(f"nothing matches “{self.filter_text}”"))
        elif nothing:
            empty_state.update(self._empty)

    def watch_filter_text(self) -> None:
        self._apply(self.highlighted_key)
        self.query_one(FilterInput).display = bool(self.filter_text) or self.query_one(FilterInput).has_focus

    def type_into_filter(self, text: str) -> None:
        """Open the filter line with ``text`` added to what it holds, and move the focus there."""
        filter_input = self.query_one(FilterInput)
        filter_input.display = True
        filter_input.value = filter_input.value + text
        filter_input.cursor_position = len(filter_input.value)
        if not filter_input.has_focus:
            # The keys already on their way to the list go into the filter too (see RowOptionList).
            self.filter_pending = True
            self.screen.set_focus(filter_input)

    @on(FilterInput.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value

    def finish_filter(self, cleared: bool) -> None:
        """Back to the list (enter, ↓), or clear the filter first (escape)."""
        self.filter_pending = False
        if cleared:
            self.clear_filter()
        else:
            self.filter_text = self.query_one(FilterInput).value  # what was typed up to this key
        self.query_one(FilterInput).display = bool(self.filter_text)
        self.screen.set_focus(self.option_list)

    @on(FilterInput.Submitted)
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self._shown):
            self.post_message(self.Opened(self, self._shown[event.option_index].key))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, self.highlighted_key))
