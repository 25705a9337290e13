"""The extractor's fast paths give exactly what the plain word-by-word reading gives."""

from __future__ import annotations

from pathlib import Path

from caseview.extract.eventlex import event_lexicon
from caseview.extract.events import _words_found, _words_found_slowly
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
