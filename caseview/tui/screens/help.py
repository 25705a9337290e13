"""The help screen: every key of the app, generated from the key registry, filtered as you type."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from caseview.tui.keys import KEYS, KeySpec, Scope, bindings
from caseview.tui.list_rows import ListRow, filter_rows
from caseview.tui.render import MUTED

KEY_COLUMN = 14


def help_rows(specs: tuple[KeySpec, ...] = KEYS) -> list[ListRow]:
    """One header per scope, then one row per key: keys and what it does, and under it (muted) the longer
    help and the binding's id (what a keymap.toml names)."""
    rows: list[ListRow] = []
    for scope in Scope:
        members = [spec for spec in specs if spec.scope is scope]
        if not members:
            continue
        rows.append(
            ListRow(
                key=f"scope:{scope.value}",
                prompt=Content(scope.value.capitalize()).stylize("bold $text-accent"),
                header=True,
                group=scope.value,
            )
        )
        for spec in members:
            keys = spec.display_keys
            prompt = Content.assemble(
                Content(f"  {keys:<{KEY_COLUMN}}").stylize("bold $text-warning"),
                Content(spec.description),
                "\n",
                Content(f"  {'':<{KEY_COLUMN}}{spec.help}  [{spec.id}]").stylize(MUTED),
            )
            rows.append(
                ListRow(
                    key=spec.id,
                    prompt=prompt,
                    group=scope.value,
                    filter_text=f"{keys} {spec.keys} {spec.description} {spec.help} {scope.value} {spec.id}",
                )
            )
    return rows


class HelpScreen(ModalScreen[None]):
    """All keys, searchable; escape closes it."""

    BINDINGS = bindings(Scope.HELP)

    def __init__(self) -> None:
        super().__init__()
        self._rows = help_rows()

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static(
                Content.assemble(
                    Content("caseview keys").stylize("bold"), Content("  type to filter · Esc closes").stylize(MUTED)
                ),
                id="help-title",
            )
            yield Input(placeholder="filter keys…", id="help-filter", compact=True)
            yield OptionList(*self._options(""), id="help-keys", compact=True)

    def _options(self, query: str) -> list[Option]:
        return [Option(row.prompt, disabled=row.header) for row in filter_rows(self._rows, query)]

    @property
    def shown_text(self) -> list[str]:
        return [str(option.prompt) for option in self.query_one(OptionList).options]

    @on(Input.Changed, "#help-filter")
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one(OptionList)
        options.set_options(self._options(event.value))

    @on(Input.Submitted, "#help-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(OptionList).focus()

    def action_close(self) -> None:
        self.dismiss(None)
