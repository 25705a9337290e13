"""The reader's overview keys: find in the document (ctrl+f, n/N), y copies with the citation, the position shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from caseview.corpus import Document
from caseview.tui.app import CaseviewApp
from caseview.tui.reader_tools import citation, find_all, position_of
from caseview.workspace import Workspace
from tests.tui.annotate_helpers import DOC_003, open_at
from tests.tui.tui_helpers import NARROW, WIDE, press, settle, stop_blinking, type_text, widget_text


def test_find_all_ignores_case_and_spacing() -> None:
    """Every place, any case, any whitespace between the words; nothing for an empty query."""
    text = "Supply chain risk. The supply\n chain again; SUPPLY CHAIN."
    assert [text[s:e] for s, e in find_all(text, "supply chain")] == ["Supply chain", "supply\n chain", "SUPPLY CHAIN"]
    assert find_all(text, "  ") == ()
    assert find_all("a.b", ".") == ((1, 2),)  # the query is text, not a pattern


def test_position_and_citation_on_a_real_document(prepared_seed_corpus: Path) -> None:
    """The paragraph counts non-blank lines; the citation names title, outlet, date and paragraph."""
    document: Document = Workspace.open(prepared_seed_corpus).document(DOC_003)
    text = document.text
    offset = text.index("Why it matters")
    paragraph = [line for line in text[: text.index("\n", offset)].split("\n") if line.strip()]  # through its line
    position = position_of(document, offset)
    assert position.paragraph == len(paragraph) and position.page is None
    assert position.paragraphs == len([line for line in text.split("\n") if line.strip()])
    quoted = citation(document, offset, offset + len("Why it matters"))
    assert quoted.startswith("“Why it matters” — " + document.title)
    assert f"Axios, 2026-04-29, ¶ {position.paragraph}" in quoted and quoted.endswith(f"({DOC_003})")


async def test_ctrl_f_finds_in_the_document_and_n_steps(app: CaseviewApp) -> None:
    """ctrl+f "supply chain risk" + enter: the places are a trail; n goes to the next one."""
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, DOC_003, 0)
        await press(pilot, "ctrl+f")
        await type_text(pilot, "Supply Chain Risk")
        await press(pilot, "enter")
        expected = find_all(pane.document.text, "supply chain risk")
        assert pane.trail is not None and len(pane.trail.marks) == len(expected) > 1
        assert pane.trail.describe().startswith(f"hit 1 of {len(expected)} · find “Supply Chain Risk”")
        await press(pilot, "n")
        assert pane.trail.position == 1
        assert pane.view.cursor_offset() == expected[1][0]


async def test_ctrl_f_for_words_not_there_says_so(app: CaseviewApp) -> None:
    """Nothing found: one line, the trail unchanged."""
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, DOC_003, 0)
        await press(pilot, "ctrl+f")
        await type_text(pilot, "zebra crossing")
        await press(pilot, "enter")
        assert pane.trail is None


async def test_y_copies_the_selection_with_its_citation(app: CaseviewApp) -> None:
    """s then y: the app's clipboard holds the sentence, quoted, with title, outlet, date and paragraph."""
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, DOC_003, 0)
        pane.view.go_to_offset(pane.document.text.index("Why it matters"))
        await press(pilot, "s", "y")
        start, end = pane.view.selected_span()
        assert app.clipboard == citation(pane.document, start, end)
        assert app.clipboard.startswith("“Why it matters") and "Axios" in app.clipboard


async def test_y_without_a_selection_says_what_to_do(app: CaseviewApp) -> None:
    """y with nothing selected copies nothing."""
    async with app.run_test(size=WIDE) as pilot:
        await open_at(pilot, DOC_003, 0)
        await press(pilot, "y")
        assert app.clipboard == ""


async def test_the_header_shows_the_paragraph_at_the_cursor(app: CaseviewApp) -> None:
    """Moving the cursor to another paragraph changes the ¶ shown in the reader's header."""
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, DOC_003, 0)
        total = position_of(pane.document, 0).paragraphs
        assert f"¶ 1/{total}" in widget_text(app, ".reader-header")
        offset = pane.document.text.index("Why it matters")
        pane.view.go_to_offset(offset)
        await settle(pilot)
        assert f"¶ {position_of(pane.document, offset).paragraph}/{total}" in widget_text(app, ".reader-header")


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_find_snapshot(snap_compare, app: CaseviewApp, size: tuple[int, int]) -> None:
    """Article 003 after ctrl+f "supply chain risk": every place marked, the first current, "hit 1 of N" and ¶ shown."""

    async def run_before(pilot: Pilot) -> None:
        await open_at(pilot, DOC_003, 0)
        await press(pilot, "ctrl+f")
        await type_text(pilot, "supply chain risk")
        await press(pilot, "enter")
        await settle(pilot)
        pilot.app.clear_notifications()  # the "3 places" notice fades by itself: not part of the picture
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
