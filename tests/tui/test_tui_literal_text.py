"""Document text is data: markup and escape codes in an article show as written and never act."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.widgets.panes.reader import ReaderPane
from tests.tui.tui_helpers import EXTRACTING, NARROW, press, settle, type_text, widget_text

TITLE = "[@click=app.quit]Click me[/] and [bold]not bold[/bold]"
BODY = (
    "A link: [link=https://example.com/x]innocent[/link] here.\n"
    "Colour codes: \x1b[31mred\x1b[0m and a bell \x07 end.\n"
    "Rich markup [red on white]styled?[/] and Textual [$accent]variable[/].\n"
)


@pytest.fixture
def hostile_app(tmp_path: Path) -> CaseviewApp:
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(TITLE + "\n" + BODY, encoding="utf-8")
    return make_app(corpus, settings=EXTRACTING)


async def test_markup_in_a_title_shows_literally_in_the_sources_list(hostile_app: CaseviewApp) -> None:
    app = hostile_app
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert "[@click=app.quit]Click me[/] and [bold]not bold[/bold]" in widget_text(app, "#sources-list")


async def test_clicking_an_injected_click_action_does_not_run_it(hostile_app: CaseviewApp) -> None:
    app = hostile_app
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        region = app.screen.query_one("#sources-list").content_region
        for column in range(region.x, region.x + 20):
            await pilot.click(offset=(column, region.y))
        await settle(pilot)
        assert app.is_running


async def test_the_reader_shows_markup_and_escape_codes_as_text(hostile_app: CaseviewApp) -> None:
    app = hostile_app
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        text = widget_text(app, "#reader-text")
        assert "[link=https://example.com/x]innocent[/link]" in text
        assert "␛[31mred␛[0m and a bell ␇ end." in text
        assert "[red on white]styled?[/] and Textual [$accent]variable[/]" in text
        assert "[@click=app.quit]Click me[/]" in widget_text(app, ".reader-header")


async def test_offsets_stay_exact_after_escape_codes(hostile_app: CaseviewApp) -> None:
    app = hostile_app
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "end")
        await press(pilot, "enter", "enter")
        reader = app.query_one(ReaderPane)
        mark = reader.trail.current
        assert reader.document.text[mark.start : mark.end] == "end"
        ((row, [(start, end)]),) = reader.view.layer_spans("current").items()
        assert reader.view.document.get_line(row)[start:end] == "end"


async def test_markup_in_a_search_snippet_shows_literally(hostile_app: CaseviewApp) -> None:
    app = hostile_app
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "innocent")
        await press(pilot, "enter")
        assert "[link=https://example.com/x]innocent[/link]" in widget_text(app, "#results-list")
