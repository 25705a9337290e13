"""The events pane as a timeline (issue 14): grouped by month in date order, undated last; an event
placed by its source's publication date says so; each row gives its number of sources; the
flags are shown with their kind."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.timeline_view import interval_label
from caseview.tui.widgets.row_list import RowList
from tests.tui.tui_helpers import EXTRACTING, settle


@pytest.fixture
def dated_app(seed_corpus: Path) -> CaseviewApp:
    """The seeds with a month date for the two undated articles (as an analyst would set them)."""
    for name, published in (("001_c0973cc29b59132c.txt", "2026-04"), ("002_029d7ec1a1d3b899.txt", "2026-05")):
        (seed_corpus / f"{name}.meta.json").write_text(json.dumps({"date": published}), encoding="utf-8")
    return make_app(seed_corpus, settings=EXTRACTING)


def test_interval_labels_say_only_what_changes():
    """Guards the compact date labels of the narrow pane."""
    assert interval_label(date(2026, 4, 14), None) == "2026-04-14"
    assert interval_label(date(2026, 4, 1), date(2026, 4, 30)) == "April 2026"
    assert interval_label(date(2026, 1, 1), date(2026, 12, 31)) == "2026"
    assert interval_label(date(2026, 4, 6), date(2026, 4, 12)) == "2026-04-06–12"
    assert interval_label(date(2026, 4, 27), date(2026, 5, 3)) == "2026-04-27–05-03"
    assert interval_label(date(2025, 12, 29), date(2026, 1, 4)) == "2025-12-29–2026-01-04"


async def test_the_timeline_is_grouped_by_month_with_sources_placement_and_flags(dated_app: CaseviewApp) -> None:
    """Guards the pane's rows on the dated seeds: month headers in order with nothing undated, rows
    placed by a publication date marked "(publication date)", "2 sources" on a collapsed rewrite,
    and every flag shown by its kind (with 001 dated April, its opposition and 004's June
    authorisation are a development; the organisation counts a number discrepancy)."""
    app = dated_app
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        rows = app.screen.query_one("#events-list", RowList).rows
        headers = [row.prompt.plain.split("  ")[0] for row in rows if row.header]
        assert "undated" not in headers
        months = [date(int(h.split()[1]), _month(h.split()[0]), 1) for h in headers if " " in h]
        assert months and months == sorted(months)
        texts = [row.prompt.plain for row in rows if not row.header]
        assert any("(publication date)" in text for text in texts)
        assert any(text.split("\n")[0].split("  ")[1].startswith("2 sources") for text in texts)
        shown = {line.split(":")[0] for text in texts for line in text.split("\n") if line.startswith("⚑ ")}
        flagged = {flag.kind for event in app.main_screen.events.extraction.events for flag in event.flags}
        assert shown == {"⚑ " + kind.replace("_", " ") for kind in flagged}
        assert {"development", "number_discrepancy"} <= flagged  # 001 (April) opposed, 004 (June) authorised


def _month(name: str) -> int:
    import calendar

    return list(calendar.month_name).index(name)
