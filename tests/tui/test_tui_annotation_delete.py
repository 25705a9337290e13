"""Issue 13, bug 8 in the reader: `d` deletes the annotation at the cursor and ctrl+z brings it back;
`t` and `c` pressed with nothing selected say what to do instead of doing nothing; adding a passage
that is already in the case says where it is and highlights it (no second item)."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.widgets.panes.case import CasePane
from caseview.tui.widgets.panes.reader import NOTHING_SELECTED
from caseview.workspace import Workspace
from tests.tui.annotate_helpers import case_items, open_at, written_annotations
from tests.tui.case_fixtures import FT, OPPOSED
from tests.tui.tui_helpers import LEAN, WIDE, press, settle, type_text

TALKS = "Anthropic is in discussions with the US government"


def _notices(app: CaseviewApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


@pytest.fixture
def annotated_app(seed_corpus: Path) -> CaseviewApp:
    workspace = Workspace(seed_corpus)
    workspace.refresh()
    workspace.annotate_quote(FT, TALKS, tags=("talks",))
    workspace.case().add_passage(FT, quote=OPPOSED, section="Evidence")
    workspace.close()
    return make_app(seed_corpus, settings=LEAN)


async def test_d_deletes_the_annotation_and_ctrl_z_brings_it_back(
    annotated_app: CaseviewApp, seed_corpus: Path
) -> None:
    app = annotated_app
    async with app.run_test(size=WIDE) as pilot:
        text = (seed_corpus / FT).read_text(encoding="utf-8")
        await open_at(pilot, FT, text.index(TALKS) + 3)
        await press(pilot, "d")
        assert [w.exact for w in written_annotations(seed_corpus, FT)] == [OPPOSED]
        assert any(notice.startswith("deleted the annotation “Anthropic is in") for notice in _notices(app))
        await press(pilot, "ctrl+z")
        await settle(pilot)
        assert sorted(w.exact for w in written_annotations(seed_corpus, FT)) == sorted([TALKS, OPPOSED])


async def test_d_away_from_an_annotation_says_how_to_reach_one(annotated_app: CaseviewApp, seed_corpus: Path) -> None:
    app = annotated_app
    async with app.run_test(size=WIDE) as pilot:
        await open_at(pilot, FT, 0)
        await press(pilot, "d")
        assert any("No annotation at the cursor" in notice for notice in _notices(app))
        assert len(written_annotations(seed_corpus, FT)) == 2


@pytest.mark.parametrize("key", ["t", "c"])
async def test_t_and_c_without_a_selection_say_what_to_do(annotated_app: CaseviewApp, key: str) -> None:
    app = annotated_app
    async with app.run_test(size=WIDE) as pilot:
        await open_at(pilot, FT, 0)
        await press(pilot, key)
        assert NOTHING_SELECTED in _notices(app)


async def test_adding_a_passage_already_in_the_case_says_so_and_shows_it(
    annotated_app: CaseviewApp, seed_corpus: Path
) -> None:
    app = annotated_app
    async with app.run_test(size=(200, 50)) as pilot:
        text = (seed_corpus / FT).read_text(encoding="utf-8")
        pane = await open_at(pilot, FT, text.index(OPPOSED))
        pane.view.select_span(text.index(OPPOSED), text.index(OPPOSED) + len(OPPOSED))
        await press(pilot, "c")
        await type_text(pilot, "Findings")
        await press(pilot, "enter")
        assert any("already in the case as #1" in notice for notice in _notices(app))
        case_pane = app.query_one(CasePane)
        assert case_pane.highlighted_item is not None and case_pane.highlighted_item.number == 1
    assert len(case_items(seed_corpus)) == 1
