"""Correcting entities from the entities pane: the suggested Besant/Bessent merge, rename, hide —
saved in caseview-entities.json and shown everywhere at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp
from caseview.tui.dialogs.suggestions import SuggestionsDialog
from caseview.tui.widgets.row_list import RowList
from tests.tui.tui_helpers import WIDE, press, settle, type_text


@pytest.fixture
def app(extracting_app: CaseviewApp) -> CaseviewApp:
    """These tests are about entities, events and mentions: the app extracts them."""
    return extracting_app


def corrections(root: Path) -> list[dict]:
    data = json.loads((root / "caseview-entities.json").read_text(encoding="utf-8"))
    return data["corrections"]


def entity_names(app: CaseviewApp) -> list[str]:
    rows = app.screen.query_one("#entities-list", RowList).rows
    return [str(row.prompt).split("  ")[0] for row in rows if not row.header]


def assert_besant_is_highlighted(app: CaseviewApp) -> None:
    dialog = app.screen
    assert isinstance(dialog, SuggestionsDialog)
    assert dialog.highlighted_key is not None
    highlighted = next(c for c in dialog.shown if c.key == dialog.highlighted_key)
    assert (
        "Scott Besant ~ Scott Bessent" in highlighted.label.plain
        or "Scott Bessent ~ Scott Besant" in highlighted.label.plain
    )


async def _in_entities(pilot) -> None:
    await settle(pilot)
    await press(pilot, "3")


async def test_accepting_the_besant_suggestion_merges_the_two(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await _in_entities(pilot)
        assert {"Scott Besant", "Scott Bessent"} <= set(entity_names(app))
        await press(pilot, "S")
        assert_besant_is_highlighted(app)
        await press(pilot, "enter")
        names = entity_names(app)
        assert len([name for name in names if name.startswith("Scott Bes")]) == 1
    (made,) = corrections(seed_corpus)
    assert made["op"] == "accept" and set(made["entity_ids"]) == {"person:scott-besant", "person:scott-bessent"}


async def test_rejecting_a_suggestion_keeps_both(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await _in_entities(pilot)
        await press(pilot, "S")
        assert_besant_is_highlighted(app)
        await press(pilot, "d")
        assert {"Scott Besant", "Scott Bessent"} <= set(entity_names(app))
    assert [c["op"] for c in corrections(seed_corpus)] == ["reject"]


async def test_m_merges_the_highlighted_entity_with_a_picked_one(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await _in_entities(pilot)
        await type_text(pilot, "Besant")
        await press(pilot, "enter", "m")
        await type_text(pilot, "Bessent")
        await press(pilot, "enter", "enter")
        assert len([name for name in entity_names(app) if name.startswith("Scott Bes")]) == 1
    assert [c["op"] for c in corrections(seed_corpus)] == ["merge"]


async def test_r_renames_an_entity_everywhere(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await _in_entities(pilot)
        await type_text(pilot, "Besant")
        await press(pilot, "enter", "r", "ctrl+u")
        await type_text(pilot, "Scott Bessent (misspelt)")
        await press(pilot, "enter")
        assert "Scott Bessent (misspelt)" in entity_names(app)
    assert corrections(seed_corpus)[0]["value"] == "Scott Bessent (misspelt)"


async def test_h_hides_an_entity_and_ctrl_z_shows_it_again(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await _in_entities(pilot)
        await type_text(pilot, "Besant")
        await press(pilot, "enter", "h")
        assert "Scott Besant" not in entity_names(app)
        await press(pilot, "ctrl+z")
        assert "Scott Besant" in entity_names(app)


async def test_shift_t_changes_the_type(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await _in_entities(pilot)
        await type_text(pilot, "Besant")
        await press(pilot, "enter", "T")
        await type_text(pilot, "ORG")
        await press(pilot, "enter", "enter")
    (made,) = corrections(seed_corpus)
    assert made["op"] == "retype" and made["type"] == "ORG"
