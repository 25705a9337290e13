"""Re-anchoring stays near-linear in the passage's length: long paragraphs are never aligned character by character.

Issue 12 measured 9.8 s for one 12,000-character passage after a one-word edit (difflib's character
alignment is quadratic). These tests check the answer and count the work handed to difflib; the time
bound is a generous cut-off, not a benchmark (benchmarks/long_passage_bench.py measures).
"""

from __future__ import annotations

import difflib
import time

import pytest

from benchmarks.long_passage_bench import case  # the benchmark's own cases, so both measure the same thing
from caseview.annotations import anchoring, textdiff
from caseview.annotations.anchoring import reanchor
from caseview.annotations.model import quote_for_span
from caseview.annotations.textdiff import DiffMap, diff_ratio


class _CountingMatcher(difflib.SequenceMatcher):  # type: ignore[type-arg]
    """difflib's matcher, recording the largest pair of sequences it was given (the cost is their product)."""

    largest = 0

    def set_seqs(self, a, b):  # type: ignore[no-untyped-def]
        _CountingMatcher.largest = max(_CountingMatcher.largest, len(a) * len(b))
        super().set_seqs(a, b)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> type[_CountingMatcher]:
    _CountingMatcher.largest = 0
    monkeypatch.setattr(anchoring, "SequenceMatcher", _CountingMatcher)
    monkeypatch.setattr(textdiff, "SequenceMatcher", _CountingMatcher)
    return _CountingMatcher


@pytest.mark.parametrize("every", [0, 20], ids=["one word", "one word in twenty"])
@pytest.mark.parametrize("with_snapshot", [True, False], ids=["snapshot", "no snapshot"])
def test_a_12000_character_passage_is_found_again_with_bounded_alignment_work(
    counted: type[_CountingMatcher], every: int, with_snapshot: bool
) -> None:
    """The edited paragraph is found whole, and no alignment compares more than ~a few thousand pieces squared."""
    old, new, position = case(12_000, every)
    quote = quote_for_span(old, position.start, position.end)
    started = time.perf_counter()
    result = reanchor(quote, position, new, snapshot=old if with_snapshot else None)
    elapsed = time.perf_counter() - started
    # The word replaced is another statement: offered for review, the whole paragraph as the candidate.
    assert result.status == "needs-review" and "words changed" in result.reason
    assert result.start == position.start
    assert result.end is not None and new[result.end - 1] == "." and new[result.end : result.end + 2] == "\n\n"
    # Before: 12,000 × 15,000 characters (180 million pairs) in one alignment.
    assert counted.largest <= 4_000_000
    assert elapsed < 5.0  # a cut-off against the old 10 s, on a machine that may be busy


def test_a_typo_fixed_in_a_long_passage_keeps_its_words_and_moves(counted: type[_CountingMatcher]) -> None:
    """A typo fix (two letters swapped in a long word) keeps the words: the passage moves, unreviewed."""
    old, _, position = case(12_000)
    paragraph = old[position.start : position.end]
    word = next(w for w in paragraph[len(paragraph) // 2 :].split(" ") if len(w) >= 9 and w.isalpha())
    at = old.index(" " + word + " ", position.start + len(paragraph) // 2) + 1
    new = old[:at] + word[0] + word[2] + word[1] + word[3:] + old[at + len(word) :]
    quote = quote_for_span(old, position.start, position.end)
    for snapshot in (old, None):
        result = reanchor(quote, position, new, snapshot=snapshot)
        assert result.status == "moved", result.reason
        assert (result.start, result.end) == (position.start, position.end)
    assert counted.largest <= 4_000_000


def test_the_diff_ratio_agrees_with_difflib_on_a_lightly_edited_paragraph() -> None:
    """The near-linear similarity used for long passages gives difflib's answer where both apply."""
    old, new, position = case(3_000, 20)
    a, b = old[position.start : position.end], new[position.start : position.end + 80]
    assert diff_ratio(a, b) == pytest.approx(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), abs=0.01)


def test_unique_words_anchor_the_diff_and_the_windows_between_them_still_line_up() -> None:
    """With anchors, every unchanged word of a heavily edited long line still maps to its new place."""
    old, new, _ = case(12_000, 20)
    diff = DiffMap(old, new)
    changed = sum(1 for word in new.split(" ") if word == "CHANGED")
    assert changed > 50
    # Only the replaced words (and the REPLACED one) are lost: everything else is in the segments.
    lost = len(old) - diff.unchanged
    assert lost < (changed + 1) * 20
    for segment in diff.segments:
        assert (
            old[segment.old_start : segment.old_start + segment.length]
            == new[segment.new_start : segment.new_start + segment.length]
        )
