"""Selecting in the reader: exact document offsets, whatever the line length or the characters."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.extract.sentences import split_sentences
from caseview.tui.app import CaseviewApp, make_app
from tests.tui.annotate_helpers import open_at
from tests.tui.tui_helpers import LEAN, WIDE, press

DOC_001 = "001_c0973cc29b59132c.txt"
CURLY = "Intro line.\nHe said “it’s fine” — then left. The café’s owner 😀 agreed. Last one.\n"


@pytest.fixture
def curly_app(tmp_path: Path) -> CaseviewApp:
    corpus = tmp_path / "curly"
    corpus.mkdir()
    (corpus / "curly.txt").write_text(CURLY, encoding="utf-8")
    return make_app(corpus, settings=LEAN)


async def test_s_in_a_six_thousand_character_single_line_selects_the_exact_sentence(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, DOC_001, 0)
        text = pane.document.text
        start, end = split_sentences(text)[-3]
        assert start > 4000 and text.count("\n") <= 1
        pane.view.go_to_offset(start + 5)
        await press(pilot, "s")
        assert pane.view.selected_span() == (start, end)


async def test_v_then_word_motions_select_exactly_across_curly_quotes_and_dashes(curly_app: CaseviewApp) -> None:
    async with curly_app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, "curly.txt", CURLY.index("“it’s"))
        await press(pilot, "v", "w", "w", "w")
        start, end = pane.view.selected_span()
        assert CURLY[start:end] == "“it’s fine” — "
        await press(pilot, "b")
        start, end = pane.view.selected_span()
        assert CURLY[start:end] == "“it’s fine” "


async def test_sentence_after_an_emoji_is_exact(curly_app: CaseviewApp) -> None:
    async with curly_app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, "curly.txt", CURLY.index("agreed"))
        await press(pilot, "s")
        start, end = pane.view.selected_span()
        assert CURLY[start:end] == "The café’s owner 😀 agreed."


async def test_sentence_and_paragraph_motions_extend_the_selection(curly_app: CaseviewApp) -> None:
    async with curly_app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, "curly.txt", CURLY.index("He said"))
        await press(pilot, "v", "right_parenthesis")
        start, end = pane.view.selected_span()
        assert CURLY[start:end] == "He said “it’s fine” — then left. "
        await press(pilot, "right_curly_bracket")
        assert pane.view.selected_span() == (start, len(CURLY.rstrip("\n")) + 1)


async def test_p_selects_the_paragraph(curly_app: CaseviewApp) -> None:
    async with curly_app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, "curly.txt", CURLY.index("café"))
        await press(pilot, "p")
        start, end = pane.view.selected_span()
        assert CURLY[start:end] == CURLY.splitlines()[1]


async def test_shift_arrows_select_and_escape_clears(curly_app: CaseviewApp) -> None:
    async with curly_app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, "curly.txt", CURLY.index("“it’s"))
        await press(pilot, "shift+right", "shift+right", "shift+right")
        start, end = pane.view.selected_span()
        assert CURLY[start:end] == "“it"
        await press(pilot, "escape")
        assert pane.view.selected_span() is None


async def test_j_extends_the_selection_while_selecting(curly_app: CaseviewApp) -> None:
    async with curly_app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, "curly.txt", 0)
        await press(pilot, "v", "j")
        start, end = pane.view.selected_span()
        assert (start, CURLY[start:end]) == (0, "Intro line.\n")


async def test_a_mouse_drag_selects(curly_app: CaseviewApp) -> None:
    async with curly_app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, "curly.txt", 0)
        view = pane.view
        origin = view.content_region.offset - view.region.offset
        await pilot.mouse_down(view, offset=(origin.x + 0, origin.y + 0))
        await pilot.hover(view, offset=(origin.x + 5, origin.y + 0))
        await pilot.mouse_up(view, offset=(origin.x + 5, origin.y + 0))
        await pilot.pause()
        span = view.selected_span()
        assert span is not None and CURLY[span[0] : span[1]] == "Intro"
