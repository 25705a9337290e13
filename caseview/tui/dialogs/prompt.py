"""One line of text: enter answers it (empty allowed when ``allow_empty``), escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from caseview.tui.dialogs.base import Dialog
from caseview.tui.keys import spec
from caseview.tui.render import MUTED


class PromptDialog(Dialog[str | None]):
    """Returns the line typed (stripped), or None when cancelled."""

    DEFAULT_CLASSES = "choice-dialog"
    AUTO_FOCUS = "#answer"
    BINDINGS: ClassVar[list[BindingType]] = [spec("dialog-cancel").binding()]

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
