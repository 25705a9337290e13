"""The tag picker: the corpus's tags, fuzzy-filtered as you type; free entry for new ones; several at once."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from caseview.tui.dialogs.base import Dialog, dialog_title
from caseview.tui.keys import Scope, bindings
from caseview.tui.render import MUTED, one_line


def split_tags(typed: str) -> list[str]:
    """What was typed, as tags: commas separate several; surrounding space goes."""
    return [" ".join(piece.split()) for piece in typed.split(",") if piece.strip()]


def matching_tags(known: Sequence[str], query: str) -> list[tuple[str, Content]]:
    """Known tags that fuzzy-match ``query`` (best first), each with its matching letters marked."""
    query = query.strip()
    if not query:
        return [(tag, Content(one_line(tag))) for tag in known]
    matcher = Matcher(query)
    scored = [(matcher.match(tag), tag) for tag in known]
    ranked = sorted((item for item in scored if item[0] > 0), key=lambda item: (-item[0], item[1].casefold()))
    return [(tag, matcher.highlight(one_line(tag))) for _score, tag in ranked]


class TagPicker(Dialog[tuple[str, ...] | None]):
    """Returns the tags chosen (those kept, those picked with tab, and what is typed), or None."""

    AUTO_FOCUS = "#tag-input"
    BINDINGS = bindings(Scope.TAG_PICKER)

    def __init__(self, known: Sequence[str], chosen: Sequence[str], subject: str) -> None:
        super().__init__()
        self.known = sorted(set(known) | set(chosen), key=str.casefold)
        self.chosen: list[str] = list(chosen)
        self.subject = subject
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="annotate-dialog", id="tag-dialog"):
            yield Static(dialog_title("Tag", self.subject), classes="annotate-dialog-title", markup=False)
            yield Static("", id="tag-chosen", markup=False)
            yield Input(placeholder="type a tag (new or from the list); commas separate several", id="tag-input")
            yield OptionList(id="tag-options", compact=True)
            yield Static(
                Content("Enter applies · Tab adds (or removes) the highlighted tag · ↑↓ move · Esc cancels").stylize(
                    MUTED
                ),
                classes="annotate-dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        self._show_chosen()
        self._filter("")

    @property
    def input(self) -> Input:
        return self.query_one("#tag-input", Input)

    @property
    def options(self) -> OptionList:
        return self.query_one("#tag-options", OptionList)

    def _show_chosen(self) -> None:
        if self.chosen:
            parts = [Content(one_line(tag)).stylize("bold $text-accent") for tag in self.chosen]
            line = Content.assemble(Content("Tags: ").stylize(MUTED), Content(", ").join(parts))
        else:
            line = Content("No tags yet").stylize(MUTED)
        self.query_one("#tag-chosen", Static).update(line)

    def _filter(self, typed: str) -> None:
        last = typed.rsplit(",", 1)[-1]
        matches = matching_tags(self.known, last)
        self._shown = [tag for tag, _label in matches]
        self.options.set_options(
            Option(Content.assemble(Content("✓ " if tag in self.chosen else "  "), label)) for tag, label in matches
        )
        if self._shown:
            self.options.highlighted = 0

    @on(Input.Changed, "#tag-input")
    def _typed(self, event: Input.Changed) -> None:
        self._filter(event.value)

    @on(Input.Submitted, "#tag-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_confirm()

    @on(OptionList.OptionSelected, "#tag-options")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._toggle(self._shown[event.option_index])

    def _toggle(self, tag: str) -> None:
        if tag in self.chosen:
            self.chosen.remove(tag)
        else:
            self.chosen.append(tag)
        self.input.value = ""
        self._show_chosen()
        self._filter("")
        self.input.focus()

    def action_complete(self) -> None:
        index = self.options.highlighted
        if index is not None and 0 <= index < len(self._shown):
            self._toggle(self._shown[index])

    def action_list_down(self) -> None:
        self.options.action_cursor_down()

    def action_list_up(self) -> None:
        self.options.action_cursor_up()

    def action_confirm(self) -> None:
        tags = list(self.chosen)
        for tag in split_tags(self.input.value):
            if tag not in tags:
                tags.append(tag)
        self.dismiss(tuple(tags))

    def action_cancel(self) -> None:
        self.dismiss(None)
