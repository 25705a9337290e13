"""Where a query matches in a document's text, as exact offsets, and snippets around the matches.

Pure functions over the text: the same analysers as the index re-tokenise the document, and every
token keeps its character offsets, so ``text[match.start:match.end]`` is always the matched word(s).
Whoosh's own fragmenter is not used: it silently ignores matches after 32,768 characters.
Passages found outside the index (entity mentions, annotated passages) come in as extra spans and
are merged with the query's matches, so a hit's matches and snippets are made once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence, Set
from functools import lru_cache

from whoosh.analysis import STOP_WORDS

from caseview.search.models import Match, Snippet, Span
from caseview.search.schema import WORD_PATTERN, stem_word

SNIPPET_WIDTH = 180
MAX_SNIPPETS = 3

_WORD = re.compile(WORD_PATTERN)
_INNER_JOINERS = ".'’"


def _is_token_start(text: str, position: int) -> bool:
    """True where the index's tokeniser would start a word (not inside "don't" or "U.S.")."""
    if position == 0:
        return True
    before = text[position - 1]
    if before.isalnum() or before == "_":
        return False
    if before in _INNER_JOINERS and position >= 2:
        previous = text[position - 2]
        return not (previous.isalnum() or previous == "_")
    return True


@lru_cache(maxsize=100_000)
def _body_form(word: str) -> str | None:
    """What the ``body`` analyser indexes for a lower-cased word: its stem, or None for a stop word."""
    return None if word in STOP_WORDS else stem_word(word)


@lru_cache(maxsize=256)
def _starts_pattern(starts: frozenset[str]) -> re.Pattern[str]:
    """One alternation of ``starts``, longest first, made once per query rather than once per hit
    (a prefix query highlights up to 128 words: escaping and joining them was 1.3 ms a hit)."""
    return re.compile("|".join(re.escape(start) for start in sorted(starts, key=len, reverse=True)), re.IGNORECASE)


def _candidate_tokens(text: str, starts: Set[str]) -> Iterator[re.Match[str]]:
    """Tokens of ``text`` that begin with one of ``starts`` (case-insensitive).

    A regular-expression scan finds the few places worth a closer look, so a 50 MB document is not
    tokenised word by word in Python for a search that matches a handful of times.
    """
    if not starts:
        return
    for found in _starts_pattern(frozenset(starts)).finditer(text):
        if _is_token_start(text, found.start()):
            token = _WORD.match(text, found.start())
            if token is not None:
                yield token


def _stem_start(stem: str) -> str:
    # Stemming rewrites at most a word's last three letters (Snowball: "happi" for "happy", "hope"
    # for "hoping", "sky" for "skies"), so the rest of a stem begins every word that has it.
    return stem[: len(stem) - 3] if len(stem) > 4 else stem[:1]


def find_matches(
    text: str,
    body_terms: Set[str],
    exact_terms: Set[str],
    phrases: Sequence[tuple[str, ...]],
    extra: Iterable[Span] = (),
) -> list[Match]:
    """Every occurrence of the query's positive terms and phrases in ``text``, with ``extra``: in order, merged."""
    spans: list[tuple[int, int]] = [(span.start, span.end) for span in extra]
    for token in _candidate_tokens(text, {_stem_start(term) for term in body_terms}):
        if _body_form(token.group().lower()) in body_terms:
            spans.append(token.span())
    for token in _candidate_tokens(text, exact_terms):
        if token.group().lower() in exact_terms:
            spans.append(token.span())
    for phrase in phrases:
        spans.extend(_phrase_spans(text, phrase))
    return _merged(spans)


def _phrase_spans(text: str, phrase: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    if not phrase:
        return
    for token in _candidate_tokens(text, {phrase[0]}):
        if token.group().lower() != phrase[0]:
            continue
        words = []
        for following in _WORD.finditer(text, token.start()):
            words.append(following)
            if len(words) == len(phrase):
                break
        if tuple(word.group().lower() for word in words) == phrase:
            yield token.start(), words[-1].end()


def _merged(spans: list[tuple[int, int]]) -> list[Match]:
    """Sorted, non-overlapping matches covering ``spans``."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Match(start=start, end=end) for start, end in merged]


def make_snippets(
    text: str, matches: list[Match], width: int = SNIPPET_WIDTH, limit: int = MAX_SNIPPETS
) -> list[Snippet]:
    """Up to ``limit`` windows of about ``width`` characters, each around a cluster of matches.

    Windows start and end at word boundaries and never cross a paragraph break when avoidable.
    Without matches, the opening of the document is the snippet.
    """
    if not matches:
        end = _word_end(text, min(len(text), width))
        return [Snippet(text=text[:end], start=0, end=end, matches=[])] if text else []
    snippets: list[Snippet] = []
    index = 0
    while index < len(matches) and len(snippets) < limit:
        anchor = matches[index]
        start = _word_start(text, max(0, anchor.start - width // 3))
        paragraph_start = text.rfind("\n", start, anchor.start)
        if paragraph_start != -1:
            start = paragraph_start + 1
        end = _word_end(text, min(len(text), start + width))
        end = max(end, anchor.end)
        paragraph_end = text.find("\n", anchor.end, end)
        if paragraph_end != -1:
            end = paragraph_end
        inside = []
        while index < len(matches) and matches[index].end <= end:
            inside.append(matches[index])
            index += 1
        snippets.append(Snippet(text=text[start:end], start=start, end=end, matches=inside))
    return snippets


def _word_start(text: str, position: int) -> int:
    if position <= 0:
        return 0
    space = text.rfind(" ", max(0, position - 20), position)
    return space + 1 if space != -1 else position


def _word_end(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    space = text.find(" ", position, position + 20)
    return space if space != -1 else position
