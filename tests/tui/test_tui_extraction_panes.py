"""The entities and events panes: filled from the workspace's extraction, or saying it is not there."""

from __future__ import annotations

from caseview.tui.app import CaseviewApp
from caseview.tui.widgets.reader import ReaderPane, ReaderView
from caseview.tui.widgets.row_list import RowList
from tests.tui.tui_helpers import WIDE, press, screen_text, settle, widget_text


def current_text(reader: ReaderPane) -> str:
    """The document text under the reader's current mark."""
    mark = reader.trail.current
    return reader.document.text[mark.start : mark.end]


async def open_entity(pilot, name: str) -> None:
    entities = pilot.app.screen.query_one("#entities-list", RowList)
    await press(pilot, "3")
    key = next(row.key for row in entities.shown_rows if name in str(row.prompt))
    entities.highlight(key)
    await press(pilot, "enter")


async def test_without_extraction_the_panes_say_it_is_not_available(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "Extraction not available" in widget_text(app, "#pane-entities")
        assert "Extraction not available" in widget_text(app, "#pane-events")
        assert "entities n/a" in widget_text(app, "#status")


async def test_entities_are_grouped_by_type_with_mention_and_document_counts(extracting_app: CaseviewApp) -> None:
    app = extracting_app
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        text = widget_text(app, "#entities-list")
        assert "PERSON 1 Scott Bessent 3 mentions · 3 docs" in text
        assert "PRODUCT 1 Mythos" in text


async def test_entities_can_be_filtered_by_alias(extracting_app: CaseviewApp) -> None:
    app = extracting_app
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "3", "f", "B", "e", "s", "a", "n", "t")
        shown = app.screen.query_one("#entities-list", RowList).shown_rows
        assert [row.key for row in shown] == ["type:PERSON", "bessent"]


async def test_enter_on_an_entity_lists_its_mentions_and_opens_the_first(extracting_app: CaseviewApp) -> None:
    app = extracting_app
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_entity(pilot, "Scott Bessent")
        reader = app.query_one(ReaderPane)
        assert isinstance(app.focused, ReaderView)
        assert current_text(reader) == "Scott Bessent"
        assert "mention 1 of 3 · Scott Bessent" in widget_text(app, "#pane-reader")
        assert "“Scott Besant”" in widget_text(app, "#mentions-list")


async def test_n_steps_through_an_entitys_mentions_across_documents_including_the_misspelling(
    extracting_app: CaseviewApp,
) -> None:
    app = extracting_app
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_entity(pilot, "Scott Bessent")
        reader = app.query_one(ReaderPane)
        await press(pilot, "n")
        assert reader.document_id == "002_029d7ec1a1d3b899.txt"
        assert current_text(reader) == "Scott Besant"
        assert "mention 2 of 3" in widget_text(app, "#pane-reader")
        await press(pilot, "n")
        assert reader.document_id == "003_dcac92be05b45050.txt"
        await press(pilot, "N", "N")
        assert reader.document_id == "000_465b9804960b177b.txt"


async def test_enter_on_a_mention_opens_that_mention(extracting_app: CaseviewApp) -> None:
    app = extracting_app
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_entity(pilot, "Scott Bessent")
        mentions = app.screen.query_one("#mentions-list", RowList)
        mentions.focus_list()
        mentions.highlight("1")
        await press(pilot, "enter")
        reader = app.query_one(ReaderPane)
        assert current_text(reader) == "Scott Besant"


async def test_the_reader_underlines_entity_mentions_and_e_hides_them(extracting_app: CaseviewApp) -> None:
    app = extracting_app
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reader = app.query_one(ReaderPane)
        assert reader.view.layer_spans("mention")
        assert "entity mentions shown (e)" in widget_text(app, "#pane-reader")
        await press(pilot, "e")
        assert not reader.view.layer_spans("mention")
        assert "entity mentions hidden (e)" in widget_text(app, "#pane-reader")


async def test_the_timeline_lists_dated_events_first_and_marks_undated_ones(extracting_app: CaseviewApp) -> None:
    app = extracting_app
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        events = app.screen.query_one("#events-list", RowList)
        assert [row.key for row in events.shown_rows] == ["summoned", "authorised", "opposed"]
        text = widget_text(app, "#events-list")
        assert text.index("2026-04-06") < text.index("2026-04-20") < text.index("undated")
        assert "4 Events · 3 (1 undated)" in screen_text(app)


async def test_enter_on_an_event_opens_its_evidence_highlighted(extracting_app: CaseviewApp) -> None:
    app = extracting_app
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "4", "G", "enter")
        reader = app.query_one(ReaderPane)
        assert reader.document_id == "001_c0973cc29b59132c.txt"
        assert "explicitly opposed expanding" in current_text(reader)
        assert reader.view.layer_spans("current")
        assert "evidence 1 of 1 · oppose" in widget_text(app, "#pane-reader")
