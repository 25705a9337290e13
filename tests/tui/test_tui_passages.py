"""Sentences and paragraphs for selecting: exact document offsets."""

from __future__ import annotations

from caseview.tui.passages import (
    paragraph_at,
    paragraph_start_after,
    paragraph_start_before,
    sentence_at,
    sentence_start_after,
    sentence_start_before,
    word_start_after,
    word_start_before,
)

TEXT = "First one here. The U.S. said “no” — again.\n\nSecond paragraph’s only sentence.\n"


def test_the_sentence_at_an_offset_is_its_exact_span() -> None:
    start, end = sentence_at(TEXT, TEXT.index("said"))
    assert TEXT[start:end] == "The U.S. said “no” — again."


def test_between_sentences_the_next_sentence_is_taken() -> None:
    start, end = sentence_at(TEXT, TEXT.index(" The"))
    assert TEXT[start:end].startswith("The U.S.")


def test_sentence_motions_go_to_the_next_and_previous_starts() -> None:
    assert sentence_start_after(TEXT, 0) == TEXT.index("The")
    assert sentence_start_before(TEXT, TEXT.index("said")) == TEXT.index("The")
    assert sentence_start_after(TEXT, len(TEXT) - 2) == len(TEXT)


def test_the_paragraph_is_its_line_without_surrounding_space() -> None:
    start, end = paragraph_at(TEXT, TEXT.index("only"))
    assert TEXT[start:end] == "Second paragraph’s only sentence."
    assert paragraph_at(TEXT, TEXT.index("\n\n") + 1) is None


def test_paragraph_motions_skip_blank_lines() -> None:
    second = TEXT.index("Second")
    assert paragraph_start_after(TEXT, 3) == second
    assert paragraph_start_before(TEXT, second + 5) == second
    assert paragraph_start_before(TEXT, second) == 0


def test_words_are_runs_of_non_space_so_curly_quotes_stay_with_their_word() -> None:
    said = TEXT.index("“no”")
    assert word_start_after(TEXT, said) == TEXT.index("—")
    assert word_start_before(TEXT, TEXT.index("—")) == said
