"""Pick one of a list: the filter line has the focus, every key typed filters, enter picks.

The rule in every picker (grade, export format, link target, relation, section…): what is typed
filters the list and the best match is highlighted at once — a choice whose key is exactly what was
typed first (``D`` in the grade dialog is D), then those that start with it, then the others that
hold every word. ↑/↓ move the highlight, enter picks the highlighted row, escape cancels. The
focus never leaves the filter line, so one enter always picks what is highlighted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from caseview.tui.dialogs.base import Dialog
from caseview.tui.immediate import handle_in_order
from caseview.tui.keys import Scope, bindings
from caseview.tui.render import MUTED
from caseview.tui.workers import start_worker


@dataclass(frozen=True)
class Choice:
    """One answer a :class:`ChoiceDialog` offers; the filter matches ``filter_text`` (default: the label)."""

    key: str
    label: Content
    filter_text: str = ""

    @property
    def searchable(self) -> str:
        return (self.filter_text or self.label.plain).casefold()


def choice(key: str, label: str, detail: str = "") -> Choice:
    """A choice shown as ``label  detail`` (the detail muted)."""
    content = (
        Content.assemble(Content(label).stylize("bold"), Content(f"  {detail}").stylize(MUTED))
        if detail
        else Content(label)
    )
    return Choice(key, content, f"{label} {detail}")


def rank_choices(choices: Sequence[Choice], typed: str) -> list[Choice]:
    """The choices matching ``typed``, best first: exact key, then key or label starting with it, then the rest."""
    query = " ".join(typed.casefold().split())
    if not query:
        return list(choices)
    words = query.split()
    matching = [c for c in choices if all(word in c.searchable for word in words)]

    def rank(candidate: Choice) -> int:
        if candidate.key.casefold() == query:
            return 0
        if candidate.key.casefold().startswith(query) or candidate.label.plain.casefold().startswith(query):
            return 1
        return 2

    return sorted(matching, key=rank)  # sorted is stable: the list's own order within a rank


R = TypeVar("R")


class PickerInput(Input):
    """The filter line of a picker: enter and the arrows act on the list at once, in the order typed.

    The picker's keys are bound here (an Input binds ↑/↓ to scrolling itself) and on the dialog
    (for the keys that reach it before this line has the focus).
    """

    BINDINGS = bindings(Scope.PICKER)

    async def on_key(self, event: events.Key) -> None:
        await handle_in_order(self, event)

    def _picker(self) -> Picker[object] | None:
        screen = self.screen
        return screen if isinstance(screen, Picker) else None

    def action_pick(self) -> None:
        if picker := self._picker():
            picker.action_pick()

    def action_move(self, delta: int) -> None:
        if picker := self._picker():
            picker.action_move(delta)

    def action_cancel(self) -> None:
        if picker := self._picker():
            picker.action_cancel()


class Picker(Dialog[R]):
    """A titled, filtered list of choices (given, or loaded in a worker by ``load``); ``answer`` gets the key picked."""

    DEFAULT_CLASSES = "choice-dialog"
    AUTO_FOCUS = "#choice-filter"
    BINDINGS = bindings(Scope.PICKER)

    def __init__(
        self,
        title: Content | str,
        choices: Sequence[Choice] | Callable[[], Sequence[Choice]],
        hint: str = "",
        empty: str = "nothing to choose from",
    ) -> None:
        super().__init__()
        self.title_content = Content(title) if isinstance(title, str) else title
        self._load = None if isinstance(choices, Sequence) else choices
        self.choices: list[Choice] = list(choices) if isinstance(choices, Sequence) else []
        self.hint = hint or "type to filter · ↑↓ move · enter picks · esc cancels"
        self.empty = empty
        self.shown: list[Choice] = []
        #: Enter was pressed while the choices were still loading: pick the best match once they are in.
        self._pick_when_loaded = False
        #: What was typed when the list was last filtered (typing is applied by a message, a moment later).
        self._filtered_for = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_content, classes="dialog-title", markup=False)
            yield PickerInput(placeholder="type to filter…", id="choice-filter", compact=True, select_on_focus=False)
            yield OptionList(id="choice-list", compact=True)
            yield Static(Content(self.hint).stylize(MUTED), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        if self._load is None:
            self._refilter()
            return
        self.options.set_options([Option(Content("Loading…").stylize(MUTED), disabled=True)])
        load = self._load

        def job() -> None:
            choices = list(load())
            self.app.call_from_thread(self.set_choices, choices)

        start_worker(self, job, name=f"load the choices of “{self.title_content.plain}”")

    def set_choices(self, choices: Sequence[Choice]) -> None:
        self.choices = list(choices)
        self._load = None
        self._refilter()
        if self._pick_when_loaded:
            self.action_pick()

    @property
    def options(self) -> OptionList:
        return self.query_one("#choice-list", OptionList)

    @property
    def typed(self) -> str:
        return self.query_one("#choice-filter", Input).value

    @property
    def highlighted_key(self) -> str | None:
        index = self.options.highlighted
        if index is None or not 0 <= index < len(self.shown):
            return None
        return self.shown[index].key

    def ranked(self, typed: str) -> list[Choice]:
        return rank_choices(self.choices, typed)

    def _refilter(self) -> None:
        self._filtered_for = self.typed
        self.shown = self.ranked(self.typed)
        options = self.options
        if self.shown:
            options.set_options([Option(c.label) for c in self.shown])
            options.highlighted = 0
        else:
            said = f"nothing matches “{self.typed}”" if self.typed else self.empty
            options.set_options([Option(Content(said).stylize(MUTED), disabled=True)])

    async def on_key(self, event: events.Key) -> None:
        """Keys that reached the dialog before its filter line had the focus: in the order typed."""
        if not await handle_in_order(self, event):
            await super().on_key(event)

    @on(Input.Changed, "#choice-filter")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._catch_up()  # a no-op when enter or an arrow has already filtered on it

    @on(Input.Submitted, "#choice-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_pick()

    @on(OptionList.OptionSelected, "#choice-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.shown):
            self.answer(self.shown[event.option_index].key)

    def _catch_up(self) -> None:
        """Filter on what is typed now, if the list does not show that yet (enter right after a letter)."""
        if self._filtered_for != self.typed:
            self._refilter()

    def action_pick(self) -> None:
        if self._load is not None:  # still loading: enter picks as soon as there is something to pick
            self._pick_when_loaded = True
            return
        self._catch_up()
        key = self.highlighted_key
        if key is not None:
            self.answer(key)

    def action_move(self, delta: int) -> None:
        self._catch_up()
        if not self.shown:
            return
        index = self.options.highlighted
        self.options.highlighted = max(0, min(len(self.shown) - 1, (index or 0) + delta))

    def answer(self, key: str) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(Picker[str | None]):
    """Returns the key of the choice picked, or None when cancelled."""

    def answer(self, key: str) -> None:
        self.dismiss(key)
