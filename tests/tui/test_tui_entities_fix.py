"""Correcting entities from the entities pane: a suggested merge (the Hal Venick ~ Hal Vennick
look-alikes), merge, rename, hide — saved in caseview-entities.json and shown everywhere at once.

The seeds themselves have no suggestion any more (Besant is merged into Bessent on evidence), so the
suggestion tests add the look-alike pair; merge and hide act on entities the seeds keep separate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.dialogs.suggestions import SuggestionsDialog
from caseview.tui.widgets.row_list import RowList
from tests.extract.extract_helpers import LOOKALIKES
from tests.tui.tui_helpers import EXTRACTING, WIDE, press, screen_text, settle, type_text

VENICK, VENNICK = "person:hal-venick", "person:hal-vennick"


@pytest.fixture
def app(extracting_app: CaseviewApp) -> CaseviewApp:
    """These tests are about entities, events and mentions: the app extracts them."""
    return extracting_app


@pytest.fixture
def lookalike_app(seed_corpus: Path) -> CaseviewApp:
    """The extracting app on the seeds plus two articles naming the look-alike pair (a suggestion)."""
    for name, text in LOOKALIKES.items():
        (seed_corpus / name).write_text(text, encoding="utf-8")
    return make_app(seed_corpus, settings=EXTRACTING)


def corrections(root: Path) -> list[dict]:
    data = json.loads((root / "caseview-entities.json").read_text(encoding="utf-8"))
    return data["corrections"]


def entity_names(app: CaseviewApp) -> list[str]:
    rows = app.screen.query_one("#entities-list", RowList).rows
    return [str(row.prompt).split("  ")[0] for row in rows if not row.header]


def assert_lookalikes_are_highlighted(app: CaseviewApp) -> None:
    dialog = app.screen
    assert isinstance(dialog, SuggestionsDialog)
    assert dialog.highlighted_key is not None
    highlighted = next(c for c in dialog.shown if c.key == dialog.highlighted_key)
    assert (
        "Hal Venick ~ Hal Vennick" in highlighted.label.plain or "Hal Vennick ~ Hal Venick" in highlighted.label.plain
    )


async def _in_entities(pilot) -> None:
    await settle(pilot)
    await press(pilot, "3")


async def test_accepting_the_lookalike_suggestion_merges_the_two(lookalike_app: CaseviewApp, seed_corpus: Path) -> None:
    app = lookalike_app
    async with app.run_test(size=WIDE) as pilot:
        await _in_entities(pilot)
        assert {"Hal Venick", "Hal Vennick"} <= set(entity_names(app))
        await press(pilot, "S")
        assert_lookalikes_are_highlighted(app)
        await press(pilot, "enter")
        names = entity_names(app)
        assert len([name for name in names if name.startswith("Hal Ven")]) == 1
    (made,) = corrections(seed_corpus)
    assert made["op"] == "accept" and set(made["entity_ids"]) == {VENICK, VENNICK}


async def test_rejecting_a_suggestion_keeps_both(lookalike_app: CaseviewApp, seed_corpus: Path) -> None:
    app = lookalike_app
    async with app.run_test(size=WIDE) as pilot:
        await _in_entities(pilot)
        await press(pilot, "S")
        assert_lookalikes_are_highlighted(app)
        await press(pilot, "d")
        assert {"Hal Venick", "Hal Vennick"} <= set(entity_names(app))
    assert [c["op"] for c in corrections(seed_corpus)] == ["reject"]


async def test_without_look_alikes_the_suggestions_say_there_are_none(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await _in_entities(pilot)
        await press(pilot, "S")
        dialog = app.screen
        assert isinstance(dialog, SuggestionsDialog) and dialog.shown == [] and dialog.highlighted_key is None
        assert "no suggested merges: the entities look distinct" in screen_text(app)


async def test_m_merges_the_highlighted_entity_with_a_picked_one(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await _in_entities(pilot)
        assert {"Donald Trump", "Trump administration"} <= set(entity_names(app))
        await type_text(pilot, "Donald")
        await press(pilot, "enter", "m")
        await type_text(pilot, "Trump administration")
        await press(pilot, "enter")  # one enter picks (a second would open the entity's profile)
        assert len({"Donald Trump", "Trump administration"} & set(entity_names(app))) == 1
    (made,) = corrections(seed_corpus)
    assert made["op"] == "merge" and set(made["entity_ids"]) == {"person:donald-trump", "gov_body:trump-administration"}


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
        assert "Donald Trump" in entity_names(app)
        await type_text(pilot, "Donald")
        await press(pilot, "enter", "h")
        assert "Donald Trump" not in entity_names(app)
        await press(pilot, "ctrl+z")
        assert "Donald Trump" in entity_names(app)
    assert [c["op"] for c in corrections(seed_corpus)] == []  # the undo took the hide back off disk


async def test_shift_t_changes_the_type(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await _in_entities(pilot)
        await type_text(pilot, "Besant")
        await press(pilot, "enter", "T")
        await type_text(pilot, "ORG")
        await press(pilot, "enter")
    (made,) = corrections(seed_corpus)
    assert made["op"] == "retype" and made["type"] == "ORG"
