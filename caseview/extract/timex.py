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

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from caseview.corpus.pubdate import PublicationDate
from caseview.extract.construct_events import new_time
from caseview.extract.models import Granularity, TimeExpression
from caseview.extract.textviews import text_views

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_MONTH_NUM = {m: i + 1 for i, m in enumerate(MONTHS)} | _MONTH_ABBR
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "few": 3,
    "several": 3,
    "couple of": 2,
}

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

#: (kind, first day, last day, granularity, vague) — private to this module.
_Resolution = tuple[str, date | None, date | None, Granularity | None, bool]
#: (match, the publication day to resolve against, does the sentence point forward?) -> resolution
Resolver = Callable[[re.Match[str], date | None, bool], _Resolution]


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_number(text: str) -> int:
    key = text.lower().rstrip(".")
    return _MONTH_NUM.get(key) or _MONTH_NUM[key[:3]]


def _part_of_month(part: str | None, year: int, month: int) -> tuple[date, date]:
    last = _month_end(year, month)
    if not part:
        return date(year, month, 1), last
    part = part.lower()
    if part in ("early", "the beginning of", "the start of"):
        return date(year, month, 1), date(year, month, 10)
    if part in ("mid", "the middle of"):
        return date(year, month, 11), date(year, month, 20)
    return date(year, month, 21), last


def _week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


# --- resolvers: (match, published) -> (kind, start, end, granularity, vague)


