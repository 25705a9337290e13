"""Sentences and lines: where sentences start and end, and which lines are publisher boilerplate.

The splitter knows that "U.S.", "Mr." or "J." do not end a sentence (unless the next word is one
that typically starts a sentence, as in "... in the U.S. The company ...").
"""

from __future__ import annotations

import re
from functools import lru_cache

from caseview.corpus.metadata import is_boilerplate as _is_boilerplate_uncached
from caseview.extract.lexicon import cues

#: Publisher boilerplate tests each line against every pattern; entities and events ask about the same
#: lines of a document (and wire copy repeats its furniture across documents), so the answers are kept.
is_boilerplate = lru_cache(maxsize=4096)(_is_boilerplate_uncached)

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sen rep gov gen adm col lt sgt capt rev st jr sr inc corp co ltd bros vs etc
    e.g i.e al jan feb mar apr jun jul aug sep sept oct nov dec no nos fig approx dept est mt ft""".split()
)
_BOUNDARY_RE = re.compile(r"[.!?]+[\"”’')\]*]*(?=\s)|\n")
#: The word before a full stop, as a pattern (the reference for :func:`_word_before`, which reads it backwards).
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")
_NEXT_WORD_RE = re.compile(r"\s*[\"“‘'(*\[]*\s*([\w]+)")


def _period_ends_sentence(text: str, at: int, after: int) -> bool:
    """Does the full stop at ``at`` (its boundary run ends at ``after``) end a sentence?"""
    next_word = _NEXT_WORD_RE.match(text, after)
    if next_word is None:
        return True
    following = next_word.group(1)
    if following[:1].islower():
        return False
    # Only now the word before (most full stops were decided by the word after).
    word = _word_before(text, at)
    if word is None:
        return True
    bare = word.lower().strip(".")
    if bare in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "Donald J. Trump"
        return False
    if "." in word:  # a dotted acronym: "U.S." ends a sentence only before a typical sentence start
        return following.lower() in cues().sentence_starters
    return True


def _word_before(text: str, at: int) -> str | None:
    """What ``_WORD_BEFORE_RE.search(text, max(0, at - 20), at)`` finds (group 1), read backwards from
    ``at``: the run of word characters and dots that ends there, or before a line break that ends the
    stretch (where ``$`` also matches), at most 20 characters back."""
    low = max(0, at - 20)
    end = at
    if end > low and text[end - 1] == "\n":
        end -= 1
    start = end
    # What ``[\w.]`` matches: ``\w`` is a letter, digit or number character (``isalnum``) or "_".
    while start > low and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    return text[start:end] if start < end else None


@lru_cache(maxsize=64)
def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans (start, end), trimmed of surrounding whitespace, in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        mark = match.group()
        if mark == "\n":
            end = match.start()
        elif mark[0] != "." or _period_ends_sentence(text, match.start(), match.end()):
            end = match.end()
        else:
            continue
        _append_trimmed(text, start, end, spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return tuple(spans)


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Lines that are publisher furniture ("Unlock the ... newsletter for free"), as (start, end)."""
    return list(_boilerplate_spans(text))


@lru_cache(maxsize=64)
def _boilerplate_spans(text: str) -> tuple[tuple[int, int], ...]:
    # Cached like split_sentences: entities and events both ask for the same document's lines.
    spans = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and len(line) < 300 and is_boilerplate(stripped):
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return tuple(spans)


_TERMINAL = tuple(".!?\"”’')")
_BOLD_HEADING_RE = re.compile(r"\*\*([^*\n]{3,120})\*\*")
_HEADING_MAX_WORDS = 25
_SMALL_WORDS = frozenset("a an and as at but by for from in into of on or the to vs with".split())


def _title_like(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", text) if w.lower() not in _SMALL_WORDS]
    return bool(words) and sum(1 for w in words if w[0].isupper()) >= 0.7 * len(words)


def heading_spans(text: str) -> list[tuple[int, int]]:
    """Headlines and section headings, as (start, end): a short first line followed by a body, a short line
    without closing punctuation, and a bold run in Title Case ("**Deep rifts: Political ...**").
    Events are never read from these: a headline restates, in shorthand, what the body tells."""
    spans: list[tuple[int, int]] = []
    position = 0
    first = True
    has_body = sum(1 for line in text.split("\n") if line.strip()) > 1
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            # At most so many words: a split that stops after one more tells (a paragraph is not cut
            # into all its words).
            short = len(stripped.split(None, _HEADING_MAX_WORDS)) <= _HEADING_MAX_WORDS
            unpunctuated = not stripped.endswith(_TERMINAL) and short
            # The first line is a headline only when a body follows it.
            boilerplate = is_boilerplate(stripped)
            headline = first and short and has_body and not boilerplate
            if headline or unpunctuated:
                spans.append((position, position + len(line)))
            if not boilerplate:
                first = False
        position += len(line) + 1
    for match in _BOLD_HEADING_RE.finditer(text):
        inner = match.group(1).strip()
        if not inner.endswith(_TERMINAL) and _title_like(inner):
            spans.append((match.start(), match.end()))
    return sorted(spans)
