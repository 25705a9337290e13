"""The extractor's fast paths give exactly what the plain word-by-word reading gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from caseview.extract.actionwords import (
    document_words as _document_words,
)
from caseview.extract.actionwords import (
    words_found as _words_found,
)
from caseview.extract.actionwords import (
    words_found_slowly as _words_found_slowly,
)
from caseview.extract.construct import new_candidate, new_mention
from caseview.extract.cutting import _gazetteer_phrase_re, _matches_at_word_starts
from caseview.extract.eventlex import event_lexicon
from caseview.extract.models import Candidate, EntityType, Mention
from caseview.extract.segments import _LOWER_WORD_RE, _written_in_lower_case
from caseview.extract.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
TRICKY = [
    "Acquired by a rival, the firm signed.",
    "rock'n'sign acquired",
    "iSign acquired the unit",
    "don't sign it",
    "they said 'sign' it",
    "the signs' colour, he sign's",
    "x’sign and résigned",
    "SIGNED and signéd",
    "Signed, sealed, delivered",
    "sign",
    "",
]


def test_lexicon_words_located_without_reading_every_word() -> None:
    """Guards the event lexicon's fast path: on the seeds' sentences and on words at apostrophes,
    capitals and accents it finds the same action words, at the same offsets, as reading the
    sentence word by word (or declines, and the caller reads word by word)."""
    lexicon = event_lexicon()
    sentences = list(TRICKY)
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        sentences += [text[s:e] for s, e in split_sentences(text)]
    checked = 0
    for sentence in sentences:
        fast = _words_found(sentence, lexicon)
        if fast is not None:
            assert fast == _words_found_slowly(sentence, lexicon), sentence
            checked += 1
    assert checked > 100
    assert _words_found("Acquired by a rival, the firm signed.", lexicon) == [
        (0, 8, "acquire", False),
        (30, 36, "sign", False),
    ]


def test_document_vocabulary_finds_what_each_sentence_scan_finds() -> None:
    """Guards the per-document word list: looking for the document's lexicon words in each sentence
    gives what scanning each sentence for its own words gives, declines included."""
    lexicon = event_lexicon()
    texts = [path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt"))] + ["\n".join(TRICKY)]
    checked = 0
    for text in texts:
        vocabulary = _document_words(text, lexicon)
        for start, end in split_sentences(text):
            sentence = text[start:end]
            assert _words_found(sentence, lexicon, vocabulary) == _words_found(sentence, lexicon), sentence
            checked += 1
    assert checked > 100
    # "design" holds "sign" but not as a word: the substring alone does not make it a hit.
    assert _words_found("The design won.", lexicon, frozenset({"sign"})) == []


def _state(model: object) -> tuple[object, ...]:
    return tuple(
        getattr(model, name)
        for name in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
    )


def test_mentions_built_directly_equal_model_construct() -> None:
    """Guards the direct construction of mentions and candidates: the same state as pydantic's
    model_construct (fields, their order, the set fields), equal, hashed alike, frozen, dumped alike."""
    built = new_mention(3, 9, "Acme Co", EntityType.ORG, "gazetteer", "Acme", None, None)
    reference = Mention.model_construct(
        start=3,
        end=9,
        text="Acme Co",
        type=EntityType.ORG,
        cue="gazetteer",
        gazetteer="Acme",
        expands_to=None,
        title=None,
    )
    assert _state(built) == _state(reference)
    assert list(built.__dict__) == list(reference.__dict__)
    assert built == reference and hash(built) == hash(reference)
    assert built.model_dump_json() == reference.model_dump_json()
    assert Mention.model_validate(built.model_dump()) == built
    with pytest.raises(ValidationError):
        built.start = 4  # type: ignore[misc]
    candidate = new_candidate(0, 4, "Acme", "chunk")
    assert _state(candidate) == _state(Candidate.model_construct(start=0, end=4, text="Acme", cue="chunk"))
    assert candidate.model_dump_json() == Candidate(start=0, end=4, text="Acme").model_dump_json()


def test_lower_case_word_found_without_listing_every_word() -> None:
    """Guards the lower-case word test behind "a sentence's first word the document also writes in
    lower case": the same answer as listing the document's lower-case words, on the seeds and at
    apostrophes, hyphens, digits and underscores."""
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts += ["rock'n'roll and n", "x-ray ray", "co-op op", "under_score score", "²nd nd", "it’s s", "end"]
    words = ["n", "roll", "ray", "op", "score", "nd", "s", "end", "t", "x-ray", "Ray", "rock's", "measles"]
    for text in texts:
        listed = frozenset(_LOWER_WORD_RE.findall(text))
        vocabulary = {w.lower() for w in re.findall(r"[\w'’-]+", text)} | set(words)
        for word in sorted(vocabulary):
            assert _written_in_lower_case(text, word) == (word in listed), (word, text[:40])
    assert _written_in_lower_case("x-ray and a ray", "ray")
    assert not _written_in_lower_case("x-ray", "ray")


def test_gazetteer_phrases_found_as_with_a_lookbehind() -> None:
    """Guards the gazetteer-phrase scan: checking the word start after the match finds exactly the
    matches of the same names behind ``(?<!\\w)``, also where a name follows a letter, a digit or
    an underscore."""
    pattern = _gazetteer_phrase_re()
    assert pattern is not None
    reference = re.compile(r"(?<!\w)" + pattern.pattern)
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    texts.append(
        "the Food and Drug Administration, xFood and Drug Administration, 9Securities and Exchange Commission, "
        "_Food and Drug Administration and éFood and Drug Administration (Securities and Exchange Commission)"
    )
    for text in texts:
        assert [m.span() for m in _matches_at_word_starts(pattern, text)] == [
            m.span() for m in reference.finditer(text)
        ]
    assert len(list(_matches_at_word_starts(pattern, texts[-1]))) == 2


def test_times_and_events_built_unvalidated_equal_validated_models() -> None:
    """Guards model_construct in the time and event loops: on the seeds (with a publication date, so
    dates and granularities are set) every expression and event is what validation would build."""
    from datetime import date

    from caseview.extract.models import EventCandidate, TimeExpression
    from caseview.extract.pipeline import extract_document

    times = events = 0
    for path in sorted(SEEDS.glob("*.txt")):
        extraction = extract_document(path.read_text("utf-8"), date(2026, 4, 17))
        for time in extraction.times:
            validated = TimeExpression(**{name: getattr(time, name) for name in time.model_fields_set})
            assert _state(validated) == _state(time)
            times += 1
        for event in extraction.events:
            validated_event = EventCandidate(**{name: getattr(event, name) for name in event.model_fields_set})
            assert _state(validated_event) == _state(event)
            events += 1
    assert times > 10 and events > 10
