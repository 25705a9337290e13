"""Snapshots of the case pane (numbered items, grade, links) and of the review queue, at 120×40."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from caseview.casefile.model import Grade
from caseview.tui.app import make_app
from caseview.workspace import Workspace
from tests.tui.case_fixtures import FT, OPPOSED, build_case
from tests.tui.tui_helpers import EXTRACTING, WIDE, press, settle, stop_blinking


async def ready(pilot: Pilot) -> None:
    await settle(pilot)
    stop_blinking(pilot.app)
    await pilot.pause()


def test_case_pane_with_a_link_and_a_grade(snap_compare, seed_corpus: Path) -> None:
    """The case pane focused: #1 graded B2 with one link, its "→ contradicts #2" line under the list."""
    build_case(seed_corpus)
    workspace = Workspace(seed_corpus)
    case = workspace.case()
    first, second = (item.id for item in case.load().ordered_items()[:2])
    case.link(first, second, "contradicts", "100+ authorised vs opposed")
    case.grade(first, Grade(reliability="B", credibility=2))
    workspace.close()

    async def focus_case(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "5")
        await ready(pilot)

    assert snap_compare(make_app(seed_corpus, settings=EXTRACTING), terminal_size=WIDE, run_before=focus_case)


def test_review_queue(snap_compare, seed_corpus: Path) -> None:
    """The review queue for a quote that now occurs twice: the original beside the best candidate."""
    workspace = Workspace(seed_corpus)
    workspace.refresh()
    workspace.annotate_quote(FT, OPPOSED, tags=("opposed",))
    workspace.close()
    path = seed_corpus / FT
    path.write_text(path.read_text(encoding="utf-8").replace(OPPOSED, OPPOSED + " " + OPPOSED, 1), encoding="utf-8")

    async def open_review(pilot: Pilot) -> None:
        await settle(pilot)
        await press(pilot, "R")
        await ready(pilot)

    assert snap_compare(make_app(seed_corpus, settings=EXTRACTING), terminal_size=WIDE, run_before=open_review)
