"""The banded "within k edits" answers are Whoosh's: its distance compared with ``k``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.support.levenshtein import damerau_levenshtein, levenshtein

from caseview.search.edit_distance import damerau_within, levenshtein_within

# Few letters, so that words share prefixes, suffixes, repeats and transposable pairs.
WORDS = st.text(alphabet="abcé", max_size=9)


@settings(max_examples=2000, deadline=None)
@given(WORDS, WORDS, st.integers(min_value=0, max_value=4))
def test_levenshtein_within_is_whoosh_levenshtein_compared_with_k(a: str, b: str, k: int) -> None:
    assert levenshtein_within(a, b, k) == (levenshtein(a, b, limit=k) <= k)
    assert levenshtein_within(a, b, k) == (levenshtein(a, b) <= k)


@settings(max_examples=2000, deadline=None)
@given(WORDS, WORDS, st.integers(min_value=0, max_value=4))
def test_damerau_within_is_whoosh_damerau_levenshtein_compared_with_k(a: str, b: str, k: int) -> None:
    assert damerau_within(a, b, k) == (damerau_levenshtein(a, b, limit=k) <= k)


def test_examples() -> None:
    assert not levenshtein_within("teh", "the", 1) and levenshtein_within("teh", "the", 2)
    assert damerau_within("teh", "the", 1)
    assert not damerau_within("ca", "abc", 2)  # restricted: a transposed pair is not edited again
    assert levenshtein_within("recession", "recesion", 1)
    assert not levenshtein_within("recession", "recess", 2)
    assert levenshtein_within("", "ab", 2) and not levenshtein_within("", "abc", 2)
