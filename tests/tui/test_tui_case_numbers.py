"""Issue 13, bug 6: item numbers keep naming the same item. A passage added to an earlier section
gets the next number ("added #4"), the note that was #3 stays #3 in the pane, in the undo message
and for the CLI verbs that take a number."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.cli import main
from caseview.tui.app import CaseviewApp, make_app
from tests.tui.annotate_helpers import open_at
from tests.tui.case_fixtures import build_case, case_json
from tests.tui.tui_helpers import LEAN, press, settle, type_text, widget_text

DOC_003 = "003_dcac92be05b45050.txt"


@pytest.fixture
def case_app(seed_corpus: Path) -> CaseviewApp:
    build_case(seed_corpus)  # #1, #2 passages in 'Evidence', #3 a note in 'Open questions'
    return make_app(seed_corpus, settings=LEAN)


def _notices(app: CaseviewApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_adding_to_an_earlier_section_keeps_every_number(
    case_app: CaseviewApp, seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = case_app
    async with app.run_test(size=(200, 80)) as pilot:
        await settle(pilot)
        text = (seed_corpus / DOC_003).read_text(encoding="utf-8")
        await open_at(pilot, DOC_003, text.index("Earlier this month"))
        await press(pilot, "s", "c")
        await type_text(pilot, "Evidence")
        await press(pilot, "enter")
        assert any(notice.startswith("added #4 to the case file") for notice in _notices(app))
        listing = widget_text(app, "#case-list")
        assert listing.index("#4") < listing.index("Open questions") < listing.index("#3 Who authorised")
        await press(pilot, "ctrl+z")
        assert any("add #4 passage" in notice for notice in _notices(app))
        await press(pilot, "ctrl+y")
        await settle(pilot)
    numbers = {item.get("text", item["kind"]): item["number"] for item in case_json(seed_corpus)["items"]}
    assert numbers["Who authorised the 100 organisations?"] == 3
    assert main(["case", str(seed_corpus), "note", "3", "still the note"]) == 0
    out = capsys.readouterr().out
    assert "#3" in out and "note" in out
    note = next(item for item in case_json(seed_corpus)["items"] if item["kind"] == "note")
    assert note["text"] == "still the note"
