"""The entity profile (enter on an entity): documents, mentions in context, co-occurring entities, its keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp
from caseview.tui.screens.entity_profile import EntityProfileScreen
from caseview.tui.screens.main import MainScreen
from caseview.tui.widgets.row_list import RowList
from tests.tui.annotate_helpers import case_items
from tests.tui.tui_helpers import NARROW, WIDE, press, settle, stop_blinking, widget_text

BESSENT = "person:scott-bessent"


@pytest.fixture
def app(extracting_app: CaseviewApp) -> CaseviewApp:
    return extracting_app


async def open_profile(pilot: Pilot, entity_id: str = BESSENT) -> EntityProfileScreen:
    await settle(pilot)
    await press(pilot, "3")
    pilot.app.screen.query_one("#entities-list", RowList).highlight(entity_id)
    await press(pilot, "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EntityProfileScreen)
    return screen


async def test_profile_shows_documents_mentions_and_co_occurring(app: CaseviewApp) -> None:
    """Bessent's profile: 3 mentions in 3 documents, each in its sentence; co-occurring entities, most first."""
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_profile(pilot)
        assert "Scott Bessent PERSON · 3 mentions in 3 documents" in widget_text(app, "#profile-title")
        mentions = screen.query_one("#profile-mentions", RowList)
        assert len(mentions.rows) == 3
        profile = screen.profile
        assert profile is not None
        assert all(m.text in m.sentence for m in profile.mentions)
        together = [row.key for row in screen.query_one("#profile-together", RowList).rows]
        assert together == [c.entity_id for c in profile.co_occurring] and together
        counts = [c.sentences for c in profile.co_occurring]
        assert counts == sorted(counts, reverse=True)


async def test_enter_on_a_mention_opens_it_in_the_reader(app: CaseviewApp) -> None:
    """Enter on the third mention: the profile closes, the reader is at mention 3 of 3."""
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot)
        await press(pilot, "j", "j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        reader = app.main_screen.reader
        assert reader.trail is not None and reader.trail.describe() == "mention 3 of 3 · Scott Bessent"
        assert reader.document_id == reader.trail.current.doc_id


async def test_slash_searches_for_the_entity(app: CaseviewApp) -> None:
    """/ in the profile: the search bar holds entity:"Scott Bessent" and the results list its documents."""
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot)
        await press(pilot, "slash")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.main_screen.search_bar.query_text == 'entity:"Scott Bessent"'
        results = app.main_screen.sources.results
        assert results is not None and results.total == 3


async def test_c_adds_the_entity_to_the_case(app: CaseviewApp, seed_corpus: Path) -> None:
    """c in the profile writes the entity into case.json (with its mentions)."""
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot)
        await press(pilot, "c")
        await settle(pilot)
        items = case_items(seed_corpus)
        assert [item["kind"] for item in items] == ["entity"]
        assert "Scott Bessent" in str(items[0])


async def test_enter_on_a_co_occurring_entity_shows_its_profile(app: CaseviewApp) -> None:
    """Tab to the documents, tab to the co-occurring list, enter: that entity's profile replaces this one."""
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_profile(pilot)
        assert screen.profile is not None
        first = screen.profile.co_occurring[0]
        await press(pilot, "tab", "tab", "enter")
        await settle(pilot)
        assert screen.profile.entity_id == first.entity_id
        assert first.name in widget_text(app, "#profile-title")


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_entity_profile_snapshot(snap_compare, app: CaseviewApp, size: tuple[int, int]) -> None:
    """Scott Bessent's profile: documents, co-occurring entities and his mentions, highlighted in their sentences."""

    async def run_before(pilot: Pilot) -> None:
        await open_profile(pilot)
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
