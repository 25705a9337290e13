"""Counts a document states, with the range its wording allows: "about 50 organizations" is
42–58, "more than 100 companies" is 101 or more, "around 120" (of "entities") is 102–138.

Only counts of things that sources compare are kept (organisations, people, countries, ...):
years, percentages, money and "70 additional …" (a change, not a total) are not counts of a thing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter

from caseview.extract.anchored import anchored_matches, candidate_starts
from caseview.extract.models import Candidate, Mention, Quantity
from caseview.extract.sentences import split_sentences

#: A mention's start, read in C (the sort key of a document's mentions).
_START = attrgetter("start")

#: "about" and its kin allow this much either side.
APPROXIMATE_SPREAD = 0.15
_QUALIFIER = (
    r"(?P<q>about|around|approximately|roughly|nearly|almost|some|an estimated|over|more than|at least|"
    r"upwards of|fewer than|less than|up to|under|as many as)"
)
_COUNT_RE = re.compile(
    rf"\b(?:{_QUALIFIER}\s+)?(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<plus>\+)?"
    r"(?:\s+(?P<mod>additional|more|new|other|extra|further))?"
    r"(?P<noun>(?:\s+(?:[A-Z]{2,}|[a-z]+(?:-[a-z]+)?)){1,3})?",
    re.IGNORECASE,
)
_NUMBER_OF_RE = re.compile(r"\bnumber of (?P<noun>[a-z]+)[^.;]{0,80}$", re.IGNORECASE)
#: What is counted → the class it is compared in.
COUNTED = {
    **dict.fromkeys(
        "organization organizations organisation organisations enterprise enterprises institution institutions "
        "entity entities company companies firm firms agency agencies business businesses group groups "
        "customer customers partner partners".split(),
        "organisation",
    ),
    **dict.fromkeys("people persons employees workers staff users members".split(), "people"),
    **dict.fromkeys("countries nations states".split(), "country"),
}
_NOT_A_COUNT_AFTER = re.compile(r"^\s*(?:percent|per cent|%|years?|months?|weeks?|days?|hours?|million|billion)\b")


_DIGITS_RE = re.compile(r"\d+")
_DIGIT_RE = re.compile(r"\d")
_RUNS_BEFORE_NUMBER = 4


def _count_matches(sentence: str) -> list[re.Match[str]]:
    """What ``_COUNT_RE.finditer(sentence)`` finds, trying the pattern only where a match can start
    (the word starts just before each number), not at every position of the sentence."""
    # A count opens with a qualifier of up to three words ("as many as") or with its number, which
    # starts a digit run: a match starts at one of the four word runs up to each digit run's start.
    spots = [digits.start() for digits in _DIGITS_RE.finditer(sentence)]
    return anchored_matches(_COUNT_RE, sentence, candidate_starts(sentence, spots, _RUNS_BEFORE_NUMBER))


def _bounds(qualifier: str, value: float, plus: bool) -> tuple[float, float | None]:
    if plus or qualifier in ("over", "more than", "upwards of"):
        return value + 1, None
    if qualifier in ("at least",):
        return value, None
    if qualifier in ("fewer than", "less than", "under"):
        return 0, value - 1
    if qualifier in ("up to", "as many as"):
        return 0, value
    if qualifier:
        spread = max(1.0, round(value * APPROXIMATE_SPREAD))
        return value - spread, value + spread
    return value, value


def find_quantities(text: str, mentions: Sequence[Mention | Candidate]) -> tuple[Quantity, ...]:
    """Counts of organisations, people or countries, each with the mentions of its sentence (or of
    the sentence before, when its own names nothing: "… Mythos. Currently, access covers about 50 …")."""
    found: list[Quantity] = []
    ordered = sorted(mentions, key=_START)
    starts = [m.start for m in ordered]
    sentences = split_sentences(text)

    def spans_of(index: int) -> tuple[tuple[int, int], ...]:
        # The sentence's mentions by bisection (a scan of every mention per sentence was quadratic).
        start, end = sentences[index]
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        return tuple((m.start, m.end) for m in ordered[first:last] if m.end <= end)

    # The mentions of the nearest sentence before that names any, asked for only at a count whose own
    # sentence names nothing: the sentences are read once, up to the latest such count.
    scanned = 0
    named_before: tuple[tuple[int, int], ...] = ()

    def previous_spans(index: int) -> tuple[tuple[int, int], ...]:
        nonlocal scanned, named_before
        while scanned < index:
            spans = spans_of(scanned)
            if spans:
                named_before = spans
            scanned += 1
        return named_before

    # Speed: where the next digit at or after the sentence's start is; the sentences before it are
    # passed over without a search each (the text is read once for digits).
    next_digit = -1
    for index, (start, end) in enumerate(sentences):
        if next_digit < start:
            digit = _DIGIT_RE.search(text, start)
            next_digit = digit.start() if digit else len(text)
        if next_digit >= end:
            continue  # no number, no count
        sentence = text[start:end]
        spans = spans_of(index)
        for match in _count_matches(sentence):
            if match["mod"] and match["mod"].lower() in ("additional", "more", "new", "extra", "further"):
                continue
            if _NOT_A_COUNT_AFTER.match(sentence, match.end("n")) or (len(match["n"]) == 4 and not match["q"]):
                continue  # a year or a percentage
            counted, stop = None, match.end("plus") if match["plus"] else match.end("n")
            if match["noun"]:
                for word in re.finditer(r"\S+", match["noun"]):
                    if word.group().lower() in COUNTED:
                        counted, stop = COUNTED[word.group().lower()], match.start("noun") + word.end()
                        break
            if counted is None:
                before = _NUMBER_OF_RE.search(sentence, 0, match.start())
                counted = COUNTED.get(before["noun"].lower()) if before else None
            if counted is None:
                continue
            value = float(match["n"].replace(",", ""))
            low, high = _bounds((match["q"] or "").lower(), value, bool(match["plus"]))
            found.append(
                Quantity(
                    start=start + match.start(),
                    end=start + stop,
                    text=sentence[match.start() : stop],
                    low=low,
                    high=high,
                    counted=counted,
                    mention_spans=spans or previous_spans(index),
                )
            )
    return tuple(found)


def compatible(a: Quantity, b: Quantity) -> bool:
    """Can both counts be true of one number?"""
    a_high = a.high if a.high is not None else float("inf")
    b_high = b.high if b.high is not None else float("inf")
    return a.low <= b_high and b.low <= a_high
