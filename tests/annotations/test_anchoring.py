"""The re-anchoring ladder on real article text: right, or honestly unsure — never confidently wrong."""

from __future__ import annotations

import pytest

from caseview.annotations.anchoring import reanchor
from caseview.annotations.model import TextPosition, quote_for_span

from .conftest import PASSAGE, SEEDS

TEXT = (SEEDS / "000_465b9804960b177b.txt").read_text(encoding="utf-8")
SENTENCE = (
    "Several agencies have been in discussions with Anthropic about access since the release of Claude "
    "Mythos Preview, and the White House indicated in an email this week it was considering these requests, "
    "said people familiar with the matter."
)


def _selection(text: str, exact: str, occurrence: int = 1):
    start = -1
    for _ in range(occurrence):
        start = text.index(exact, start + 1)
    return quote_for_span(text, start, start + len(exact)), TextPosition(start=start, end=start + len(exact))


def _anchor(new_text: str, exact: str = PASSAGE, *, snapshot: bool = True, occurrence: int = 1):
    quote, position = _selection(TEXT, exact, occurrence)
    return reanchor(quote, position, new_text, snapshot=TEXT if snapshot else None)


def _span_text(text: str, result) -> str:
    return text[result.start : result.end]


@pytest.mark.parametrize("snapshot", [True, False])
def test_an_unchanged_document_keeps_the_anchor(snapshot):
    result = _anchor(TEXT, snapshot=snapshot)
    assert result.status == "anchored" and _span_text(TEXT, result) == PASSAGE


@pytest.mark.parametrize("snapshot", [True, False])
def test_a_typo_fixed_before_the_passage_moves_it(snapshot):
    new = TEXT.replace("Treasury", "Treasury Department", 1)
    result = _anchor(new, snapshot=snapshot)
    assert result.status == "moved" and _span_text(new, result) == PASSAGE
    assert result.start == TEXT.index(PASSAGE) + len(" Department")


@pytest.mark.parametrize("snapshot", [True, False])
def test_a_deleted_sentence_orphans_its_passage(snapshot):
    new = TEXT.replace(SENTENCE + "\n", "")
    assert _anchor(new, snapshot=snapshot).status == "orphaned"


@pytest.mark.parametrize("snapshot", [True, False])
def test_a_moved_paragraph_takes_its_passage_along(snapshot):
    lines = TEXT.split("\n")
    index = next(i for i, line in enumerate(lines) if PASSAGE in line)
    paragraph = lines.pop(index)
    lines.insert(len(lines) - 3, paragraph)
    new = "\n".join(lines)
    result = _anchor(new, snapshot=snapshot)
    assert result.status == "moved" and result.start == new.index(PASSAGE)


def test_a_word_changed_inside_the_passage_is_found_edited_in_place_and_goes_to_review():
    # issue 13: "moved" means the same words elsewhere; a changed word is for the analyst to confirm.
    new = TEXT.replace("have been in discussions with", "have been in talks with", 1)
    result = _anchor(new)
    assert result.status == "needs-review"
    assert _span_text(new, result) == "Several agencies have been in talks with Anthropic"
    assert "'discussions' → 'talks'" in result.reason
    assert result.score < 1.0


@pytest.mark.parametrize("where", ["before", "after"])
def test_an_exact_duplicate_next_to_the_passage_needs_review(where):
    start = TEXT.index(SENTENCE)
    insert_at = start if where == "before" else start + len(SENTENCE)
    copy = SENTENCE + " " if where == "before" else " " + SENTENCE
    new = TEXT[:insert_at] + copy + TEXT[insert_at:]
    assert _anchor(new, SENTENCE).status == "needs-review"


def test_a_lookalike_sentence_does_not_steal_the_anchor():
    lookalike = SENTENCE.replace("this week", "last week")
    new = TEXT.replace(SENTENCE, SENTENCE + " " + lookalike, 1)
    result = _anchor(new, SENTENCE)
    assert result.status in ("anchored", "moved") and result.start == TEXT.index(SENTENCE)


def test_a_lookalike_left_after_the_original_was_deleted_is_not_taken_for_it():
    lookalike = SENTENCE.replace("said people familiar", "according to people familiar")
    new = TEXT.replace(SENTENCE, "").replace("The talks around access", lookalike + "\nThe talks around access", 1)
    result = _anchor(new, SENTENCE)
    assert result.status in ("needs-review", "orphaned")


def test_an_edited_passage_with_an_exact_copy_elsewhere_needs_review():
    edited = SENTENCE.replace("this week", "last week")
    new = TEXT.replace(SENTENCE, edited, 1).replace(
        "The talks around access", SENTENCE + "\nThe talks around access", 1
    )
    assert _anchor(new, SENTENCE).status == "needs-review"


def test_a_short_quote_that_occurs_again_elsewhere_is_found_by_its_context():
    quote, position = _selection(TEXT, "Mythos", 2)
    new = TEXT.replace("Treasury", "Treasury Department", 1)
    result = reanchor(quote, position, new, snapshot=None)
    assert result.start == position.start + len(" Department")


def test_a_short_quote_whose_occurrence_was_deleted_is_not_moved_to_another():
    quote, position = _selection(TEXT, "Mythos", 2)
    new = TEXT.replace(SENTENCE + "\n", "")
    assert reanchor(quote, position, new, snapshot=TEXT).status in ("orphaned", "needs-review")


def test_a_rewritten_passage_below_the_similarity_floor_is_orphaned():
    new = TEXT.replace(PASSAGE, "A number of departments were negotiating", 1)
    assert _anchor(new).status in ("orphaned", "needs-review")
    assert _anchor(new).status != "moved"


def test_the_original_quote_is_not_touched():
    quote, position = _selection(TEXT, PASSAGE)
    reanchor(quote, position, TEXT.replace("Treasury", "T"), snapshot=TEXT)
    assert quote.exact == PASSAGE and position.start == TEXT.index(PASSAGE)
