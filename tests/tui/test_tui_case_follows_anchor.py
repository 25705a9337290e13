"""Issue 13, bug 2: a case item follows its annotation's anchor. After the analyst re-attaches the
annotation in the review queue, the case pane, ``case show`` and the memo stop calling the item
"orphaned" and say that it was re-anchored (quoting the passage as it reads now)."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.casefile.model import Grade
from caseview.cli import main
from caseview.export import export_case
from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.widgets.panes.case import CasePane
from caseview.workspace import Workspace
from tests.tui.case_fixtures import FT, OPPOSED
from tests.tui.tui_helpers import LEAN, press, settle, widget_text

REWORDED = "Several agencies have been in talks with Anthropic"


@pytest.fixture
def reworded_app(seed_corpus: Path) -> CaseviewApp:
    """A graded case passage; then the article rewords it (twice over, so the annotation needs review)."""
    workspace = Workspace(seed_corpus)
    workspace.refresh()
    case = workspace.case()
    item = case.add_passage(FT, quote=OPPOSED, section="Evidence")
    case.grade(item.id, Grade(reliability="B", credibility=2))
    workspace.close()
    path = seed_corpus / FT
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(OPPOSED, f"{REWORDED} (first) and {REWORDED}", 1), encoding="utf-8")
    return make_app(seed_corpus, settings=LEAN)


async def test_reattaching_in_review_clears_orphaned_everywhere(
    reworded_app: CaseviewApp, seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before the fix the item stayed "orphaned" in the pane, in `case show` and in the memo."""
    app = reworded_app
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await press(pilot, "R")
        await press(pilot, "r")  # re-attach to the best candidate
        await press(pilot, "escape")
        await settle(pilot)
        pane = widget_text(app, "#case-list")
        assert "orphaned" not in pane
        assert "#1 B2" in pane and "Several agencies have been in talks" in pane  # the passage as it reads now
        snapshot = app.query_one(CasePane).snapshot
        assert snapshot is not None
        (row,) = snapshot.items
        assert row.flags == ("re-anchored",)
    workspace = Workspace(seed_corpus)
    try:
        view = workspace.case().view()
        (entry,) = view.items
        assert "orphaned" not in entry.flags and "re-anchored" in entry.flags
        assert entry.quote.startswith(REWORDED) and entry.original_quote == OPPOSED
        memo = export_case(workspace.case(), "md")
    finally:
        workspace.close()
    assert "no longer in the current text" not in memo
    assert REWORDED in memo and "re-anchored" in memo
    assert main(["case", str(seed_corpus), "show"]) == 0
    shown = capsys.readouterr().out
    assert "orphaned" not in shown and "re-anchored" in shown and REWORDED in shown
