"""The key registry is the single source of the footer, help and palette."""

from __future__ import annotations

from caseview.tui.keys import KEYS, Scope, bindings, palette_commands
from caseview.tui.screens.help import help_rows


def test_every_key_has_a_unique_id() -> None:
    ids = [spec.id for spec in KEYS]
    assert len(ids) == len(set(ids))


def test_no_key_is_bound_twice_in_one_scope() -> None:
    for scope in Scope:
        keys = [key for spec in KEYS if spec.scope is scope for key in spec.keys.split(",")]
        assert len(keys) == len(set(keys)), scope


def test_bindings_carry_the_ids_and_descriptions_of_the_registry() -> None:
    made = {binding.id: binding for binding in bindings(*Scope)}
    for spec in KEYS:
        if spec.builtin:
            assert spec.id not in made
        else:
            assert made[spec.id].description == spec.description
            assert made[spec.id].tooltip == spec.help


def test_palette_actions_run_on_the_screen_the_app_or_the_pane_that_owns_them() -> None:
    for spec in palette_commands():
        assert spec.action.startswith(("screen.", "app.")) or spec.pane is not None, spec.name


def test_the_help_rows_hold_every_key_under_its_scope() -> None:
    rows = help_rows()
    row_ids = [row.key for row in rows if not row.header]
    assert row_ids == [spec.id for scope in Scope for spec in KEYS if spec.scope is scope]
    assert {row.group for row in rows if row.header} == {spec.scope.value for spec in KEYS}
