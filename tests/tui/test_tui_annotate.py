"""Annotating from the reader: tag, note, add to the case file, undo and redo — on disk at once."""

from __future__ import annotations

from pathlib import Path

from caseview.tui.app import CaseviewApp
from caseview.tui.dialogs.annotation_details import AnnotationDetails
from caseview.tui.widgets.reader_view import tag_layer
from tests.tui.annotate_helpers import (
    DOC_003,
    case_items,
    open_at,
    open_hit_in_003,
    tag_selection,
    written_annotations,
)
from tests.tui.tui_helpers import WIDE, press, type_text, widget_text

SENTENCE = (
    "The White House is developing guidance that would allow agencies to get around Anthropic's supply "
    "chain risk designation and onboard new models including its most powerful yet, Mythos, according to "
    "sources familiar with the matter."
)


async def test_s_selects_the_sentence_holding_the_search_hit(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_hit_in_003(pilot)
        await press(pilot, "s")
        start, end = pane.view.selected_span()
        assert pane.document.text[start:end] == SENTENCE


async def test_tagging_the_selection_writes_the_tag_and_exact_passage_beside_the_document(
    app: CaseviewApp, seed_corpus: Path
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_hit_in_003(pilot)
        await press(pilot, "s")
        await tag_selection(pilot, "designation")
        [written] = written_annotations(seed_corpus, DOC_003)
        assert written.tags == ("designation",)
        assert written.exact == SENTENCE
        assert pane.document.text[written.start : written.end] == SENTENCE


async def test_a_tagged_passage_is_highlighted_in_its_tag_colour(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_hit_in_003(pilot)
        await press(pilot, "s")
        start, _end = pane.view.selected_span()
        await tag_selection(pilot, "designation")
        highlighted = pane.view.layer_spans(tag_layer(("designation",)))
        lines = pane.view.lines
        shown = "".join(
            pane.view.document.get_line(row)[a:b] for row, spans in sorted(highlighted.items()) for a, b in spans
        )
        assert shown == SENTENCE.replace("\n", "")
        assert lines.location(start)[0] in highlighted
        assert "✎ 1 annotation" in widget_text(app, ".reader-header")


async def test_a_note_is_written_on_the_annotation_at_the_cursor(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_hit_in_003(pilot)
        await press(pilot, "s")
        await tag_selection(pilot, "designation")
        await press(pilot, "a")
        await type_text(pilot, "contradicts the Pentagon line")
        await press(pilot, "ctrl+s")
        [written] = written_annotations(seed_corpus, DOC_003)
        assert written.tags == ("designation",)
        assert written.note == "contradicts the Pentagon line"


async def test_a_note_on_a_selection_makes_an_annotation_without_tags(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, DOC_003, 190)
        await press(pilot, "s", "a")
        await type_text(pilot, "check this")
        await press(pilot, "ctrl+s")
        [written] = written_annotations(seed_corpus, DOC_003)
        assert (written.tags, written.note, written.exact) == ((), "check this", SENTENCE)
        assert pane.view.layer_spans("note")


async def test_c_adds_the_passage_to_the_chosen_case_section(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_hit_in_003(pilot)
        await press(pilot, "s")
        await tag_selection(pilot, "designation")
        await press(pilot, "c", "enter")
        [item] = case_items(seed_corpus)
        assert item["citation"]["exact"] == SENTENCE
        assert item["citation"]["tags"] == ["designation"]
        assert SENTENCE[:20] in widget_text(app, "#pane-case")


async def test_c_can_make_a_new_section(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_at(pilot, DOC_003, 190)
        await press(pilot, "s", "c")
        await type_text(pilot, "Timeline")
        await press(pilot, "enter")
        [item] = case_items(seed_corpus)
        assert item["citation"]["exact"] == SENTENCE
        assert "Timeline" in widget_text(app, "#pane-case")


async def test_undo_takes_the_case_item_off_disk_and_redo_puts_it_back(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_hit_in_003(pilot)
        await press(pilot, "s")
        await tag_selection(pilot, "designation")
        await press(pilot, "c", "enter")
        assert len(case_items(seed_corpus)) == 1
        await press(pilot, "ctrl+z")
        assert case_items(seed_corpus) == []
        assert len(written_annotations(seed_corpus, DOC_003)) == 1
        await press(pilot, "ctrl+y")
        assert len(case_items(seed_corpus)) == 1


async def test_undo_of_a_tag_removes_it_from_disk_and_the_reader(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_hit_in_003(pilot)
        await press(pilot, "s")
        await tag_selection(pilot, "designation")
        await press(pilot, "ctrl+z")
        assert written_annotations(seed_corpus, DOC_003) == []
        assert pane.annotations == ()
        await press(pilot, "ctrl+y")
        assert [w.tags for w in written_annotations(seed_corpus, DOC_003)] == [("designation",)]
        assert len(pane.annotations) == 1


async def test_brackets_step_from_annotation_to_annotation(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_at(pilot, DOC_003, 190)
        await press(pilot, "s")
        await tag_selection(pilot, "designation")
        pane.view.go_to_offset(pane.document.text.index("One source described"))
        await press(pilot, "s")
        later = pane.view.selected_span()[0]
        await tag_selection(pilot, "access-expansion")
        pane.view.go_to_offset(0)
        await press(pilot, "right_square_bracket")
        assert pane.view.cursor_offset() == pane.document.text.index(SENTENCE)
        await press(pilot, "right_square_bracket")
        assert pane.view.cursor_offset() == later
        await press(pilot, "left_square_bracket")
        assert pane.view.cursor_offset() == pane.document.text.index(SENTENCE)


async def test_enter_on_an_annotation_shows_its_tags_note_and_case_place(app: CaseviewApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_at(pilot, DOC_003, 190)
        await press(pilot, "s")
        await tag_selection(pilot, "designation")
        await press(pilot, "a")
        await type_text(pilot, "key claim")
        await press(pilot, "ctrl+s", "c", "enter", "enter")
        assert isinstance(app.screen, AnnotationDetails)
        details = widget_text(app, "#details-body")
        assert "designation" in details and "key claim" in details and "#1 in section “Findings”" in details


async def test_retagging_keeps_one_annotation_with_the_new_tags(app: CaseviewApp, seed_corpus: Path) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_at(pilot, DOC_003, 190)
        await press(pilot, "s")
        await tag_selection(pilot, "designation")
        await press(pilot, "t")
        await type_text(pilot, "access, policy")
        await press(pilot, "enter")
        [written] = written_annotations(seed_corpus, DOC_003)
        assert written.tags == ("designation", "access", "policy")


async def test_tag_note_and_case_keys_show_whenever_a_document_is_open(app: CaseviewApp) -> None:
    """Issue 13, bug 8: pressed with nothing selected they say what to select (they used to do nothing)."""
    async with app.run_test(size=WIDE) as pilot:
        await open_at(pilot, DOC_003, 190)
        keys = widget_text(app, "#keys")
        assert "t Tag" in keys and "Sentence" in keys
        await press(pilot, "s")
        assert "t Tag" in widget_text(app, "#keys")
        await press(pilot, "escape")
        assert pilot.app.main_screen.reader.view.selected_span() is None
        assert "t Tag" in widget_text(app, "#keys")
