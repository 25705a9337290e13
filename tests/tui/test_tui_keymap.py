"""Remapping keys from $XDG_CONFIG_HOME/caseview/keymap.toml (binding id = "key[,key]"), via App.set_keymap."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from caseview.tui.app import app_for, make_app
from caseview.tui.keys import binding_ids
from caseview.tui.settings import default_keymap_file, read_keymap
from tests.tui.tui_helpers import LEAN, WIDE, press, settle


def test_the_keymap_file_is_in_the_users_config_folder(tmp_path: Path) -> None:
    assert default_keymap_file() == tmp_path / "xdg-config" / "caseview" / "keymap.toml"


def test_bad_entries_are_named_and_the_good_ones_kept(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('export = "ctrl+e"\nno-such-key = "z"\nhelp = 3\n', encoding="utf-8")
    read = read_keymap(path, binding_ids())
    assert dict(read.keymap) == {"caseview.export": "ctrl+e"}
    assert len(read.problems) == 2
    assert read.problems[0].startswith("no-such-key: no such key binding")
    assert read.problems[1].startswith("help: give the keys as a string")


def test_an_unreadable_file_keeps_the_default_keys(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text("export = ", encoding="utf-8")
    read = read_keymap(path, binding_ids())
    assert not read.keymap and "cannot be read" in read.problems[0]


async def test_a_remapped_key_runs_its_action_and_the_old_key_does_not(seed_corpus: Path, tmp_path: Path) -> None:
    keymap = default_keymap_file()
    keymap.parent.mkdir(parents=True)
    keymap.write_text('"caseview.help" = "h"\nquit = "ctrl+q,Q"\n', encoding="utf-8")
    app = make_app(seed_corpus, settings=replace(LEAN, keymap_file=keymap))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        bound = app.screen.active_bindings
        assert bound["h"].binding.id == "caseview.help"
        assert "question_mark" not in bound  # ? is free now (in a list it starts the filter)
        assert bound["Q"].binding.action == "app.quit"
        await press(pilot, "h")
        assert type(app.screen).__name__ == "HelpScreen"


async def test_a_bad_keymap_says_so_once(seed_corpus: Path, tmp_path: Path) -> None:
    keymap = tmp_path / "keymap.toml"
    keymap.write_text('nope = "z"\n', encoding="utf-8")
    app = make_app(seed_corpus, settings=replace(LEAN, keymap_file=keymap))
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        notices = [(str(n.title), str(n.message)) for n in app._notifications]
    assert notices.count(("keymap.toml: entries ignored", notices[0][1])) == 1
    assert "nope: no such key binding" in notices[0][1]


async def test_the_first_run_without_a_folder_says_where_the_working_copy_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`caseview` with no folder opens a working copy of the bundled case made on first run, and the
    app says once where it is; the next run says nothing."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    first = app_for(None)
    home = tmp_path / "data" / "caseview" / "bundled-case"
    assert first.workspace.root == home.resolve()
    assert first.opening_notice is not None and str(home) in first.opening_notice
    async with first.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any(str(home) in str(notification.message) for notification in first._notifications)
    assert app_for(None).opening_notice is None
