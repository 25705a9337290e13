"""Match offsets agree with what the index's own analysers see, word for word."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from caseview.search.highlight import find_matches, make_snippets
from caseview.search.models import Match
from caseview.search.schema import body_analyzer, exact_analyzer

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"


def _reference_body_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    return [(t.startchar, t.endchar) for t in body_analyzer()(text, chars=True, removestops=True) if t.text in terms]


def test_every_stem_of_the_seeds_is_found_exactly_where_the_analyser_puts_it() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text()
        stems = {token.text for token in body_analyzer()(text)}
        for stem in stems:
            found = [(m.start, m.end) for m in find_matches(text, {stem}, set(), [])]
            assert found == _reference_body_spans(text, {stem}), (path.name, stem)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "skies",
                "hoping",
                "running",
                "U.S.",
                "don't",
                "Relational",
                "dying",
                "the",
                "a-b",
                "ünïcode",
                "1,000",
                "x",
            ]
        ),
        min_size=1,
        max_size=12,
    ),
    st.sampled_from([" ", "  ", "\n", ", ", "—"]),
)
def test_random_word_runs_match_the_analyser(words: list[str], separator: str) -> None:
    text = separator.join(words)
    for stem in {token.text for token in body_analyzer()(text)}:
        assert [(m.start, m.end) for m in find_matches(text, {stem}, set(), [])] == _reference_body_spans(text, {stem})


def test_phrases_match_consecutive_words_only() -> None:
    text = "supply chain risk, supply-chain risk and supply risk chain"
    spans = [(m.start, m.end) for m in find_matches(text, set(), set(), [("supply", "chain", "risk")])]
    assert [text[start:end] for start, end in spans] == ["supply chain risk", "supply-chain risk"]


def test_exact_terms_are_case_insensitive_but_not_stemmed() -> None:
    text = "Bessent and bessent but not Bessents"
    words = [token.text for token in exact_analyzer()(text)]
    assert "bessents" in words
    assert [text[m.start : m.end] for m in find_matches(text, set(), {"bessent"}, [])] == ["Bessent", "bessent"]


def test_a_snippet_holds_its_matches_and_stops_at_a_paragraph_break() -> None:
    text = "First paragraph mentions nothing.\nSecond paragraph names Mythos twice: Mythos.\nThird."
    matches = [Match(start=m.start(), end=m.end()) for m in __import__("re").finditer("Mythos", text)]
    (snippet,) = make_snippets(text, matches)
    assert snippet.text == "Second paragraph names Mythos twice: Mythos."
    assert snippet.matches == matches
