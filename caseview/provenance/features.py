"""The distinctive features two texts can share: word shingles, quotes, numbers and names.

Everything here is a pure function of a text. Hashes are CRC-32 so that sketches are the same in
every process and run (Python's own ``hash`` of a ``str`` is salted per process).
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

#: How many of a text's smallest shingle hashes make its sketch (bottom-k sampling).
SKETCH_SIZE = 96
#: Words per shingle: long enough that unrelated texts rarely share one.
SHINGLE_WORDS = 5
#: Words a quote needs to count as distinctive ("all lawful purposes" does; "woke" does not).
MIN_QUOTE_WORDS = 3

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)
_QUOTE_RE = re.compile(r"“([^”\n]{3,600})”|\"([^\"\n]{3,600})\"|‘([^’\n]{8,600})’")
_NUMBER_RE = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w])|(?<![\w.,])\d+(?:\.\d+)?(?![\w])")
# A name: capitalised words, optionally joined by "of", "and", "the", "for", "de" ("Office of
# Management and Budget"), not starting with a joining word.
_NAME_RE = re.compile(
    r"\b[A-Z][\w’'&.-]*[\w](?:\s+(?:(?:of|and|the|for|de|du|von|van)\s+)?[A-Z][\w’'&.-]*[\w])*",
    re.UNICODE,
)
_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say according would could may might must shall
    one two new last first year years week weeks month months day days time told also however""".split()
)
_SUFFIXES = ("ational", "ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "es", "ed", "ly", "s")


@dataclass(frozen=True)
class Quote:
    """A quotation in a text: its offsets (of the words inside the marks) and its words, lowercased."""

    start: int
    end: int
    words: frozenset[str]


def words(text: str) -> list[str]:
    """The words of ``text``, lowercased, curly apostrophes straightened."""
    return [match.group().lower().replace("’", "'") for match in _WORD_RE.finditer(text)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, language-agnostic stem: enough to match "designation" with "designations"."""
    word = word.removesuffix("'s")
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:8]


def content_stems(text: str) -> list[str]:
    """The stems of the words that carry meaning (no stop words, no one- or two-letter words)."""
    return [stem(word) for word in words(text) if len(word) > 2 and word not in _STOPWORDS]


def shingle_hashes(text: str) -> set[int]:
    """CRC-32 hashes of every run of :data:`SHINGLE_WORDS` words."""
    tokens = words(text)
    if len(tokens) < SHINGLE_WORDS:
        return {zlib.crc32(" ".join(tokens).encode("utf-8"))} if tokens else set()
    return {
        zlib.crc32(" ".join(tokens[i : i + SHINGLE_WORDS]).encode("utf-8"))
        for i in range(len(tokens) - SHINGLE_WORDS + 1)
    }


def sketch(hashes: Iterable[int], size: int = SKETCH_SIZE) -> frozenset[int]:
    """The ``size`` smallest hashes: a consistent sample of the text's shingles."""
    return frozenset(heapq.nsmallest(size, hashes))


def resemblance(first: frozenset[int], second: frozenset[int], size: int = SKETCH_SIZE) -> float:
    """Estimated Jaccard resemblance of two texts from their sketches (Broder's bottom-k estimator)."""
    if not first or not second:
        return 0.0
    union_sample = heapq.nsmallest(size, first | second)
    shared = sum(1 for value in union_sample if value in first and value in second)
    return shared / len(union_sample)


def quotes(text: str) -> list[Quote]:
    """Quotations of at least :data:`MIN_QUOTE_WORDS` words, in either straight or curly marks."""
    found = []
    for match in _QUOTE_RE.finditer(text):
        group = next(index for index in (1, 2, 3) if match.group(index) is not None)
        inner = words(match.group(group))
        if len(inner) >= MIN_QUOTE_WORDS:
            found.append(Quote(match.start(group), match.end(group), frozenset(inner)))
    return found


def quotes_match(first: Quote, second: Quote) -> bool:
    """Whether two quotations are the same words, allowing for a translator's or editor's changes."""
    shared = len(first.words & second.words)
    return shared >= MIN_QUOTE_WORDS and shared / len(first.words | second.words) >= 0.5


def numbers(text: str) -> set[str]:
    """Numbers written with digits, normalised ("1,200" → "1200"), years and small counts included."""
    return {match.group().replace(",", "") for match in _NUMBER_RE.finditer(text)}


def names(text: str) -> dict[str, str]:
    """Capitalised names (lowercased → as first written); single words only when they do not start a sentence."""
    found: dict[str, str] = {}
    for match in _NAME_RE.finditer(text):
        name = match.group().rstrip(".")
        if " " not in name:
            before = text[max(0, match.start() - 2) : match.start()]
            if match.start() == 0 or before.strip() in ("", ".", "!", "?", "-", "—", ":") or before.endswith("\n"):
                continue  # a capital that may only be there because a sentence starts
            if len(name) < 3:
                continue
        found.setdefault(name.lower().replace("’", "'"), name)
    return found
