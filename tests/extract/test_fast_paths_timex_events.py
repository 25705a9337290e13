"""The time, event and count fast paths give exactly what the plain scans give, on real texts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from caseview.extract.timex import (
    _NEEDLE_WORDS,
    _PATTERNS,
    _pattern_matches,
    _pattern_matches_by_scanning,
    find_time_expressions,
)

ROOT = Path(__file__).resolve().parents[2]
#: The seeds and the project's own news articles (tuning, held-out and dated event sets).
FOLDERS = [
    ROOT / "data" / "seeds",
    *(
        ROOT / "benchmarks" / "gold" / n
        for n in ("news_tune", "news_heldout", "news_heldout_c", "news_heldout_e", "events_news")
    ),
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
    needles finds, for every pattern, what running it over the whole text finds; so does leaving out
    the word needles that are no letter run of the text (in any case)."""
    from caseview.extract.textviews import text_views

    texts = _texts() + [
        "At SOME POINT, TODAY, two WEEKS AGO, the PAST 2 days, Recently and soon: this Quarter.",
        "somepoint, todays, agony, pasta, yearly, soonest, the timeline and the pasts",
    ]
    matched = 0
    for text in texts:
        fast = _pattern_matches(text, text.lower())
        assert _spans(fast) == _spans(_pattern_matches_by_scanning(text)), text[:80]
        views = text_views(text)
        if views.runs_exact:
            by_runs = _pattern_matches(text, views.lowered, _NEEDLE_WORDS.intersection(views.runs))
            assert _spans(by_runs) == _spans(fast), text[:80]
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
    from caseview.extract.actionwords import (
        actions_in as _actions_in,
    )
    from caseview.extract.actionwords import (
        document_hits as _document_hits,
    )
    from caseview.extract.actionwords import (
        document_words as _document_words,
    )
    from caseview.extract.eventlex import event_lexicon
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
    from caseview.extract.actionwords import _LOWER_RUN_RE
    from caseview.extract.actionwords import document_words as _document_words
    from caseview.extract.eventlex import event_lexicon

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


def test_phrases_ruled_out_by_letter_runs_are_never_found_between_word_boundaries() -> None:
    """Guards the set test that replaced a scan of the text per multi-word verb: a phrase it drops is
    one that a word-bounded search of the lower-cased text never finds, and it drops no other; the
    Kelvin sign (a non-ASCII letter whose lower case is ASCII) and "İ" take the plain filter."""
    import re

    from caseview.extract.actionwords import document_phrases
    from caseview.extract.eventlex import event_lexicon
    from caseview.extract.textviews import lowered_runs, text_letters

    lexicon = event_lexicon()
    extra = ["Acme \u212aILLS off. They HOLD OFF; x-hold off", "They \u212aept hold off", "Withhold off, uphold off"]
    for text in _texts() + ACTION_TRICKY + extra:
        lowered = text.lower()
        plain = tuple((p, lemma) for p, lemma in lexicon.phrases if p in lowered)
        kept = document_phrases(text, lowered, lexicon, lowered_runs(text_letters(text)))
        assert [item for item in plain if item in kept] == list(kept), text[:60]
        for phrase, lemma in plain:
            if (phrase, lemma) not in kept:
                assert not re.search(rf"\b{re.escape(phrase)}\b", lowered), (phrase, text[:60])
    text = "Withhold off."
    assert document_phrases(text, text.lower(), lexicon, lowered_runs(text_letters(text))) == ()


def test_words_asked_for_before_a_case_blind_search_are_in_every_match() -> None:
    """Guards the word tests that let the events skip a search: wherever a pattern matches (in any
    stretch of the real texts and in written cases), the lower-cased stretch holds one of its words."""
    from caseview.extract import events as ev

    pairs = [
        (ev._NEGATION_RE, ev._NEGATION_NEEDLES),
        (ev._PLANNED_RE, ev._PLANNED_NEEDLES),
        (ev._MODAL_RE, ev._MODAL_NEEDLES),
        (ev._CLAUSE_MODAL_RE, ev._CLAUSE_MODAL_NEEDLES),
        (ev._CONDITIONAL_CLAUSE_RE, ev._CONDITIONAL_NEEDLES),
    ]
    written = [
        "It has not yet",
        "They WILL",
        "Acme'll",
        "it PLANS TO be",
        "Set to",
        "is to",
        "Could",
        "MAY well",
        "Possibly it",
        "Unlikely to",
        "Even IF it",
        "Whether",
        "Unless",
        "couldn't",
        "no longer",
        "CANNOT",
        "refused to",
        "Declined to",
        "Yet to",
        "Agreed to",
        "Prepared to",
        "decided to",
        "seeks to",
    ]
    searched = matched = 0
    for text in _texts() + written:
        stretches = [text] if len(text) < 60 else [text[i : i + 40] for i in range(0, len(text) - 40, 7)]
        for stretch in stretches:
            for pattern, needles in pairs:
                searched += 1
                if pattern.search(stretch):
                    matched += 1
                    assert ev._may_hold(True, stretch, needles), (pattern.pattern[:30], stretch)
    assert matched > 200 and searched > matched
    # Where a case-blind letter may be a non-ASCII one ("ſ" for "s"), every stretch is searched.
    assert ev._NEGATION_RE.search("it refuſed to sign ") and ev._may_hold(False, "it refuſed to sign ", ("x",))


