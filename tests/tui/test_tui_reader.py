"""The reader: highlights drawn from document offsets, long documents, and the status of indexing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.messages import ExtractionProgress, IndexProgress
from caseview.tui.widgets.panes.reader import ReaderPane
from caseview.tui.widgets.reader_view import ReaderView
from tests.tui.tui_helpers import LEAN, WIDE, press, settle, type_text, widget_text


class ReaderOnly(App[None]):
    CSS_PATH = str(Path(__file__).resolve().parents[2] / "caseview" / "tui" / "caseview.tcss")

    def compose(self) -> ComposeResult:
        yield ReaderView()


async def test_changing_a_highlight_layer_redraws_the_lines_it_touches() -> None:
    app = ReaderOnly()
    async with app.run_test(size=(60, 10)) as pilot:
        view = app.query_one(ReaderView)
        view.show_text("alpha beta gamma\nsecond line")
        await pilot.pause()
        hit = view.get_component_rich_style("reader--hit")

        def highlighted() -> list[str]:
            return [
                segment.text
                for segment in view.render_line(0)
                if segment.style and segment.style.bgcolor == hit.bgcolor
            ]

        assert highlighted() == []
        view.set_layer("hit", [(6, 10)])
        assert highlighted() == ["beta"]
        view.set_layer("hit", [])
        assert highlighted() == []


@pytest.fixture
def long_line_app(tmp_path: Path) -> CaseviewApp:
    corpus = tmp_path / "long"
    corpus.mkdir()
    words = " ".join(f"filler{i}" for i in range(40_000))  # one line of about 350,000 characters
    (corpus / "long.txt").write_text("A very long line\n" + words + " needle at the end\n", encoding="utf-8")
    return make_app(corpus, settings=LEAN)


async def test_a_hit_at_the_end_of_a_very_long_line_is_highlighted_exactly(long_line_app: CaseviewApp) -> None:
    app = long_line_app
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "needle")
        await press(pilot, "enter", "enter")
        reader = app.query_one(ReaderPane)
        mark = reader.trail.current
        assert reader.document.text[mark.start : mark.end] == "needle"
        ((row, [(start, end)]),) = reader.view.layer_spans("current").items()
        assert reader.view.document.get_line(row)[start:end] == "needle"
        assert "needle at the end" in widget_text(app, "#reader-text")


async def test_indexing_progress_shows_in_the_status_line(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.main_screen.post_message(IndexProgress(250, 1000, "doc.txt"))
        await pilot.pause()
        assert "indexing 250/1,000 (25%)" in widget_text(app, "#status")


async def test_extraction_progress_shows_in_the_status_line(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        app.main_screen.post_message(ExtractionProgress(30, 120))
        await pilot.pause()
        assert "extracting entities 30/120" in widget_text(app, "#status")
