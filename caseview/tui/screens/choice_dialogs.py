"""Small dialogs for the case file and entity corrections: pick one of a list, or type a line.

Both return their answer through ``dismiss`` (None when cancelled with escape); the screen that
pushed them decides what to do with it, in a worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from caseview.tui.keys import spec
from caseview.tui.render import MUTED
from caseview.tui.widgets.row_list import ListRow, RowList


@dataclass(frozen=True)
class Choice:
    """One answer a :class:`ChoiceDialog` offers."""

    key: str
    label: Content
    filter_text: str = ""


class ChoiceDialog(ModalScreen[str | None]):
    """A titled, filterable list; enter picks the highlighted choice, escape cancels."""

    DEFAULT_CLASSES = "choice-dialog"
    BINDINGS = [spec("dialog-cancel").binding()]

    def __init__(self, title: Content | str, choices: Sequence[Choice], hint: str = "") -> None:
        super().__init__()
        self.title_content = Content(title) if isinstance(title, str) else title
        self.choices = list(choices)
        self.hint = hint or "enter picks · type to filter · esc cancels"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_content, classes="dialog-title", markup=False)
            yield RowList(id="choices", empty="nothing to choose from")
            yield Static(Content(self.hint).stylize(MUTED), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        choices = self.query_one("#choices", RowList)
        choices.set_rows(
            [ListRow(key=c.key, prompt=c.label, filter_text=c.filter_text or c.label.plain) for c in self.choices]
        )
        choices.focus_list()

    @property
    def highlighted_key(self) -> str | None:
        return self.query_one("#choices", RowList).highlighted_key

    @on(RowList.Opened, "#choices")
    def _picked(self, event: RowList.Opened) -> None:
        event.stop()
        self.answer(event.key)

    def answer(self, key: str) -> None:
        """Close the dialog with the picked choice."""
        self.dismiss(key)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SuggestionsDialog(ChoiceDialog):
    """Suggested entity merges: enter accepts the highlighted one (``accept:<id>``), d rejects it."""

    BINDINGS = [spec("suggestion-reject").binding(), spec("dialog-cancel").binding()]

    def answer(self, key: str) -> None:
        self.dismiss(f"accept:{key}")

    def action_reject(self) -> None:
        key = self.highlighted_key
        if key is not None:
            self.dismiss(f"reject:{key}")


class TextDialog(ModalScreen[str | None]):
    """One line of text; enter answers it (empty allowed when ``allow_empty``), escape cancels."""

    DEFAULT_CLASSES = "choice-dialog"
    BINDINGS = [spec("dialog-cancel").binding()]

    def __init__(self, title: Content | str, value: str = "", placeholder: str = "", allow_empty: bool = False) -> None:
        super().__init__()
        self.title_content = Content(title) if isinstance(title, str) else title
        self.value = value
        self.placeholder = placeholder
        self.allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-short"):
            yield Static(self.title_content, classes="dialog-title", markup=False)
            yield Input(self.value, placeholder=self.placeholder, id="answer")
            hint = "enter saves · esc cancels" + (" · empty for none" if self.allow_empty else "")
            yield Static(Content(hint).stylize(MUTED), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value and not self.allow_empty:
            self.notify("Type something, or esc to cancel", severity="warning")
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
