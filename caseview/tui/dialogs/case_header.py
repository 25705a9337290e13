"""Edit the case's own text: its title, summary and key questions (one per line). ctrl+s saves."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static, TextArea

from caseview.tui.dialogs.base import Dialog
from caseview.tui.keys import Scope, bindings
from caseview.tui.render import MUTED


@dataclass(frozen=True)
class CaseHeaderText:
    """What the dialog edits (and returns)."""

    title: str
    summary: str
    questions: tuple[str, ...]


class CaseHeaderDialog(Dialog["CaseHeaderText | None"]):
    """Title on one line, the summary and the key questions below; returns them, or None when cancelled."""

    AUTO_FOCUS = "#header-title"
    BINDINGS = bindings(Scope.NOTE_EDITOR)

    def __init__(self, current: CaseHeaderText) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="annotate-dialog", id="header-dialog"):
            yield Static(Content("The case").stylize("bold"), classes="annotate-dialog-title", markup=False)
            yield Static(Content("Title").stylize(MUTED), markup=False)
            yield Input(self.current.title, id="header-title", placeholder="what the case is about", compact=True)
            yield Static(Content("Summary").stylize(MUTED), markup=False)
            yield TextArea(
                self.current.summary, id="header-summary", soft_wrap=True, tab_behavior="focus", compact=True
            )
            yield Static(Content("Key questions, one per line").stylize(MUTED), markup=False)
            yield TextArea(
                "\n".join(self.current.questions),
                id="header-questions",
                soft_wrap=True,
                tab_behavior="focus",
                compact=True,
            )
            with Horizontal(classes="annotate-dialog-buttons"):
                yield Static(
                    Content("Tab next field · Ctrl+S saves · Esc cancels  ").stylize(MUTED),
                    classes="annotate-dialog-hint",
                    markup=False,
                )
                yield Button("Save", id="header-save", variant="primary", compact=True)

    @on(Input.Submitted, "#header-title")
    def _title_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#header-summary", TextArea).focus()

    @on(Button.Pressed, "#header-save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        questions = self.query_one("#header-questions", TextArea).text.splitlines()
        self.dismiss(
            CaseHeaderText(
                " ".join(self.query_one("#header-title", Input).value.split()),
                self.query_one("#header-summary", TextArea).text.strip(),
                tuple(" ".join(q.split()) for q in questions if q.strip()),
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
