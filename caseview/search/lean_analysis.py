"""The terms of a text field computed without Whoosh's analyser chain, for the index writer.

Whoosh analyses a field by passing one ``Token`` object per word through a generator per filter
(tokenizer, lower-case, stop list, stemmer), then groups the tokens per word in ``Format.word_values``:
about a third of a build's CPU. For the analysers caseview's schema uses
(:mod:`caseview.search.schema`) the same result is computed here with one ``findall``, a word → term
cache and, where positions are not stored, counting per distinct word rather than per token.

The output must equal Whoosh's, term for term: same terms (UTF-8 bytes), frequencies, weights,
encoded posting values (for positions, the integer whose bytes ``CompactPositions.encode`` gives, see
:mod:`caseview.search.positions_format`) and field length. ``tests/search/test_lean_writer.py`` compares it with
``field.index`` on real and hostile texts; a schema change that this module does not mirror must
fail there, not in the index.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from struct import Struct
from typing import Any, Literal

from whoosh.analysis import STOP_WORDS
from whoosh.formats import Frequency

from caseview.search.positions_format import CompactPositions, PositionsValue, pack_positions
from caseview.search.schema import WORD_PATTERN, stem_word
from caseview.search.weight_format import WeightOnly

#: Whoosh's ``pack_uint`` (whoosh.system): the frequency prefix of a posting value.
_PACK_UINT = Struct("!I").pack
#: What a field's postings hold besides their weight: positions, Whoosh's frequency value, nothing.
PostingKind = Literal["positions", "frequencies", "weights"]


def _no_value(_count: int) -> bytes:  # a stand-in for _PACK_UINT
    return b""


def posting_kind(fmt: Any) -> PostingKind | None:
    """How this module writes a field of format ``fmt``; ``None``: a format it does not mirror."""
    if type(fmt) is CompactPositions:
        return "positions"
    if type(fmt) is WeightOnly:
        return "weights"
    if type(fmt) is Frequency:
        return "frequencies"
    return None  # e.g. Whoosh's own Positions: Whoosh analyses it


_WORDS = re.compile(WORD_PATTERN, re.UNICODE)
_STOP_WORDS = frozenset(STOP_WORDS)


@dataclass(frozen=True)
class FieldTerms:
    """One field of one document: each term's (frequency, weight, encoded value), and the field's length.

    The value is ``bytes`` (``Frequency``; empty for ``WeightOnly``) or, for a positional field, the integer
    :func:`~caseview.search.positions_format.pack_positions` gives (what the block stores).
    """

    postings: dict[bytes, tuple[int, float, bytes | PositionsValue]]
    length: int


@dataclass(frozen=True)
class WordRule:
    """How a field's analyser turns a word (already lower-cased) into a term: ``None`` drops it."""

    stops: frozenset[str]
    stem: Callable[[str], str] | None

    def term_of(self, word: str) -> str | None:
        if word in self.stops:
            return None
        return self.stem(word) if self.stem is not None else word


#: ``schema.body_analyzer``: words, lower-cased, Whoosh's English stop list, Snowball stems.
STEMMED = WordRule(stops=_STOP_WORDS, stem=stem_word)
#: ``schema.exact_analyzer`` / ``schema.name_analyzer``: words, lower-cased.
PLAIN = WordRule(stops=frozenset(), stem=None)


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``, as ``RegexTokenizer(WORD_PATTERN) | LowercaseFilter()`` yields them.

    Lower-casing the whole text first is only safe for ASCII: elsewhere ``str.lower`` can change the
    length of a character ("İ" → "i̇"), and with it where the pattern splits words.
    """
    if text.isascii():
        return _WORDS.findall(text.lower())
    return [word.lower() for word in _WORDS.findall(text)]


class LeanAnalyser:
    """Terms of one field kind, with a word → term cache shared by every document of a build."""

    def __init__(self, rule: WordRule, kind: PostingKind, field_boost: float) -> None:
        self.rule = rule
        self.positions = kind == "positions"
        #: Whoosh's ``Frequency`` stores each frequency as a value; ``WeightOnly`` stores none.
        self._frequency_value = _PACK_UINT if kind == "frequencies" else _no_value
        self.field_boost = field_boost
        self._terms: dict[str, bytes | None] = {}

    def _term(self, word: str) -> bytes | None:
        term = self._terms.get(word, b"")
        if term == b"":
            text = self.rule.term_of(word)
            term = text.encode("utf-8") if text is not None else None
            if len(self._terms) < 200_000:  # bounded, like StemFilter's cache
                self._terms[word] = term
        return term

    def analyse(self, text: str) -> FieldTerms:
        tokens = words(text)
        if self.positions:
            return self._with_positions(tokens)
        return self._frequencies(tokens)

    def _frequencies(self, tokens: list[str]) -> FieldTerms:
        """``Frequency.word_values`` (``WeightOnly``'s): per term its count, weight count × boost, value
        ``pack_uint(count)`` (empty)."""
        counts: dict[bytes, int] = {}
        length = 0
        term_of = self._term
        for word, count in Counter(tokens).items():
            term = term_of(word)
            if term is None:
                continue
            counts[term] = counts.get(term, 0) + count
            length += count
        boost = self.field_boost
        value = self._frequency_value
        return FieldTerms({term: (n, float(n) * boost, value(n)) for term, n in counts.items()}, length)

    def _with_positions(self, tokens: list[str]) -> FieldTerms:
        """``CompactPositions.word_values``: positions renumbered past stop words as ``StopFilter`` does
        (the first kept word keeps its own position, the next ones follow it by one)."""
        boost = self.field_boost
        if not self.rule.stops and self.rule.stem is None:
            # Every word is its own term: group the positions per word, encode each word once.
            by_word: dict[str, list[int]] = {}
            for index, word in enumerate(tokens):
                found = by_word.get(word)
                if found is None:
                    by_word[word] = [index]
                else:
                    found.append(index)
            return FieldTerms(
                {
                    word.encode("utf-8"): (len(where), float(len(where)) * boost, pack_positions(where))
                    for word, where in by_word.items()
                },
                len(tokens),
            )
        positions: dict[bytes, list[int]] = {}
        term_of = self._term
        kept = 0
        first = -1
        for index, word in enumerate(tokens):
            term = term_of(word)
            if term is None:
                continue
            if first < 0:
                first = index
            position = first + kept
            kept += 1
            found_term = positions.get(term)
            if found_term is None:
                positions[term] = [position]
            else:
                found_term.append(position)
        return FieldTerms(
            {term: (len(where), float(len(where)) * boost, pack_positions(where)) for term, where in positions.items()},
            kept,
        )
