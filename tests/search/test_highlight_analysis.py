"""Highlighting repeats the index's analysis exactly: the same words match, at the same offsets."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from caseview.search.highlight import _body_spans, _exact_tokens
from caseview.search.schema import body_analyzer, exact_analyzer

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
WORDS = st.sampled_from(
    ["Running", "runs", "the", "The", "U.S.", "don't", "government's", "Governments", "a", "I", "skies", "dying",
     "naïve", "İstanbul", "ﬁnance", "Straße", "42", "x1", "rock’n’roll", "co-operate", "THE", "An"]
)
SEPARATORS = st.sampled_from([" ", "  ", "\n", ", ", ". ", "—", "\n\n", "'", "’", "-", "(", ")"])


def _reference_body(text: str) -> list[tuple[str, int, int]]:
    return [(t.text, t.startchar, t.endchar) for t in body_analyzer()(text, chars=True, removestops=True)]


def _reference_exact(text: str) -> list[tuple[str, int, int]]:
    return [(t.text, t.startchar, t.endchar) for t in exact_analyzer()(text, chars=True, removestops=True)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), max_size=30))
def test_exact_tokens_are_the_exact_analysers(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + separator for word, separator in pieces)
    assert _exact_tokens(text) == _reference_exact(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORDS, SEPARATORS), max_size=30))
def test_body_spans_are_where_the_body_analyser_yields_a_query_term(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + separator for word, separator in pieces)
    reference = _reference_body(text)
    terms = {token for token, _, _ in reference[::2]}
    assert list(_body_spans(text, terms)) == [(start, end) for token, start, end in reference if token in terms]


def test_body_spans_agree_on_the_seed_articles() -> None:
    for article in sorted(SEEDS.glob("*.txt")):
        text = article.read_text("utf-8")
        reference = _reference_body(text)
        terms = {token for token, _, _ in reference[::7]}
        assert list(_body_spans(text, terms)) == [(start, end) for token, start, end in reference if token in terms]
        assert _exact_tokens(text) == _reference_exact(text)