def _iso(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return "date", None, None, None, False
    return "date", day, day, Granularity.DAY, False


def _month_day(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    month, dom = _month_number(m["mon"]), int(m["d"])
    year = int(m["y"]) if m["y"] else None
    if year is None:
        if pub is None:
            return "date", None, None, None, False
        if forward:  # "sentencing for Feb. 3" after an October dateline: the next February
            year = pub.year if (month, dom) >= (pub.month, pub.day) else pub.year + 1
        else:
            year = pub.year if (month, dom) <= (pub.month, pub.day) else pub.year - 1
    try:
        day = date(year, month, dom)
    except ValueError:
        return "date", None, None, None, False
    return "date", day, day, Granularity.DAY, False


def _month(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    month = _month_number(m["mon"])
    yref = (m["yref"] or "").lower()
    if m["year"]:
        year = int(m["year"])
    elif pub is None:
        return "month", None, None, None, False
    elif yref == "this year":
        year = pub.year
    elif yref == "last year":
        year = pub.year - 1
    elif yref == "next year":
        year = pub.year + 1
    elif (m["prep"] or "").lower() == "next":
        year = pub.year if month > pub.month else pub.year + 1
    elif (m["prep"] or "").lower() == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif forward:
        year = pub.year if month >= pub.month else pub.year + 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    part = m["part"] or ((m["prep"] or "").lower() if (m["prep"] or "").lower() in ("early", "late", "mid") else None)
    start, end = _part_of_month(part, year, month)
    return "month", start, end, Granularity.MONTH, False


def _year(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    year = int(m["year"])
    part = (m["part"] or "").lower()
    if m["decade"]:
        return "year", date(year, 1, 1), date(year + 9, 12, 31), Granularity.YEAR, False
    start, end = date(year, 1, 1), date(year, 12, 31)
    if part in ("early", "the beginning of", "the start of"):
        end = date(year, 4, 30)
    elif part in ("mid", "the middle of"):
        start, end = date(year, 5, 1), date(year, 8, 31)
    elif part in ("late", "the end of"):
        start = date(year, 9, 1)
    return "year", start, end, Granularity.YEAR, False


def _quarter(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    quarter = {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
        "final": 4,
    }.get((m["q"] or "").lower()) or int(m["qn"])
    yref = (m["yref"] or "").lower()
    if m["year"]:
        year = int(m["year"])
    elif pub is None:
        return "quarter", None, None, None, False
    elif yref == "last year":
        year = pub.year - 1
    elif yref == "next year":
        year = pub.year + 1
    elif yref == "this year":
        year = pub.year
    else:
        year = pub.year if quarter <= (pub.month - 1) // 3 + 1 else pub.year - 1
    start = date(year, 3 * quarter - 2, 1)
    return "quarter", start, _month_end(year, 3 * quarter), Granularity.QUARTER, False


def _relative_period(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    which, unit = m["which"].lower(), m["unit"].lower()
    if pub is None:
        return "relative", None, None, None, False
    delta = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[which]
    if which == "past" and m["the"]:  # "the past week": the seven days up to publication
        span = {"week": 6, "month": 30, "year": 364, "quarter": 90}[unit]
        return "relative", pub - timedelta(days=span), pub, Granularity(unit), False
    if unit == "week":
        start, end = _week_of(pub + timedelta(weeks=delta))
        return "relative", start, end, Granularity.WEEK, False
    if unit == "month":
        year, month = _shift_month(pub.year, pub.month, delta)
        return "relative", date(year, month, 1), _month_end(year, month), Granularity.MONTH, False
    if unit == "quarter":
        q = (pub.month - 1) // 3 + delta
        year, month = _shift_month(pub.year, 3 * q + 1, 0)
        return "relative", date(year, month, 1), _month_end(*_shift_month(year, month, 2)), Granularity.QUARTER, False
    return "relative", date(pub.year + delta, 1, 1), date(pub.year + delta, 12, 31), Granularity.YEAR, False


def _earlier_later(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    when, unit = m["when"].lower(), m["unit"].lower()
    if pub is None:
        return "relative", None, None, None, False
    if unit == "week":
        start, end = _week_of(pub)
        granularity = Granularity.WEEK
    elif unit == "month":
        start, end = date(pub.year, pub.month, 1), _month_end(pub.year, pub.month)
        granularity = Granularity.MONTH
    else:
        start, end = date(pub.year, 1, 1), date(pub.year, 12, 31)
        granularity = Granularity.YEAR
    return (
        ("relative", start, pub, granularity, False)
        if when == "earlier"
        else ("relative", pub, end, granularity, False)
    )


def _day_word(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    if pub is None:
        return "relative", None, None, None, False
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m["word"].lower()]
    day = pub + timedelta(days=offset)
    return "relative", day, day, Granularity.DAY, False


def _weekday(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    if pub is None:
        return "weekday", None, None, None, False
    target = WEEKDAYS.index(m["wd"].lower())
    which = (m["which"] or "").lower()
    back = (pub.weekday() - target) % 7
    if which == "next":
        day = pub + timedelta(days=(target - pub.weekday()) % 7 or 7)
    elif which == "last":
        day = pub - timedelta(days=back or 7)
    elif forward:
        day = pub + timedelta(days=(target - pub.weekday()) % 7)
    else:
        day = pub - timedelta(days=back)
    return "weekday", day, day, Granularity.DAY, False


def _ago(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    if pub is None:
        return "relative", None, None, None, False
    count = int(m["num"]) if m["num"].isdigit() else _NUMBERS[m["num"].lower()]
    unit = m["unit"].lower()
    vague = m["num"].lower() in ("few", "several", "couple of")
    if unit == "day":
        day = pub - timedelta(days=count)
        return "relative", day, day, Granularity.DAY, vague
    if unit == "week":
        start, end = _week_of(pub - timedelta(weeks=count))
        return "relative", start, end, Granularity.WEEK, vague
    if unit == "month":
        year, month = _shift_month(pub.year, pub.month, -count)
        return "relative", date(year, month, 1), _month_end(year, month), Granularity.MONTH, vague
    return "relative", date(pub.year - count, 1, 1), date(pub.year - count, 12, 31), Granularity.YEAR, vague


def _past_n(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    if pub is None:
        return "relative", None, None, None, False
    count = int(m["num"]) if m["num"].isdigit() else _NUMBERS[m["num"].lower()]
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[m["unit"].lower()] * count
    vague = m["num"].lower() in ("few", "several", "couple of")
    granularity = Granularity.DAY if days <= 31 else Granularity.MONTH
    return "relative", pub - timedelta(days=days), pub, granularity, vague


def _recent(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    if pub is None:
        return "vague", None, None, None, True
    unit = m["unit"].lower()
    days = {"day": 7, "week": 28, "month": 120, "year": 3 * 365}[unit]
    granularity = {
        "day": Granularity.DAY,
        "week": Granularity.WEEK,
        "month": Granularity.MONTH,
        "year": Granularity.YEAR,
    }[unit]
    return "vague", pub - timedelta(days=days), pub, granularity, True


def _vague(m: re.Match[str], pub: date | None, forward: bool) -> _Resolution:
    return "vague", None, None, None, True


_MONTHS_CAP = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: For each pattern, how its matches are found without scanning the text at every position: the
#: substrings every match of it contains (its "needles"; looked for in the lower-cased text or not),
#: and how many word runs (``\w+``) a match may begin with up to and including the run of a needle
#: ("on the 3rd of March": on, the, 3rd, of, March = 5). Every pattern opens with ``\b`` and a word
#: character, so a match starts at a word run's start: only those few starts before each needle are
#: tried (``_anchored_matches``), and a text without a needle is not searched at all.
_NEEDLES: list[tuple[bool, tuple[str, ...], int]] = [
    (False, ("-",), 1),
    (False, _MONTHS_CAP, 5),
    (False, _MONTHS_CAP, 5),
    (False, _MONTHS_CAP, 5),
    (False, _MONTHS_CAP, 5),
    (True, ("quarter", "q1", "q2", "q3", "q4"), 4),
    (False, ("19", "20"), 6),
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
_LOOKS_FORWARD = frozenset({_month_day, _month, _weekday})

_PATTERNS: list[tuple[re.Pattern[str], Resolver]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _iso),
    (
        re.compile(rf"\b(?:on\s+)?{_MON}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?"),
        _month_day,
    ),
    (
        re.compile(
            rf"\b(?:on\s+)?(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?"
        ),
        _month_day,
    ),
    (
        re.compile(
            rf"\b{_PREP}?{_PART}{_MON}"
            rf"(?:,?\s+(?:of\s+)?(?P<yref>this year|last year|next year|(?P<year>(?:19|20)\d{{2}})))\b"
        ),
        _month,
    ),
    # Not "by Jan. 30": that is a day (the month-day pattern), not a month.
    (re.compile(rf"\b{_PREP}{_PART}{_MON}(?!\.?\s*\d{{1,2}}\b){_YEARREF}\b"), _month),
    (
        re.compile(
            r"\b(?:(?:[Ii]n|[Dd]uring)\s+)?(?:the\s+)?(?:(?P<q>first|second|third|fourth|final|1st|2nd|3rd|4th)\s+quarter|Q(?P<qn>[1-4]))"
            r"(?:\s+(?:of\s+)?(?P<yref>this year|last year|next year|(?P<year>(?:19|20)\d{2})))?\b"
        ),
        _quarter,
    ),
    (
        re.compile(
            r"\b(?:(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Dd]uring|[Ff]rom|[Bb]efore|[Aa]fter|[Tt]hrough)\s+)"
            r"(?:(?P<part>early|mid|late|the (?:beginning|start|middle|end) of)[\s-]+)?"
            r"(?:the\s+)?(?P<year>(?:19|20)\d{2})(?P<decade>'?s)?\b(?!\s*(?:percent|%|people|troops|dollars|\$|[A-Za-z]+s\b))"
        ),
        _year,
    ),
    (re.compile(r"\b(?P<when>[Ee]arlier|[Ll]ater)\s+this\s+(?P<unit>week|month|year)\b"), _earlier_later),
    (
        re.compile(
            r"\b(?P<the>the\s+)?(?P<which>[Tt]his|[Ll]ast|[Nn]ext|[Pp]ast|[Pp]revious|[Cc]oming|[Cc]urrent)\s+(?P<unit>week|month|year|quarter)\b"
        ),
        _relative_period,
    ),
    (re.compile(r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight)\b"), _day_word),
    (
        re.compile(
            r"\b(?:[Oo]n\s+)?(?:(?P<which>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
        ),
        _weekday,
    ),
    (re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b", re.IGNORECASE), _ago),
    (re.compile(rf"\b(?:(?:in|over|during)\s+)?the\s+(?:last|past)\s+{_NUM}\s+{_UNIT}\b", re.IGNORECASE), _past_n),
    (re.compile(r"\b(?:(?:[Ii]n|[Oo]ver)\s+)?recent\s+(?P<unit>day|week|month|year)s\b"), _recent),
    (
        re.compile(
            r"\b(?:[Rr]ecently|[Aa]t some point|[Aa]t the time|[Ii]n the past|[Ii]n the future|[Ss]oon|"
            r"[Ee]ventually|[Pp]reviously|"
            r"[Ii]n the coming (?:days|weeks|months|years)|[Ff]or now|[Ll]ately|[Oo]ne day)\b"
        ),
        _vague,
    ),
]


#: Words shortly before a date that make it a future one ("scheduled for Feb. 3", "will meet on Monday").
_FORWARD_WINDOW_RE = re.compile(
    r"\b(?:will|shall|scheduled|slated|set\s+(?:for|to)|due|expected|planned|upcoming|next|ahead\s+of|"
    r"deadline|(?:is|are)\s+to)\b[^.!?;]{0,40}$",
    re.IGNORECASE,
)
_FORWARD_IMMEDIATE_RE = re.compile(r"\b(?:for|until|till|by)\s+(?:on\s+)?$", re.IGNORECASE)
_FORWARD_LOOKBACK = 60
_PRECISION_GRANULARITY = {"day": Granularity.DAY, "month": Granularity.MONTH, "year": Granularity.YEAR}
_GRANULARITY_ORDER = [Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.QUARTER, Granularity.YEAR]


_WORD_RUN_RE = re.compile(r"\w+")
#: How far before a needle its word runs are first looked for (a few words; widened when short).
_RUNS_REACH = 48


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


def _candidate_starts(text: str, spots: list[int], runs: int) -> list[int]:
    """The starts of the ``runs`` word runs that begin at or before each spot, in order, once each.
    A spot's runs are read from a short stretch before it, widened until it holds more runs than
    asked for (its first run may be cut by the stretch's start) or reaches the text's start."""
    starts: set[int] = set()
    for spot in spots:
        reach = _RUNS_REACH
        while True:
            low = max(0, spot - reach)
            found = [m.start() for m in _WORD_RUN_RE.finditer(text, low, spot + 1)]
            if len(found) > runs or low == 0:
                starts.update(found[-runs:])
                break
            reach *= 4
    return sorted(starts)


def _anchored_matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, given every position where a match can start
    (``starts``, ascending): each is tried in turn, and a match's end skips the starts inside it."""
    matches: list[re.Match[str]] = []
    reach = -1
    for start in starts:
        if start < reach:
            continue
        match = pattern.match(text, start)
        if match is not None:
            matches.append(match)
            reach = match.end()
    return matches


def _pattern_matches(
    text: str, lowered: str, letter_runs: frozenset[bytes] | None = None
) -> list[tuple[re.Match[str], Resolver]]:
    """Every pattern's matches, as a scan of the whole text with each pattern would find them
    (``letter_runs``: the letter runs of ``lowered``, exactly, or those among ``_NEEDLE_WORDS``, or None)."""
    # The month patterns share their needles and their reach: both are worked out once.
    spots_of: dict[tuple[bool, tuple[str, ...]], list[int]] = {}
    starts_of: dict[tuple[bool, tuple[str, ...], int], list[int]] = {}
    found: list[tuple[re.Match[str], Resolver]] = []
    for (pattern, resolver), (lower, needles, runs) in zip(_PATTERNS, _NEEDLES, strict=True):
        starts = starts_of.get((lower, needles, runs))
        if starts is None:
            spots = spots_of.get((lower, needles))
            if spots is None:
                spots = spots_of[lower, needles] = (
                    _needle_positions(lowered, needles, letter_runs) if lower else _needle_positions(text, needles)
                )
            starts = starts_of[lower, needles, runs] = _candidate_starts(text, spots, runs) if spots else []
        if starts:
            found.extend((match, resolver) for match in _anchored_matches(pattern, text, starts))
    return found


def _pattern_matches_by_scanning(text: str) -> list[tuple[re.Match[str], Resolver]]:
    """The reference for :func:`_pattern_matches`: every pattern run over the whole text. Also the
    path for a text whose lower case is longer than itself (needle offsets would not be the text's)."""
    return [(match, resolver) for pattern, resolver in _PATTERNS for match in pattern.finditer(text)]


def _points_forward(text: str, start: int) -> bool:
    before = text[max(0, start - _FORWARD_LOOKBACK) : start]
    return bool(_FORWARD_IMMEDIATE_RE.search(before) or _FORWARD_WINDOW_RE.search(before))


def _anchor(published: date | PublicationDate | None) -> PublicationDate | None:
    if published is None or isinstance(published, PublicationDate):
        return published
    return PublicationDate.day(published)


def _resolve(match: re.Match[str], resolver: Resolver, anchor: PublicationDate | None, forward: bool) -> _Resolved:
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
