"""Several questions in one dialog (grade: reliability, then credibility; link: item, relation, note).

One dialog asks them one after the other, in place: the keys typed after an answer belong to the next
question at once (``r`` ``D`` enter ``3`` enter grades D3 however fast it is typed), which separate
dialogs, pushed one from the other's callback, could not promise. Each question picks from choices,
as :class:`ChoiceDialog` does, or takes free text (the note of a link).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.widgets import Input, Static

from caseview.tui.dialogs.choice import Choice, Picker
from caseview.tui.render import MUTED


@dataclass(frozen=True)
class Question:
    title: Content | str
    choices: Sequence[Choice] = ()
    #: The answer is what is typed (empty allowed): no list to pick from.
    free_text: bool = False
    placeholder: str = ""


class QuestionsDialog(Picker[tuple[str, ...] | None]):
    """Returns the answers (choice keys, or the text typed) in order, or None when cancelled."""

    def __init__(self, questions: Sequence[Question]) -> None:
        first = questions[0]
        super().__init__(first.title, list(first.choices))
        self.questions = list(questions)
        self.answers: list[str] = []

    def on_mount(self) -> None:
        super().on_mount()
        self._show_question()

    def _show_question(self) -> None:
        question = self.questions[len(self.answers)]
        self.query_one(".dialog-title", Static).update(
            Content(question.title) if isinstance(question.title, str) else question.title
        )
        filter_line = self.query_one("#choice-filter", Input)
        filter_line.value = ""
        filter_line.placeholder = question.placeholder or ("type…" if question.free_text else "type to filter…")
        self.options.display = not question.free_text
        hint = "enter saves · empty for none · esc cancels" if question.free_text else self.hint
        self.query_one(".dialog-hint", Static).update(Content(hint).stylize(MUTED))
        self.set_choices(list(question.choices))

    @property
    def _free_text(self) -> bool:
        return self.questions[len(self.answers)].free_text

    def action_pick(self) -> None:
        if self._free_text:
            self.answer(" ".join(self.typed.split()))
        else:
            super().action_pick()

    def action_move(self, delta: int) -> None:
        if not self._free_text:
            super().action_move(delta)

    def answer(self, key: str) -> None:
        self.answers.append(key)
        if len(self.answers) < len(self.questions):
            self._show_question()
        else:
            self.dismiss(tuple(self.answers))
