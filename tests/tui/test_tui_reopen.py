"""Issue 13, bug 10: the app opens where it was left. The theme, and per corpus the open document and
the cursor's place in it, come back on the next run; a state file that is damaged or names a
document that is gone is ignored."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from caseview.tui.app import make_app
from caseview.tui.settings import read_place
from tests.tui.annotate_helpers import open_at
from tests.tui.tui_helpers import LEAN, WIDE, press, settle

DOC_003 = "003_dcac92be05b45050.txt"


async def test_theme_document_and_position_come_back(seed_corpus: Path, tmp_path: Path) -> None:
    settings = replace(LEAN, state_file=tmp_path / "state" / "session.json")
    text = (seed_corpus / DOC_003).read_text(encoding="utf-8")
    offset = text.index("Earlier this month")
    first = make_app(seed_corpus, settings=settings)
    async with first.run_test(size=WIDE) as pilot:
        await open_at(pilot, DOC_003, offset)
        first.theme = "nord"
        await press(pilot, "q")
    assert read_place(settings.state_file, seed_corpus).document == DOC_003
    again = make_app(seed_corpus, settings=settings)
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        reader = again.main_screen.reader
        assert again.theme == "nord"
        assert reader.document_id == DOC_003 and reader.view.cursor_offset() == offset


async def test_a_damaged_state_file_or_a_vanished_document_is_ignored(seed_corpus: Path, tmp_path: Path) -> None:
    state = tmp_path / "session.json"
    state.write_text("{not json", encoding="utf-8")
    settings = replace(LEAN, state_file=state)
    app = make_app(seed_corpus, settings=settings)
    async with app.run_test(size=WIDE) as pilot:
        await open_at(pilot, DOC_003, 10)
        await press(pilot, "q")
    (seed_corpus / DOC_003).unlink()
    again = make_app(seed_corpus, settings=settings)
    async with again.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert again.main_screen.reader.document_id is None
        assert not [n for n in again._notifications if n.severity == "error"]
