"""The help screen and the command palette, both generated from the key registry."""

from __future__ import annotations

from textual.command import CommandPalette

from caseview.tui.app import CaseviewApp
from caseview.tui.keys import KEYS
from caseview.tui.screens.help import HelpScreen
from tests.tui.tui_helpers import WIDE, press, screen_text, settle, type_text


async def test_question_mark_opens_help_listing_every_key(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(app.screen.shown_text)
        for spec in KEYS:
            assert spec.description in shown
            assert spec.display_keys in shown


async def test_typing_in_help_filters_the_keys(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        await type_text(pilot, "palette")
        text = screen_text(app)
        assert "Ctrl+P" in text
        assert "Command palette: every action, and the colour theme" in text
        assert "Go to the next search hit" not in text


async def test_help_filter_matches_keys_too(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        await type_text(pilot, "PgDn")
        shown = app.screen.shown_text
        assert shown and all("PgDn" in line or not line.startswith("  ") for line in shown)


async def test_escape_closes_help(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark", "escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_the_palette_offers_caseview_actions_with_their_keys(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        assert CommandPalette.is_open(app)
        await type_text(pilot, "go to events")
        await pilot.pause(0.3)
        assert "Go to the events pane  (key: 4)" in screen_text(app)


async def test_running_a_palette_command_does_it(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "go to events")
        await pilot.pause(0.3)
        await press(pilot, "enter")
        assert not CommandPalette.is_open(app)
        assert app.focused.parent.id == "events-list"


async def test_the_palette_has_the_theme_switcher(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        await type_text(pilot, "theme")
        await pilot.pause(0.3)
        assert "Change the current theme" in screen_text(app)


async def test_the_palette_leaves_out_actions_that_do_not_apply_yet(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Help: all keys" in titles
        assert "Next hit or mention" not in titles  # nothing to step through before a search
        assert "Clear search: list all sources" not in titles
