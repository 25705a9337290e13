"""Counts a document states, with the range its wording allows: "about 50 organizations" is
42–58, "more than 100 companies" is 101 or more, "around 120" (of "entities") is 110–130: "about" allows 15%
but no more than the number's own rounding (or 5%) — "about 4,200" is told to the hundred, 3,990–4,410.

Only counts of things that sources compare are kept (organisations, people, countries, ...):
years, percentages, money and "70 additional …" (a change, not a total) are not counts of a thing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter

from caseview.extract.anchored import anchored_matches, candidate_starts
from caseview.extract.eventlex import event_lexicon
from caseview.extract.models import Candidate, Mention, Quantity
from caseview.extract.sentences import split_sentences

#: A mention's start, read in C (the sort key of a document's mentions).
_START = attrgetter("start")

#: "about" and its kin allow this much either side at most ...
APPROXIMATE_SPREAD = 0.15
#: ... and at least this much, or the number's rounding unit ("about 4,200": 100) if that is more.
APPROXIMATE_PRECISION = 0.05
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
    **dict.fromkeys(
        "people persons employees workers staff users members residents passengers patients students children "
        "evacuees victims soldiers troops voters protesters".split(),
        "people",
    ),
    **dict.fromkeys("countries nations states".split(), "country"),
}
_NOT_A_COUNT_AFTER = re.compile(r"^\s*(?:percent|per cent|%|years?|months?|weeks?|days?|hours?|million|billion)\b")


#: "about 200 residents were evacuated", "the 300 employees at the site will be paid": the happening a
#: passive after the counted noun tells (a few words of the noun phrase may come between).
_PASSIVE_AFTER_RE = re.compile(
    r"(?:\s+[\w’'-]+){0,4}?\s+(?:were|was|are|is|have been|has been|had been|will be|would be|could be|being)"
    r"\s+(?:\w+ly\s+)?(?P<verb>[a-z]+)\b"
)
#: "200 people evacuated from Cedar Flats": a participle right after the counted noun.
_PARTICIPLE_AFTER_RE = re.compile(r"\s+(?P<verb>[a-z]+ed)\b")
#: "5,100 households rely on the plant": what the things counted depend on, told after them.
_RELY_AFTER_RE = re.compile(r"\s+(?P<verb>rely|relies|relied|depend|depends|depended)\s+on\b")
#: What says how many a plant or a harm reaches ("4,200 households are served by the plant", "5,100 rely
#: on it", "4,800 households are affected"): one population however it is worded, so its counts compare.
_POPULATION_PREDICATES = frozenset({"serv", "serve", "rely", "depend", "affect", "supply", "connect"})
#: The word before a count that cannot be the verb whose object it is ("to about 50", "of 9,000").
_NOT_A_VERB_BEFORE = frozenset(
    """to of by for from with without than and or but the a an its their his her this that these those
    in on at about around nearly almost some over under between among per into onto up down all only
    just least most more less total number within after before during since until across through
    against like including beyond below above near is are was were be been has have had""".split()
)
#: The words of a count's qualifier ("about", "more than", "as many as"), passed over looking back for its verb.
_QUALIFIER_WORDS = frozenset(
    "about around approximately roughly nearly almost some an estimated over more than at least upwards of "
    "fewer less under as many".split()
)
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
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
        # A writer who gives "about 4,200" knows it to the hundred: 4,800 elsewhere is another count.
        precision = max(_rounding_unit(value), round(value * APPROXIMATE_PRECISION))
        spread = max(1.0, min(round(value * APPROXIMATE_SPREAD), precision))
        return value - spread, value + spread
    return value, value


def _rounding_unit(value: float) -> float:
    """The power of ten a whole number is rounded to (4,200 → 100, 50 → 10, 86 → 1)."""
    unit, number = 1.0, int(value)
    while number and number % 10 == 0:
        unit, number = unit * 10, number // 10
    return unit


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
            adjective, generic = "", False
            if match["noun"]:
                words = list(re.finditer(r"\S+", match["noun"]))
                for position, word in enumerate(words):
                    lowered = word.group().lower()
                    adjective = _participle(words[position - 1]) if position else ""
                    plural = lowered.endswith("s") and lowered.isalpha() and len(lowered) > 3
                    if lowered in COUNTED or (plural and (adjective or position == 0)):
                        # Beyond the known kinds, "60 cancelled flights", "the airline cancelled 75
                        # flights": a thing of its own kind, kept only with what befell it.
                        generic = lowered not in COUNTED
                        counted = COUNTED.get(lowered) or lowered.removesuffix("s")
                        stop = match.start("noun") + word.end()
                        break
                    adjective = ""
            if counted is None:
                before = _NUMBER_OF_RE.search(sentence, 0, match.start())
                counted = COUNTED.get(before["noun"].lower()) if before else None
            if counted is None:
                continue
            predicate = adjective or _predicate_around(sentence, match.start(), stop)
            if generic and not predicate:
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
                    predicate=predicate,
                )
            )
    return tuple(found)


def _participle(word: re.Match[str]) -> str:
    """The stem of a participle used as an adjective ("cancelled", "evacuated"), else ""."""
    lowered = word.group().lower()
    return predicate_stem(lowered) if lowered.endswith("ed") and lowered.isalpha() else ""


def _predicate_around(sentence: str, count_start: int, count_end: int) -> str:
    """What the sentence says happened to what a count counts: a passive or a participle after it
    ("… residents were evacuated", "… people evacuated from …"), else the verb just before it
    ("evacuated more than 150 residents", "laid off 85 workers"); "" when none is told."""
    lexicon = event_lexicon()
    after = _PASSIVE_AFTER_RE.match(sentence, count_end) or _PARTICIPLE_AFTER_RE.match(sentence, count_end)
    if after is not None and (after["verb"].endswith(("ed", "en")) or after["verb"] in lexicon.past_forms):
        return predicate_stem(after["verb"])
    relied = _RELY_AFTER_RE.match(sentence, count_end)
    if relied is not None:
        return "rely"
    before = word_before(sentence, count_start)
    while before is not None:
        word, at = before
        if word.lower() == "to" and sentence[max(0, at - 3) : at].lower() == "up ":
            before = word_before(sentence, at - 3)  # "cut up to 40 flights"
        elif word.lower() in _QUALIFIER_WORDS:
            before = word_before(sentence, at)
        else:
            break
    if before is None or not before[0].islower() or before[0] in _NOT_A_VERB_BEFORE:
        return ""
    word = before[0]
    if word == "off":  # "laid off", "lays off"
        previous = word_before(sentence, before[1])
        word = f"{previous[0].lower()} off" if previous else word
    if word in lexicon.verbs or word.endswith("ed") or (word.endswith("s") and not word.endswith("ss")) or " " in word:
        return predicate_stem(word)
    return ""  # "a town of 9,000 people": no verb before it


def word_before(sentence: str, end: int) -> tuple[str, int] | None:
    """The run of ASCII letters that ends ``sentence[:end]`` but for what is no word character (spaces,
    punctuation), and where it starts; None when a digit, an underscore or another letter comes first.
    (What ``([A-Za-z]+)\\W*$`` finds searched in ``sentence[:end]``, read backwards instead of from
    the sentence's start.)"""
    index = end
    while index > 0 and not (sentence[index - 1].isalnum() or sentence[index - 1] == "_"):
        index -= 1
    stop = index
    while index > 0 and sentence[index - 1] in _ASCII_LETTERS:
        index -= 1
    if index == stop:
        return None
    return sentence[index:stop], index


def predicate_stem(word: str) -> str:
    """A verb's lemma in the event lexicon when it has one, else a crude stem ("employs", "employed" →
    "employ"), so that two wordings of one happening compare equal."""
    lexicon = event_lexicon()
    lemma = lexicon.verbs.get(word) or lexicon.phrase_lemmas.get(word)
    if lemma:
        return lemma
    for suffix, replacement in (("ied", "y"), ("ies", "y"), ("ed", ""), ("es", ""), ("s", ""), ("ing", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def compatible(a: Quantity, b: Quantity) -> bool:
    """Can both counts be true of one number?"""
    a_high = a.high if a.high is not None else float("inf")
    b_high = b.high if b.high is not None else float("inf")
    return a.low <= b_high and b.low <= a_high


def same_happening(a: Quantity, b: Quantity) -> bool:
    """May two counts be of one happening? Not when each names what befell the things counted and
    they differ ("14 people were treated" and "200 people were evacuated")."""
    if a.predicate in _POPULATION_PREDICATES and b.predicate in _POPULATION_PREDICATES:
        return True
    return not (a.predicate and b.predicate and a.predicate != b.predicate)
