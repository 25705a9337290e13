"""Time expressions: found with offsets, resolved to an interval when a publication date is known.

Resolution does not guess into the future: a bare "in February" is the most recent February not
after the publication date, "on Wednesday" the most recent Wednesday on or before it. Words that
point forward resolve after it: "next week", "later this month", "tomorrow", and a date the
sentence looks forward to ("sentencing for Feb. 3", "will meet on Monday", "scheduled for May").
A publication date known only to the month or year resolves at that precision, marked approximate
("last week" against April 2026 is April 2026, approximately). Without a
publication date only absolute dates ("April 14, 2026", "in 2025") resolve; the rest stay as
written. Vague expressions ("recently", "at some point") are flagged ``vague``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from caseview.corpus.pubdate import PublicationDate
from caseview.extract import timeresolve as resolve
from caseview.extract.anchored import anchored_matches, candidate_starts
from caseview.extract.construct_events import new_time
from caseview.extract.models import Granularity, TimeExpression
from caseview.extract.textviews import text_views

_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_PART = r"(?:(?P<part>early|mid|late|the (?:beginning|start|middle|end) of)[\s-]+)?"
_YEARREF = r"(?:,?\s+(?:of\s+)?(?P<yref>this year|last year|next year|(?P<year>(?:19|20)\d{2})))?"
_PREP = (
    r"(?:(?P<prep>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]hrough|[Dd]uring|[Ff]rom|[Bb]efore|[Aa]fter|"
    r"[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Tt]his|[Nn]ext|[Oo]n)[\s-]+)"
)
_NUM = r"(?P<num>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several|couple of)"
_UNIT = r"(?P<unit>day|week|month|year)s?"

_MONTHS_CAP = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: For each pattern, how its matches are found without scanning the text at every position: the
#: substrings every match of it contains (its "needles"; looked for in the lower-cased text or not),
#: and how many word runs (``\w+``) a match may begin with up to and including the run of a needle
#: ("on the 3rd of March": on, the, 3rd, of, March = 5). Every pattern opens with ``\b`` and a word
#: character, so a match starts at a word run's start: only those few starts before each needle are
#: tried (``_anchored_matches``), and a text without a needle is not searched at all.
_ISO_NEEDLES = ("-",)
_YEAR_NEEDLES = ("19", "20")
_NEEDLES: list[tuple[bool, tuple[str, ...], int]] = [
    (False, _ISO_NEEDLES, 1),
    (False, _MONTHS_CAP, 5),
    (False, _MONTHS_CAP, 5),
    (False, _MONTHS_CAP, 5),
    (False, _MONTHS_CAP, 5),
    (True, ("quarter", "q1", "q2", "q3", "q4"), 4),
    (False, _YEAR_NEEDLES, 6),
    (True, ("earlier this", "later this"), 1),
    (True, ("week", "month", "year", "quarter"), 3),
    (True, ("yesterday", "today", "tomorrow", "tonight"), 1),
    (False, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"), 3),
    (True, ("ago",), 4),
    (True, ("last", "past"), 3),
    (True, ("recent",), 2),
    (
        True,
        (
            "recently",
            "some point",
            "the time",
            "the past",
            "the future",
            "soon",
            "eventually",
            "previously",
            "coming",
            "for now",
            "lately",
            "one day",
        ),
        3,
    ),
]

#: The resolvers that read ``forward``; each reads it only when given a publication day.
_LOOKS_FORWARD = frozenset({resolve.month_day, resolve.month, resolve.weekday})

_PATTERNS: list[tuple[re.Pattern[str], resolve.Resolver]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b"), resolve.iso),
    (
        re.compile(rf"\b(?:on\s+)?{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?"),
        resolve.month_day,
    ),
    (
        re.compile(
            rf"\b(?:on\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?"
        ),
        resolve.month_day,
    ),
    (
        re.compile(
            rf"\b{_PREP}?{_PART}{_MON}"
            rf"(?:,?\s+(?:of\s+)?(?P<yref>this year|last year|next year|(?P<year>(?:19|20)\d{{2}})))\b"
        ),
        resolve.month,
    ),
    # Not "by Jan. 30": that is a day (the month-day pattern), not a month.
    (re.compile(rf"\b{_PREP}{_PART}{_MON}(?!\.?\s*\d{{1,2}}\b){_YEARREF}\b"), resolve.month),
    (
        re.compile(
            r"\b(?:(?:[Ii]n|[Dd]uring)\s+)?(?:the\s+)?(?:(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+quarter|Q(?P<qn>[1-4]))"
            r"(?:\s+(?:of\s+)?(?P<yref>this year|last year|next year|(?P<year>(?:19|20)\d{2})))?\b"
        ),
        resolve.quarter,
    ),
    (
        re.compile(
            r"\b(?:(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ff]rom|[Bb]efore|[Aa]fter|[Tt]hrough)\s+)"
            r"(?:(?P<part>early|mid|late|the (?:beginning|start|middle|end) of)[\s-]+)?"
            r"(?:the\s+)?(?P<year>(?:19|20)\d{2})(?P<decade>'?s)?\b(?!\s*(?:percent|%|people|troops|dollars|\$|[A-Za-z]+s\b))"
        ),
        resolve.year,
    ),
    (re.compile(r"\b(?P<when>[Ee]arlier|[Ll]ater)\s+this\s+(?P<unit>week|month|year)\b"), resolve.earlier_later),
    (
        re.compile(
            r"\b(?P<the>the\s+)?(?P<which>[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Pp]revious|[Cc]oming|[Cc]urrent)\s+(?P<unit>week|month|year|quarter)\b"
        ),
        resolve.relative_period,
    ),
    (re.compile(r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)\b"), resolve.day_word),
    (
        re.compile(
            r"\b(?:[Oo]n\s+)?(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
        resolve.weekday,
    ),
    (re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b", re.IGNORECASE), resolve.ago),
    (
        re.compile(rf"\b(?:(?:in|over|during)\s+)?the\s+(?:last|past)\s+{_NUM}\s+{_UNIT}\b", re.IGNORECASE),
        resolve.past_n,
    ),
    (re.compile(r"\b(?:(?:[Ii]n|[Oo]ver)\s+)?recent\s+(?P<unit>day|week|month|year)s\b"), resolve.recent),
    (
        re.compile(
            r"\b(?:[Rr]ecently|[Aa]t some point|[Aa]t the time|[Ii]n the past|[Ii]n the future|[Ss]oon|"
            r"[Ee]ventually|[Pp]reviously|"
            r"[Ii]n the coming (?:days|weeks|months|years)|[Ff]or now|[Ll]ately|[Oo]ne day)\b"
        ),
        resolve.vague,
    ),
]


#: Words shortly before a date that make it a future one ("scheduled for Feb. 3", "will meet on Monday").
_FORWARD_WINDOW_RE = re.compile(
    r"\b(?:will|shall|would|scheduled|slated|set\s+(?:for|to)|due|expected|planned|upcoming|next|ahead\s+of|"
    r"deadline|(?:is|are)\s+to)\b[^.!?;]{0,80}$",
    re.IGNORECASE,
)
_FORWARD_IMMEDIATE_RE = re.compile(r"\b(?:for|until|till|by)\s+(?:on\s+)?$", re.IGNORECASE)
#: "had all returned home by Wednesday night": a past perfect makes "by …" a day already past.
_PAST_PERFECT_RE = re.compile(r"\bhad\s+(?:\w+\s+){0,2}\w+(?:ed|en|ne)\b", re.IGNORECASE)
_FORWARD_LOOKBACK = 60
_PRECISION_GRANULARITY = {"day": Granularity.DAY, "month": Granularity.MONTH, "year": Granularity.YEAR}
_GRANULARITY_ORDER = [Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.QUARTER, Granularity.YEAR]


def _overlap_free(needles: tuple[str, ...]) -> bool:
    """Can no occurrence of one needle start inside another's? Then one alternation's scan (which
    resumes after each match) finds every occurrence, or one at the same start."""
    return not any(
        b.startswith(a[cut:]) or a[cut:].startswith(b) for a in needles for b in needles for cut in range(1, len(a))
    )


#: Needle groups looked for with one regex scan instead of a ``str.find`` pass per needle: those whose
#: needles all begin with a letter rare in prose (the scan then stops at few places).
_ONE_SCAN: dict[tuple[str, ...], re.Pattern[str]] = {
    needles: re.compile("|".join(re.escape(n) for n in needles))
    for needles in (_MONTHS_CAP, ("quarter", "q1", "q2", "q3", "q4"))
    if _overlap_free(needles)
}
#: Lower-case needle groups of patterns that hold each needle only as whole words (bounded by a word
#: boundary, a space or ``\s``): a needle whose words are not all letter runs of the lower-cased text
#: has no occurrence inside a match, so it is not looked for.
_WORD_NEEDLES = frozenset(
    {
        ("week", "month", "year", "quarter"),
        ("yesterday", "today", "tomorrow", "tonight"),
        ("ago",),
        ("last", "past"),
        _NEEDLES[-1][1],
    }
)


#: Every word of a word needle: a text's letter runs are asked about these only.
_NEEDLE_WORDS = frozenset(word.encode("ascii") for needles in _WORD_NEEDLES for n in needles for word in n.split())


def _needle_positions(haystack: str, needles: tuple[str, ...], runs: frozenset[bytes] | None = None) -> list[int]:
    """Where any of ``needles`` occurs in ``haystack`` (every occurrence, overlapping ones too; for a
    group in ``_ONE_SCAN``, one of those that start together). ``runs``: the lower-cased letter runs
    of ``haystack`` for a group in ``_WORD_NEEDLES`` (None: every needle is looked for)."""
    one_scan = _ONE_SCAN.get(needles)
    if one_scan is not None:
        return [match.start() for match in one_scan.finditer(haystack)]
    if runs is not None and needles in _WORD_NEEDLES:
        needles = tuple(n for n in needles if runs.issuperset(n.encode("ascii").split()))
    spots: list[int] = []
    for needle in needles:
        at = haystack.find(needle)
        while at != -1:
            spots.append(at)
            at = haystack.find(needle, at + 1)
    return spots


def _pattern_matches(
    text: str, lowered: str, letter_runs: frozenset[bytes] | None = None
) -> list[tuple[re.Match[str], resolve.Resolver]]:
    """Every pattern's matches, as a scan of the whole text with each pattern would find them
    (``letter_runs``: the letter runs of ``lowered``, exactly, or those among ``_NEEDLE_WORDS``, or None)."""
    # The month patterns share their needles and their reach: both are worked out once.
    spots_of: dict[tuple[bool, tuple[str, ...]], list[int]] = {}
    starts_of: dict[tuple[bool, tuple[str, ...], int], list[int]] = {}
    found: list[tuple[re.Match[str], resolve.Resolver]] = []
    for (pattern, resolver), (lower, needles, runs) in zip(_PATTERNS, _NEEDLES, strict=True):
        starts = starts_of.get((lower, needles, runs))
        if starts is None:
            spots = spots_of.get((lower, needles))
            if spots is None:
                spots = spots_of[lower, needles] = (
                    _needle_positions(lowered, needles, letter_runs) if lower else _needle_positions(text, needles)
                )
                if needles == _ISO_NEEDLES:
                    # Every hyphen of an ISO date follows a digit: hyphenated words are passed over.
                    spots = spots_of[lower, needles] = [spot for spot in spots if spot and text[spot - 1].isdecimal()]
                elif needles == _YEAR_NEEDLES:
                    # A year follows whitespace or a hyphen ("in 2019", "mid-2020"): not "2019"'s "19".
                    spots = spots_of[lower, needles] = [
                        spot for spot in spots if spot and (text[spot - 1].isspace() or text[spot - 1] == "-")
                    ]
            starts = starts_of[lower, needles, runs] = candidate_starts(text, spots, runs) if spots else []
        if starts:
            found.extend((match, resolver) for match in anchored_matches(pattern, text, starts))
    return found


def _pattern_matches_by_scanning(text: str) -> list[tuple[re.Match[str], resolve.Resolver]]:
    """The reference for :func:`_pattern_matches`: every pattern run over the whole text. Also the
    path for a text whose lower case is longer than itself (needle offsets would not be the text's)."""
    return [(match, resolver) for pattern, resolver in _PATTERNS for match in pattern.finditer(text)]


def _points_forward(text: str, start: int) -> bool:
    before = text[max(0, start - _FORWARD_LOOKBACK) : start]
    if _FORWARD_IMMEDIATE_RE.search(before) and not _PAST_PERFECT_RE.search(before):
        return True
    return bool(_FORWARD_WINDOW_RE.search(before))


def _anchor(published: date | PublicationDate | None) -> PublicationDate | None:
    if published is None or isinstance(published, PublicationDate):
        return published
    return PublicationDate.day(published)


def _resolve(
    match: re.Match[str], resolver: resolve.Resolver, anchor: PublicationDate | None, forward: bool
) -> _Resolved:
    """Resolve against a day; against a month or a year, resolve against its first and last day and,
    when those disagree, keep what is certain and say it is approximate."""
    if anchor is None or anchor.precision == "day":
        return _Resolved(*resolver(match, anchor.value if anchor else None, forward), approximate=False)
    kind, first, last, granularity, vague = resolver(match, anchor.earliest, forward)
    _, first_b, last_b, _, _ = resolver(match, anchor.latest, forward)
    if first is None or last is None or first_b is None or last_b is None or (first, last) == (first_b, last_b):
        return _Resolved(kind, first, last, granularity, vague, approximate=False)
    coarse = _PRECISION_GRANULARITY[anchor.precision]
    if granularity is None or _GRANULARITY_ORDER.index(granularity) < _GRANULARITY_ORDER.index(coarse):
        # "last week" against "April 2026": April 2026, approximately.
        return _Resolved(kind, anchor.earliest, anchor.latest, coarse, vague, approximate=True)
    return _Resolved(kind, min(first, first_b), max(last, last_b), granularity, vague, approximate=True)


@dataclass(frozen=True)
class _Resolved:
    kind: str
    start: date | None
    end: date | None
    granularity: Granularity | None
    vague: bool
    approximate: bool


def find_time_expressions(text: str, published: date | PublicationDate | None = None) -> tuple[TimeExpression, ...]:
    """Every time expression in ``text``, left to right, longest first where they overlap.

    ``published`` may be a day or a ``PublicationDate`` known only to the month or the year; then
    relative expressions resolve at that precision and are marked ``approximate``."""
    anchor = _anchor(published)
    views = text_views(text)
    lowered = views.lowered
    matches = (
        _pattern_matches(text, lowered, _NEEDLE_WORDS.intersection(views.runs) if views.runs_exact else None)
        if len(lowered) == len(text)
        else _pattern_matches_by_scanning(text)
    )
    found = [(match.start(), match.end(), match, resolver) for match, resolver in matches]
    found.sort(key=lambda item: (item[0], -(item[1] - item[0])))
    result: list[TimeExpression] = []
    last_end = -1
    for start, end, match, resolver in found:
        if start < last_end:
            continue
        # Only three resolvers ask whether the sentence points forward, and only against a date.
        forward = anchor is not None and resolver in _LOOKS_FORWARD and _points_forward(text, start)
        resolved = _resolve(match, resolver, anchor, forward)
        # Checked values: no pydantic validation per expression (new_time gives model_construct's state).
        result.append(
            new_time(
                start=start,
                end=end,
                text=text[start:end],
                kind=resolved.kind,
                start_date=resolved.start,
                end_date=resolved.end,
                granularity=resolved.granularity,
                vague=resolved.vague,
                approximate=resolved.approximate,
            )
        )
        last_end = end
    return tuple(result)