def test_coordinated_infinitive_is_searched_where_the_words_end_in_to() -> None:
    """Guards the shortcut before ``_COORDINATED_INFINITIVE_RE``: the same answer at every word start."""
    import re

    from caseview.extract import events as ev

    for text in _texts() + ["ban it or to  sign", "and TO\nsign", "nor to\tsign", "or tosign", "or to"]:
        for match in re.finditer(r"\w+", text):
            expected = bool(ev._COORDINATED_INFINITIVE_RE.search(text, 0, match.start()))
            assert ev._coordinated_infinitive(text, 0, match.start()) == expected, text[: match.start()][-30:]


def test_word_before_a_full_stop_read_backwards_is_what_the_pattern_finds() -> None:
    """Guards the backward read that replaced a pattern search before each full stop: the same word
    (or none) at every position of the texts, line breaks, digits of other scripts and "_" included."""
    from caseview.extract.sentences import _WORD_BEFORE_RE, _word_before

    written = ["a\n. B", "U.S.\n. The", "x_y. Z", "١٢٣. A", "  . A", "\n\n.", "averyveryverylongwordindeed.", ""]
    for text in _texts() + written:
        for at in range(len(text) + 1):
            found = _WORD_BEFORE_RE.search(text, max(0, at - 20), at)
            assert _word_before(text, at) == (found.group(1) if found else None), (text[max(0, at - 20) : at], at)


def test_endings_asked_for_before_a_verb_context_search_end_every_match() -> None:
    """Guards the ending test before ``_VERB_CONTEXT_RE`` and ``_PASSIVE_BEFORE_RE``: wherever either
    matches the 40 characters before a word, those end in whitespace after one of its endings."""
    import re

    from caseview.extract import events as ev

    pairs = [(ev._VERB_CONTEXT_RE, ev._VERB_CONTEXT_ENDINGS), (ev._PASSIVE_BEFORE_RE, ev._PASSIVE_ENDINGS)]
    written = ["it WILL  ", "last\n week ", "was quickly ", "has\n", "Being ", "x'do ", "must\t"]
    matched = 0
    for text in _texts() + [" ".join(written)]:
        for word in re.finditer(r"\w+", text):
            before = text[max(0, word.start() - 40) : word.start()]
            for pattern, endings in pairs:
                if pattern.search(before):
                    matched += 1
                    assert ev._may_end_with(True, before, endings), (pattern.pattern[:20], before)
    assert matched > 300


def test_speech_verbs_found_at_their_words_are_the_patterns_matches():
    """The speech verbs looked for only where one of their words stands are the ones a scan finds."""
    from caseview.extract.events import _LEADING_SPEECH_RE, _SPEECH_FORMS, _speech_verbs
    from caseview.extract.sentences import split_sentences
    from caseview.extract.textviews import lowered_runs, text_letters

    tricky = [
        "Aides SAID that Ms. Reed tells all; he wrote, she wrongly addressed it, and it shows.",
        "said",
        "said2 x",
    ]
    for text in [*_texts(), *tricky]:
        runs = lowered_runs(text_letters(text))
        needles = tuple(form for form in _SPEECH_FORMS if form.encode() in runs)
        for start, end in split_sentences(text):
            fast = _speech_verbs(text, start, end, text[start:end].lower(), True, needles)
            slow = list(_LEADING_SPEECH_RE.finditer(text, start, end))
            assert [m.span() for m in fast] == [m.span() for m in slow]


def test_the_word_before_a_count_read_backwards_is_what_the_pattern_finds():
    import re

    from caseview.extract.quantities import word_before

    pattern = re.compile(r"([A-Za-z]+)\W*$")
    for text in [*_texts()[:20], "cut up to 40", "a 3x 40", "café 12", "_x 9", "— 4"]:
        for end in range(0, min(len(text), 3000), 11):
            match = pattern.search(text, 0, end)
            assert word_before(text, end) == ((match[1], match.start(1)) if match else None)
