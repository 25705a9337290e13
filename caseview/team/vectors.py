"""Document text as PostgreSQL ``tsvector`` values made by caseview's own analysers.

The server's full-text search must match exactly what the embedded Whoosh index matches, so the
words are cut, lower-cased and stemmed here, by the very analysers of the Whoosh schema, and sent
as ready lexemes with positions (PostgreSQL's ``simple`` parsing never touches them). Long texts
are cut into chunks of :data:`CHUNK_WORDS` words overlapping by :data:`CHUNK_OVERLAP`, which keeps
every position inside PostgreSQL's limits (16,383, and 256 positions per lexeme) while a phrase
of up to the overlap's length is always whole in some chunk.

Every function takes an optional :class:`Analysers`: a bulk load makes one and passes it to every
document, so the stemmer's cache (which lives in the analyser) is kept across documents instead of
being made anew for each text — most of a load's time was spent stemming words already stemmed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from caseview.search.schema import body_analyzer, exact_analyzer, name_analyzer

CHUNK_WORDS = 2_000
CHUNK_OVERLAP = 64
#: PostgreSQL keeps at most this many positions per lexeme in one tsvector.
MAX_POSITIONS = 256


@dataclass(frozen=True)
class Chunk:
    """Words ``first`` to ``first + len(exact)`` of a text: its unstemmed and stemmed tokens."""

    first: int
    exact: tuple[str, ...]
    body: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Analysers:
    """The embedded index's analysers, made once and used for many texts (by one thread at a time:
    the stemmer's cache is not locked)."""

    body: Any = field(default_factory=body_analyzer)
    exact: Any = field(default_factory=exact_analyzer)
    name: Any = field(default_factory=name_analyzer)


def _tokens(analyzer: Callable[..., Iterable[object]], text: str) -> list[tuple[int, str]]:
    return [(token.pos, token.text) for token in analyzer(text, positions=True)]  # type: ignore[attr-defined]


def exact_words(text: str, analysers: Analysers | None = None) -> list[str]:
    return [word for _, word in _tokens((analysers or Analysers()).exact, text)]


def chunks(text: str, analysers: Analysers | None = None) -> Iterator[Chunk]:
    """The text's chunks; the stemmed tokens keep the positions of the words they come from."""
    analysers = analysers or Analysers()
    exact = exact_words(text, analysers)
    body = _tokens(analysers.body, text)
    start = 0
    while True:
        end = min(len(exact), start + CHUNK_WORDS)
        yield Chunk(start, tuple(exact[start:end]), tuple((pos, word) for pos, word in body if start <= pos < end))
        if end >= len(exact):
            return
        start = end - CHUNK_OVERLAP


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(positioned: Iterable[tuple[int, str]]) -> str:
    """``'word':1,4 'other':2`` — positions 1-based, at most :data:`MAX_POSITIONS` per lexeme."""
    by_word: dict[str, list[int]] = {}
    for position, word in positioned:
        places = by_word.setdefault(word, [])
        if len(places) < MAX_POSITIONS:
            places.append(position + 1)
    return " ".join(f"{_quote(word)}:{','.join(map(str, places))}" for word, places in by_word.items())


def exact_vector(chunk: Chunk) -> str:
    return tsvector_literal(enumerate(chunk.exact))


def body_vector(chunk: Chunk) -> str:
    return tsvector_literal((position - chunk.first, word) for position, word in chunk.body)


def _field_analyser(analysers: Analysers | None, *, stemmed: bool) -> Any:
    analysers = analysers or Analysers()
    return analysers.body if stemmed else analysers.name


def field_words(text: str, *, stemmed: bool, analysers: Analysers | None = None) -> list[str]:
    """A short field's words as the embedded index stores them (its terms, for expansions)."""
    return [word for _, word in _tokens(_field_analyser(analysers, stemmed=stemmed), text)]


def field_vector(text: str, *, stemmed: bool, analysers: Analysers | None = None) -> str:
    """A short field (title, outlet, notes) as one vector."""
    return tsvector_literal(_tokens(_field_analyser(analysers, stemmed=stemmed), text))
