"""Issue 13, bug 5: `s` and `p` select the sentence or paragraph without its list marker, so a
bulleted line ("- The Pentagon said…") reaches the memo and the CSV as the words themselves — no
`\\-` in the Markdown, no `'-` in the spreadsheet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from caseview.export import export_case
from caseview.tui.app import CaseviewApp, make_app
from caseview.workspace import Workspace
from tests.tui.annotate_helpers import open_at
from tests.tui.tui_helpers import LEAN, WIDE, press

BULLETED = (
    "Pentagon briefing\n"
    "- The Pentagon said it would review the contract. Officials declined to comment.\n"
    "• A second bullet, about the budget.\n"
    "2. A numbered point follows here.\n"
)


@pytest.fixture
def bulleted(tmp_path: Path) -> Path:
    corpus = tmp_path / "bulleted"
    corpus.mkdir()
    (corpus / "briefing.txt").write_text(BULLETED, encoding="utf-8")
    return corpus


@pytest.mark.parametrize(
    ("at", "key", "expected"),
    [
        ("Pentagon said", "s", "The Pentagon said it would review the contract."),
        ("Pentagon said", "p", "The Pentagon said it would review the contract. Officials declined to comment."),
        ("second bullet", "s", "A second bullet, about the budget."),
        ("numbered point", "p", "A numbered point follows here."),
    ],
)
async def test_s_and_p_skip_the_list_marker(bulleted: Path, at: str, key: str, expected: str) -> None:
    app: CaseviewApp = make_app(bulleted, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, "briefing.txt", BULLETED.index(at))
        await press(pilot, key)
        start, end = pane.view.selected_span()
        assert BULLETED[start:end] == expected


async def test_a_bulleted_sentence_exports_as_plain_words(bulleted: Path) -> None:
    app: CaseviewApp = make_app(bulleted, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, "briefing.txt", BULLETED.index("Pentagon said"))
        await press(pilot, "s")
        start, end = pane.view.selected_span()
    workspace = Workspace(bulleted)
    try:
        workspace.refresh()
        case = workspace.case()
        case.add_passage("briefing.txt", start=start, end=end)
        memo, table = export_case(case, "md"), export_case(case, "csv")
    finally:
        workspace.close()
    assert "> The Pentagon said it would review the contract." in memo and "\\-" not in memo
    (row,) = csv.DictReader(io.StringIO(table))
    assert row["quote"] == "The Pentagon said it would review the contract."
