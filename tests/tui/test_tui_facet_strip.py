"""The facet counts under the search results (issue 13, point 11): shown with each search, chosen with
v ←/→ enter to narrow the search (the clause is in the search line), enter on a value in use widens it."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp
from caseview.tui.widgets.facet_strip import FacetStrip
from tests.tui.test_tui_facets import search
from tests.tui.tui_helpers import NARROW, WIDE, press, settle, stop_blinking


def strip_of(app: CaseviewApp) -> FacetStrip:
    return app.main_screen.sources.query_one(FacetStrip)


async def test_counts_are_shown_and_chosen_by_keyboard_to_narrow(app: CaseviewApp) -> None:
    """After "Anthropic": the outlets with counts under the results; v → enter keeps the search to the
    second value, which the search line shows; enter on it again (now in use) widens the search back."""
    async with app.run_test(size=WIDE) as pilot:
        strip = strip_of(app)
        assert not strip.display  # no search, no counts
        await search(pilot, "Anthropic")
        before = app.main_screen.sources.results
        assert before is not None and before.total > 1
        assert strip.display and strip.values
        shown = strip.render().plain
        first, second = strip.values[0], strip.values[1]
        assert first.facet == "outlet" and shown.startswith(f"outlet {first.label} {first.count}")
        assert f"{second.label} {second.count}" in shown
        await press(pilot, "v")
        assert app.focused is strip
        await press(pilot, "right", "enter")
        await settle(pilot)
        narrowed = f"(Anthropic) AND {second.clause}"
        assert app.main_screen.search_bar.query_text == narrowed
        results = app.main_screen.sources.results
        assert results is not None and results.query == narrowed and results.total == second.count
        assert {hit.doc_id for hit in results.hits} < {hit.doc_id for hit in before.hits}
        # Now the value is in use: enter on it (the strip's first value of its facet) widens the search again.
        assert strip.query_text == narrowed
        await press(pilot, "v")
        index = next(i for i, value in enumerate(strip.values) if value.clause == second.clause)
        await press(pilot, *["right"] * index, "enter")
        await settle(pilot)
        assert app.main_screen.search_bar.query_text == "Anthropic"
        widened = app.main_screen.sources.results
        assert widened is not None and widened.total == before.total


async def test_escape_goes_back_to_the_results_and_esc_there_clears(app: CaseviewApp) -> None:
    """Escape in the strip goes back to the results list (the search stays); the strip hides with the search."""
    async with app.run_test(size=NARROW) as pilot:
        await search(pilot, "Pentagon")
        strip = strip_of(app)
        await press(pilot, "v", "escape")
        assert app.focused is not strip and app.main_screen.sources.results is not None
        assert max(len(line) for line in strip.render().plain.split("\n")) <= strip.content_region.width
        await press(pilot, "escape")
        await settle(pilot)
        assert app.main_screen.sources.results is None and not strip.display


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_facet_strip_snapshot(snap_compare, app: CaseviewApp, size: tuple[int, int]) -> None:
    """The counts under the results of "Anthropic", the second value chosen."""

    async def run_before(pilot: Pilot) -> None:
        await search(pilot, "Anthropic")
        await press(pilot, "v", "right")
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
