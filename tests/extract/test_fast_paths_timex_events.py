"""The time, event and count fast paths give exactly what the plain scans give, on real texts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from caseview.extract.timex import (
    _PATTERNS,
    _pattern_matches,
    _pattern_matches_by_scanning,
    find_time_expressions,
)

ROOT = Path(__file__).resolve().parents[2]
#: The seeds and the project's own news articles (tuning, held-out and dated event sets).
FOLDERS = [
    ROOT / "data" / "seeds",
    *(ROOT / "benchmarks" / "gold" / n for n in ("news_tune", "news_heldout", "news_heldout_c", "events_news")),
]
#: Where an anchored search could go wrong: a long run of spaces or a line break inside an
#: expression, a hyphenated prefix, a needle inside a longer word, a text's first and last word.
TRICKY = [
    "On      March 3, 2026 the board met; through the beginning of\nJanuary, of this year it did not.",
    "mid-\tApril 2025 and early-May, in the 1990s, since 2019-04-31 and 2020-02-29.",
    "Q3 results in the third quarter of last year; the Mark of May was eventually set.",
    "Meeting on the 3rd   of Sept. 2024, a couple of weeks ago, in the last 2 days, in recent weeks.",
    "2026",
    "Monday",
    "at some\n point, later this week",
]


def _texts() -> list[str]:
    texts = [path.read_text("utf-8") for folder in FOLDERS for path in sorted(folder.glob("*.txt"))]
    return texts + TRICKY + ["\n".join(TRICKY)]


def _spans(found: list) -> list[tuple[int, int, int]]:
    order = {resolver: index for index, (_pattern, resolver) in enumerate(_PATTERNS)}
    return sorted((order[resolver], m.start(), m.end()) for m, resolver in found)


def test_time_patterns_tried_at_word_starts_before_needles_find_what_a_full_scan_finds() -> None:
    """Guards the anchored time search: trying each pattern only at the few word starts before its
    needles finds, for every pattern, what running it over the whole text finds."""
    texts = _texts()
    matched = 0
    for text in texts:
        fast = _pattern_matches(text, text.lower())
        assert _spans(fast) == _spans(_pattern_matches_by_scanning(text)), text[:80]
        matched += len(fast)
    assert len(texts) > 20 and matched > 150


def test_a_text_whose_lower_case_is_longer_is_scanned_whole() -> None:
    """ "İ" lower-cases to two characters: needle offsets in the lower-cased text would not be the
    text's, so such a text is scanned whole, and its dates are still found where they are."""
    text = "İstanbul, March 3, 2026 — the talks began last week."
    assert len(text.lower()) != len(text)
    assert [t.text for t in find_time_expressions(text)] == ["March 3, 2026", "last week"]


def _state(model: object) -> tuple[object, ...]:
    names = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
    return (*(getattr(model, name) for name in names), list(model.__dict__))


def test_events_and_times_built_directly_equal_model_construct() -> None:
    """Guards new_event and new_time: on the seeds and the news articles (dated, so dates and
    granularities are set) every event and expression has the state model_construct gives it for
    the same arguments (fields in order, defaults, set fields), and dumps and hashes alike."""
    from caseview.extract.construct_events import EVENT_GIVEN
    from caseview.extract.models import EventCandidate, TimeExpression
    from caseview.extract.pipeline import extract_document

    events = times = 0
    for text in _texts():
        extraction = extract_document(text, date(2026, 4, 17))
        for time in extraction.times:
            reference = TimeExpression.model_construct(
                **{name: getattr(time, name) for name in TimeExpression.model_fields}
            )
            assert _state(time) == _state(reference)
            assert time == reference and hash(time) == hash(reference)
            times += 1
        for event in extraction.events:
            reference_event = EventCandidate.model_construct(**{name: getattr(event, name) for name in EVENT_GIVEN})
            assert _state(event) == _state(reference_event)
            assert event.model_dump_json() == reference_event.model_dump_json()
            events += 1
    assert events > 50 and times > 50


#: Action words at apostrophes, capitals, accents, headings and a text's edges.
ACTION_TRICKY = [
    "Acquired by a rival, the firm signed.\nrock'n'sign acquired and iSign acquired the unit.",
    "don't sign it; they said 'sign' it. the signs' colour, he sign's x’sign and résigned",
    "SIGNED and signéd. Signed, sealed, delivered. **Deal Signed** Acme signed the deal.",
    "İstanbul: Acme agreed to acquire Beta. Beta will hold off on hiring.",
    "sign",
]


def test_action_words_found_once_per_text_equal_each_sentence_read_alone() -> None:
    """Guards the whole-text action pass: for every sentence without an ambiguous spot it gives the
    hits (offsets, lemmas, noun or verb, order) that reading the sentence alone gives, and on the
    seeds and news articles most sentences take it."""
    from caseview.extract.eventlex import event_lexicon
    from caseview.extract.events import _actions_in, _document_hits, _document_words
    from caseview.extract.sentences import split_sentences

    lexicon = event_lexicon()
    fast = slow = 0
    for text in _texts() + ACTION_TRICKY + ["\n".join(ACTION_TRICKY)]:
        lowered_text = text.lower()
        phrases = tuple((p, lemma) for p, lemma in lexicon.phrases if p in lowered_text)
        vocabulary = _document_words(text, lexicon)
        located = _document_hits(text, lowered_text, lexicon, phrases, vocabulary)
        for start, end in split_sentences(text):
            sentence = text[start:end]
            expected = _actions_in(sentence, sentence.lower(), lexicon, phrases, vocabulary)
            if len(lowered_text) != len(text) or located.ambiguous_in(start, end):
                slow += 1
                continue
            assert located.in_sentence(text, start, end, lexicon) == expected, sentence
            fast += 1
    assert fast > 400 and slow >= 4


def test_document_words_are_the_lexicon_words_written_as_lower_case_runs() -> None:
    """Guards the byte-level cut into letter runs: the same words as the lookbehind pattern finds."""
    from caseview.extract.eventlex import event_lexicon
    from caseview.extract.events import _LOWER_RUN_RE, _document_words

    lexicon = event_lexicon()
    for text in _texts() + ACTION_TRICKY:
        assert _document_words(text, lexicon) == lexicon.words.intersection(_LOWER_RUN_RE.findall(text)), text[:60]
    assert _document_words("résigned x’sign iSign SIGN design", lexicon) == {"signed", "sign"}


def test_counts_tried_only_before_numbers_find_what_a_sentence_scan_finds() -> None:
    """Guards the anchored count search: trying the count pattern only at the word starts just
    before each number finds what scanning every position of the sentence finds."""
    from caseview.extract.quantities import _COUNT_RE, _count_matches
    from caseview.extract.sentences import split_sentences

    extra = [
        "As many as   120 companies, upwards of\n70 firms, an estimated 1,000,000 people and about 50 groups.",
        "A320 jets, 3rd-quarter 2025 figures, more than 100+ organisations, 5 10 15.",
    ]
    checked = 0
    for text in _texts() + extra:
        for start, end in split_sentences(text):
            sentence = text[start:end]
            fast = [m.span() for m in _count_matches(sentence)]
            assert fast == [m.span() for m in _COUNT_RE.finditer(sentence)], sentence
            checked += len(fast)
    assert checked > 100
