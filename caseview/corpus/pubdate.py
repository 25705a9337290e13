"""Publication dates as people know them: a day, a month or only a year.

A date known to the month ("2026-04") is the interval 1–30 April, not 1 April; everything that
resolves relative time against it ("last week") inherits that uncertainty. A bound ("not earlier
than 2026-04-29") is kept apart from a date: it orders a document, it does not date it.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

DatePrecision = Literal["day", "month", "year"]

_PARTIAL_RE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?(?:[T ][0-9:.+\-Z]*)?")
_MONTH_NAMES = tuple(calendar.month_name)


class PublicationDate(BaseModel):
    """A day, a month or a year; ``value`` is its first day."""

    model_config = ConfigDict(frozen=True)

    value: date
    precision: DatePrecision = "day"

    @property
    def earliest(self) -> date:
        return self.value

    @property
    def latest(self) -> date:
        if self.precision == "day":
            return self.value
        if self.precision == "month":
            return self.value.replace(day=calendar.monthrange(self.value.year, self.value.month)[1])
        return date(self.value.year, 12, 31)

    def label(self) -> str:
        """As a person writes it: "2026-04-17", "April 2026", "2026"."""
        if self.precision == "day":
            return self.value.isoformat()
        if self.precision == "month":
            return f"{_MONTH_NAMES[self.value.month]} {self.value.year}"
        return str(self.value.year)

    def iso(self) -> str:
        """As it is stored: "2026-04-17", "2026-04", "2026"."""
        if self.precision == "day":
            return self.value.isoformat()
        if self.precision == "month":
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return f"{self.value.year:04d}"

    @classmethod
    def day(cls, value: date) -> PublicationDate:
        return cls(value=value, precision="day")


def parse_partial_date(raw: str) -> PublicationDate:
    """``2026-04-17``, ``2026-04`` or ``2026`` (an ISO time after the day is allowed and dropped).

    Raises ``ValueError`` with a one-line reason a person can act on.
    """
    text = raw.strip()
    match = _PARTIAL_RE.fullmatch(text)
    if match is None:
        raise ValueError(f"date {raw!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    year = int(match["y"])
    if match["m"] is None:
        return PublicationDate(value=date(year, 1, 1), precision="year")
    month = int(match["m"])
    if not 1 <= month <= 12:
        raise ValueError(f"date {raw!r}: month {month} is not 1–12")
    if match["d"] is None:
        return PublicationDate(value=date(year, month, 1), precision="month")
    try:
        return PublicationDate(value=date(year, month, int(match["d"])), precision="day")
    except ValueError as error:
        raise ValueError(f"date {raw!r}: {error}") from None


def published_label(published: date | None, precision: DatePrecision, published_after: date | None) -> str:
    """ "2026-04-17", "April 2026", "not before 2026-04-29" or "undated": a date as precisely as it is known."""
    if published is not None:
        return PublicationDate(value=published, precision=precision).label()
    if published_after is not None:
        return f"not before {published_after.isoformat()}"
    return "undated"
