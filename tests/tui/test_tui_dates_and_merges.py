"""Issue 14 in the app: `D` in the sources pane sets, corrects or clears a document's publication
date (stored in its .meta.json, the timeline re-resolving), and `u` in the entities pane undoes the
automatic Besant/Bessent merge whose reason the pane shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.dialogs.publication_date import PublicationDateDialog
from caseview.tui.widgets.row_list import RowList
from tests.tui.tui_helpers import EXTRACTING, press, settle, type_text, widget_text

DOC_001 = "001_c0973cc29b59132c.txt"
BESSENT, BESANT = "person:scott-bessent", "person:scott-besant"
REASON = "same title and first name, similar surname, 3 shared co-mentions"
SIZE = (200, 60)


@pytest.fixture
def app(extracting_app: CaseviewApp) -> CaseviewApp:
    return extracting_app


def _sidecar(root: Path, name: str) -> dict[str, object]:
    return json.loads((root / f"{name}.meta.json").read_text("utf-8"))


def _last_week_events(app: CaseviewApp) -> list[str | None]:
    """Where the events pane places 001's "announced last week" event (its time's first day)."""
    extraction = app.main_screen.events.extraction
    assert extraction is not None
    return [
        event.when.isoformat() if event.when else None
        for event in extraction.events
        if event.doc_id == DOC_001 and event.time_text == "last week"
    ]


async def _date_dialog_for(pilot, doc_id: str) -> PublicationDateDialog:
    await press(pilot, "1")
    pilot.app.screen.query_one("#sources-list", RowList).highlight(doc_id)
    await press(pilot, "D")
    dialog = pilot.app.screen
    assert isinstance(dialog, PublicationDateDialog)
    return dialog


async def test_d_sets_a_month_date_the_sidecar_keeps_it_and_the_timeline_resolves(
    app: CaseviewApp, seed_corpus: Path
) -> None:
    """Guards `D`: typing 2026-04 for the undated 001 stores "2026-04" in its sidecar, the source row
    shows "April 2026", and 001's "last week" event is placed in April 2026 (it was undated)."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = _last_week_events(app)
        assert before and all(when is None for when in before)
        dialog = await _date_dialog_for(pilot, DOC_001)
        assert dialog.current is None and "undated" in dialog.known
        await type_text(pilot, "2026-04")
        await press(pilot, "enter")
        await settle(pilot)
        assert _sidecar(seed_corpus, DOC_001)["date"] == "2026-04"
        assert "April 2026" in widget_text(app, "#sources-list")
        assert _last_week_events(app) == ["2026-04-01"] * len(before)

        dialog = await _date_dialog_for(pilot, DOC_001)
        assert dialog.current == "2026-04"  # the dialog starts from the date as stored now


async def test_a_bad_date_is_refused_in_the_dialog_and_escape_changes_nothing(
    app: CaseviewApp, seed_corpus: Path
) -> None:
    """Guards bad input in the dialog: the reason is shown, the dialog stays, the sidecar is unchanged."""
    before = (seed_corpus / f"{DOC_001}.meta.json").read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await _date_dialog_for(pilot, DOC_001)
        await type_text(pilot, "2026-14")
        await press(pilot, "enter")
        assert isinstance(app.screen, PublicationDateDialog)
        assert "month 14 is not 1–12" in widget_text(app, "#date-hint")
        await press(pilot, "escape")
        assert not isinstance(app.screen, PublicationDateDialog)
    assert (seed_corpus / f"{DOC_001}.meta.json").read_bytes() == before


async def test_an_empty_line_clears_the_date(app: CaseviewApp, seed_corpus: Path) -> None:
    """Guards clearing: 004's month date ("2026-06") goes, its outlet stays, the row says undated."""
    doc = "004_8f20206c802690a7.txt"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await _date_dialog_for(pilot, doc)
        assert dialog.current == "2026-06"
        dialog.query_one("#date-answer").value = ""
        await press(pilot, "enter")
        await settle(pilot)
    stored = _sidecar(seed_corpus, doc)
    assert "date" not in stored and stored["outlet"] == "Beyond Market Intelligence"


async def test_u_undoes_the_automatic_merge_shown_with_its_reason_and_it_stays_undone(seed_corpus: Path) -> None:
    """Guards `u`: the entities pane shows why Besant was merged into Bessent; `u` splits them (a stored
    correction), and a new app on the folder still shows them apart (where `u` is then disabled)."""
    app = make_app(seed_corpus, settings=EXTRACTING)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        entities = app.screen.query_one("#entities-list", RowList)
        entities.highlight(BESSENT)
        assert f"merged “Scott Besant”: {REASON}" in widget_text(app, "#entities-list")
        await press(pilot, "u")
        await settle(pilot)
        extraction = app.main_screen.entities.extraction
        assert extraction is not None and extraction.entity(BESANT) is not None
        assert REASON not in widget_text(app, "#entities-list")
    corrections = json.loads((seed_corpus / "caseview-entities.json").read_text("utf-8"))["corrections"]
    assert [(c["op"], c["value"]) for c in corrections] == [("split", "Scott Besant")]

    reopened = make_app(seed_corpus, settings=EXTRACTING)
    async with reopened.run_test(size=SIZE) as pilot:
        await settle(pilot)
        extraction = reopened.main_screen.entities.extraction
        assert extraction is not None and extraction.entity(BESANT) is not None
        await press(pilot, "3")
        reopened.screen.query_one("#entities-list", RowList).highlight(BESSENT)
        await press(pilot, "u")  # nothing merged automatically any more: the key does nothing harmful
        extraction = reopened.main_screen.entities.extraction
        assert extraction is not None and extraction.entity(BESANT) is not None
