"""The entities and events panes, filled from the workspace's extraction (or saying it is not there)."""

from __future__ import annotations

import calendar
import json
from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.widgets.panes.reader import ReaderPane
from caseview.tui.widgets.reader_view import ReaderView
from caseview.tui.widgets.row_list import RowList
from tests.tui.tui_helpers import EXTRACTING, LEAN, WIDE, press, screen_text, settle, type_text, widget_text


@pytest.fixture
def app(extracting_app: CaseviewApp) -> CaseviewApp:
    """These tests are about entities, events and mentions: the app extracts them."""
    return extracting_app


def current_text(reader: ReaderPane) -> str:
    """The document text under the reader's current mark."""
    mark = reader.trail.current
    return reader.document.text[mark.start : mark.end]


async def open_entity(pilot, entity_id: str) -> None:
    """Enter on the entity (its profile), enter on the first mention there: the reader shows it."""
    await press(pilot, "3")
    pilot.app.screen.query_one("#entities-list", RowList).highlight(entity_id)
    await press(pilot, "enter")
    await press(pilot, "enter")


async def test_with_extraction_turned_off_the_panes_say_so(seed_corpus: Path) -> None:
    app = make_app(seed_corpus, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert "Extraction not available entity extraction is turned off" in widget_text(app, "#pane-entities")
        assert "Extraction not available" in widget_text(app, "#pane-events")
        assert "The case file is empty" in widget_text(app, "#pane-case")
        assert "entities n/a" in widget_text(app, "#status")
        assert app.main_screen.reader.check_action("toggle_mentions", ()) is False


async def test_entities_are_grouped_by_type_with_mention_and_document_counts(app: CaseviewApp) -> None:
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        rows = app.screen.query_one("#entities-list", RowList).shown_rows
        headers = [str(row.prompt) for row in rows if row.header]
        assert any(header.startswith("PERSON") for header in headers)
        assert "Scott Bessent 3 mentions · 3 docs" in widget_text(app, "#entities-list")


async def test_entities_can_be_filtered(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "3", "f", "B", "e", "s", "s", "e", "n", "t")
        shown = app.screen.query_one("#entities-list", RowList).shown_rows
        assert [row.key for row in shown if not row.header] == ["person:scott-bessent"]
        assert [str(row.prompt).split()[0] for row in shown if row.header] == ["PERSON"]


async def test_enter_on_an_entity_lists_its_mentions_and_opens_the_first(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_entity(pilot, "person:scott-bessent")
        reader = app.query_one(ReaderPane)
        assert isinstance(app.focused, ReaderView)
        assert current_text(reader) == "Scott Bessent"
        assert "mention 1 of 3 · Scott Bessent" in widget_text(app, ".reader-header")
        assert "“Scott Bessent” at" in widget_text(app, "#mentions-list")


async def test_n_steps_through_an_entitys_mentions_across_documents(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_entity(pilot, "person:scott-bessent")
        reader = app.query_one(ReaderPane)
        assert reader.document_id == "000_465b9804960b177b.txt"
        await press(pilot, "n")
        # The WSJ's misspelling is one of Bessent's mentions: the extractor merged it on evidence.
        assert reader.document_id == "002_029d7ec1a1d3b899.txt"
        assert current_text(reader) == "Scott Besant"
        assert "mention 2 of 3" in widget_text(app, ".reader-header")
        await press(pilot, "n")
        assert reader.document_id == "003_dcac92be05b45050.txt"
        assert current_text(reader) == "Scott Bessent"
        assert "mention 3 of 3" in widget_text(app, ".reader-header")
        await press(pilot, "N")
        assert reader.document_id == "002_029d7ec1a1d3b899.txt"


async def test_the_misspelt_name_is_merged_by_itself_and_a_split_makes_it_its_own_entity(app: CaseviewApp) -> None:
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await press(pilot, "3", "f")
        await type_text(pilot, "Besant")
        entities = app.screen.query_one("#entities-list", RowList)
        assert [row.key for row in entities.shown_rows if not row.header] == ["person:scott-bessent"]
        assert "Scott Bessent 3 mentions · 3 docs" in widget_text(app, "#entities-list")
        await press(pilot, "enter")
        await open_entity(pilot, "person:scott-bessent")
        assert "“Scott Besant” at" in widget_text(app, "#mentions-list")

        await press(pilot, "3", "s")
        await type_text(pilot, "Scott Besant")
        await press(pilot, "enter")
        assert app.main_screen.entities.extraction.entity("person:scott-besant") is not None
        await open_entity(pilot, "person:scott-besant")
        reader = app.query_one(ReaderPane)
        assert reader.document_id == "002_029d7ec1a1d3b899.txt"
        assert current_text(reader) == "Scott Besant"
        # The filter still says "Besant": now it finds the split-off entity alone.
        assert "Scott Besant 1 mention · 1 doc" in widget_text(app, "#entities-list")
        assert len(app.main_screen.entities.extraction.entity("person:scott-bessent").mentions) == 2

        await press(pilot, "ctrl+z")  # undoing the split merges them again
        assert app.main_screen.entities.extraction.entity("person:scott-besant") is None
        assert "Scott Bessent 3 mentions · 3 docs" in widget_text(app, "#entities-list")


async def test_enter_on_a_mention_opens_that_mention(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await open_entity(pilot, "person:scott-bessent")
        mentions = app.screen.query_one("#mentions-list", RowList)
        mentions.focus_list()
        mentions.highlight("2")
        await press(pilot, "enter")
        reader = app.query_one(ReaderPane)
        assert reader.document_id == "003_dcac92be05b45050.txt"
        assert reader.trail.position == 2


async def test_the_reader_marks_entity_mentions_and_e_hides_them(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        reader = app.query_one(ReaderPane)
        assert reader.view.layer_spans("mention")
        assert "entity mentions shown (e)" in widget_text(app, ".reader-header")
        await press(pilot, "e")
        assert not reader.view.layer_spans("mention")
        assert "entity mentions hidden (e)" in widget_text(app, ".reader-header")


@pytest.fixture
def dated_app(seed_corpus: Path) -> CaseviewApp:
    """The seeds with publication dates for two articles, so their relative dates resolve."""
    for name, published in (("000_465b9804960b177b.txt", "2026-04-16"), ("001_c0973cc29b59132c.txt", "2026-04-21")):
        (seed_corpus / f"{name}.meta.json").write_text(json.dumps({"date": published}), encoding="utf-8")
    return make_app(seed_corpus, settings=EXTRACTING)


async def test_the_timeline_lists_dated_events_in_order_and_undated_ones_last(dated_app: CaseviewApp) -> None:
    app = dated_app
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        extraction = screen.events.extraction
        assert extraction is not None
        rows = screen.query_one("#events-list", RowList).shown_rows
        events = [extraction.event(row.key) for row in rows if not row.header]  # headers: one per month
        dated = [event.when for event in events if event.resolved]
        assert dated and dated == sorted(dated)
        first_undated = next(i for i, event in enumerate(events) if not event.resolved)
        assert all(not event.resolved for event in events[first_undated:])
        undated = len(events) - len(dated)
        assert f"4 Events · {len(events)} ({undated} undated)" in screen_text(app)
        first = dated[0]
        assert widget_text(app, "#events-list").startswith(f"{calendar.month_name[first.month]} {first.year}")


async def test_enter_on_an_event_opens_its_evidence_highlighted(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        event_list = app.screen.query_one("#events-list", RowList)
        event = app.main_screen.events.extraction.event(event_list.highlighted_key)
        await press(pilot, "enter")
        reader = app.query_one(ReaderPane)
        assert reader.document_id == event.doc_id
        assert current_text(reader) == event.evidence
        assert "evidence 1 of 1" in widget_text(app, ".reader-header")
