"""Small dialogs for annotating: the note editor, the case-section picker and an annotation's details."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from caseview.tui.keys import Scope, bindings
from caseview.tui.render import MUTED, one_line


def _title(verb: str, subject: str) -> Content:
    return Content.assemble(Content(verb + " ").stylize("bold"), Content(f"“{one_line(subject)}”"))


class NoteEditor(ModalScreen[str | None]):
    """Write or edit a note; ctrl+s (or Save) returns the text, escape returns None."""

    BINDINGS = bindings(Scope.NOTE_EDITOR)

    def __init__(self, note: str, subject: str) -> None:
        super().__init__()
        self.note = note
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical(classes="annotate-dialog", id="note-dialog"):
            yield Static(_title("Note on", self.subject), classes="annotate-dialog-title", markup=False)
            yield TextArea(self.note, id="note-text", soft_wrap=True, tab_behavior="focus")
            with Horizontal(classes="annotate-dialog-buttons"):
                yield Static(
                    Content("Ctrl+S saves · Esc cancels  ").stylize(MUTED), classes="annotate-dialog-hint", markup=False
                )
                yield Button("Save", id="note-save", variant="primary", compact=True)

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    @on(Button.Pressed, "#note-save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class SectionPicker(ModalScreen[str | None]):
    """Pick a section of the case file (or type a new one); returns its title, or None."""

    BINDINGS = bindings(Scope.SECTION_PICKER)

    def __init__(self, sections: Sequence[str], subject: str) -> None:
        super().__init__()
        self.sections = list(sections)
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical(classes="annotate-dialog", id="section-dialog"):
            yield Static(_title("Add to the case file:", self.subject), classes="annotate-dialog-title", markup=False)
            yield OptionList(
                *(Option(Content(one_line(title))) for title in self.sections), id="section-options", compact=True
            )
            yield Input(placeholder="…or a new section: type its name, then Enter", id="section-new")
            yield Static(
                Content(
                    "Enter adds to the highlighted section · Tab goes to the new-section line · Esc cancels"
                ).stylize(MUTED),
                classes="annotate-dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.sections:
            options.highlighted = 0
            options.focus()
        else:
            options.display = False
            self.query_one(Input).focus()

    @on(OptionList.OptionSelected, "#section-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.sections[event.option_index])

    @on(Input.Submitted, "#section-new")
    def _new_section(self, event: Input.Submitted) -> None:
        event.stop()
        title = " ".join(event.value.split())
        if title:
            self.dismiss(title)
        else:
            self.notify("Type the new section's name", severity="warning")

    def action_pick(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(self.sections[index])

    def action_cancel(self) -> None:
        self.dismiss(None)


class AnnotationDetails(ModalScreen[None]):
    """An annotation's quote, tags, note, state and case links (built by the screen as ``Content``)."""

    BINDINGS = bindings(Scope.DETAILS)

    def __init__(self, body: Content) -> None:
        super().__init__()
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="annotate-dialog", id="details-dialog"):
            yield Static(Content("Annotation").stylize("bold"), classes="annotate-dialog-title", markup=False)
            yield Static(self.body, id="details-body", markup=False)
            yield Static(
                Content("Esc or Enter closes · t retag · a note · c add to the case file (in the reader)").stylize(
                    MUTED
                ),
                classes="annotate-dialog-hint",
                markup=False,
            )

    def action_close(self) -> None:
        self.dismiss(None)
