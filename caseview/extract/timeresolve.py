"""How each kind of time expression resolves to days: one resolver per pattern of
:mod:`caseview.extract.timex`, from the pattern's match, the publication day (or None) and whether
the sentence points forward ("scheduled for Feb. 3"), to (kind, first day, last day, granularity,
vague). Each reads ``forward`` only when given a day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from caseview.extract.models import Granularity

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

#: (kind, first day, last day, granularity, vague).
Resolution = tuple[str, date | None, date | None, Granularity | None, bool]
#: (match, the publication day to resolve against, does the sentence point forward?) -> resolution
Resolver = Callable[[re.Match[str], date | None, bool], Resolution]


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


def iso(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return "date", None, None, None, False
    return "date", day, day, Granularity.DAY, False


def month_day(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
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


def month(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
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


def year(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
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


def quarter(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
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


def relative_period(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
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


def earlier_later(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
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


def day_word(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
    if pub is None:
        return "relative", None, None, None, False
    offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[m["word"].lower()]
    day = pub + timedelta(days=offset)
    return "relative", day, day, Granularity.DAY, False


def weekday(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
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


def ago(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
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


def past_n(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
    if pub is None:
        return "relative", None, None, None, False
    count = int(m["num"]) if m["num"].isdigit() else _NUMBERS[m["num"].lower()]
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[m["unit"].lower()] * count
    vague = m["num"].lower() in ("few", "several", "couple of")
    granularity = Granularity.DAY if days <= 31 else Granularity.MONTH
    return "relative", pub - timedelta(days=days), pub, granularity, vague


def recent(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
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


def vague(m: re.Match[str], pub: date | None, forward: bool) -> Resolution:
    return "vague", None, None, None, True
