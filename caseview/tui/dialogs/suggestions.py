"""Suggested entity merges: the list has the focus; enter accepts the highlighted one, d rejects it."""

from __future__ import annotations

from caseview.tui.dialogs.choice import ChoiceDialog
from caseview.tui.keys import Scope, bindings


class SuggestionsDialog(ChoiceDialog):
    """Returns ``accept:<id>`` or ``reject:<id>`` for the highlighted suggestion, or None."""

    AUTO_FOCUS = "#choice-list"
    BINDINGS = bindings(Scope.SUGGESTIONS)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#choice-filter").display = False

    def answer(self, key: str) -> None:
        self.dismiss(f"accept:{key}")

    def action_reject(self) -> None:
        key = self.highlighted_key
        if key is not None:
            self.dismiss(f"reject:{key}")
