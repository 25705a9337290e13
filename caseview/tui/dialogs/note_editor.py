"""Write or edit a note on a passage: ctrl+s (or Save) returns the text, escape returns None."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static, TextArea

from caseview.tui.dialogs.base import Dialog, dialog_title
from caseview.tui.keys import Scope, bindings
from caseview.tui.render import MUTED


class NoteEditor(Dialog[str | None]):
    """A multi-line note; returns its text, or None when cancelled."""

    AUTO_FOCUS = "#note-text"
    BINDINGS = bindings(Scope.NOTE_EDITOR)

    def __init__(self, note: str, subject: str) -> None:
        super().__init__()
        self.note = note
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical(classes="annotate-dialog", id="note-dialog"):
            yield Static(dialog_title("Note on", self.subject), classes="annotate-dialog-title", markup=False)
            yield TextArea(self.note, id="note-text", soft_wrap=True, tab_behavior="focus")
            with Horizontal(classes="annotate-dialog-buttons"):
                yield Static(
                    Content("Ctrl+S saves · Esc cancels  ").stylize(MUTED), classes="annotate-dialog-hint", markup=False
                )
                yield Button("Save", id="note-save", variant="primary", compact=True)

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.move_cursor(editor.document.end)

    @on(Button.Pressed, "#note-save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
