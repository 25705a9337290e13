"""Publication dates from the head of an article: datelines, "Published …" lines, date lines.

Only places where a publisher states *when this was published* count: a "Published"/"Posted"
line, a dateline opening a paragraph ("NEW YORK, Oct. 14 —"), or a line that is nothing but a
date. A date inside a sentence, a photo caption or credit, or an "Updated …" line is not a
publication date. A dateline without a year ("Oct. 14") is returned with ``year=None``; the caller
completes it from a year or month it was given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

HEAD_CHARS = 1500
HEAD_LINES = 15

_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MON = "(?i:" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + ")"
_YEAR = r"(?P<y>(?:19|20)\d{2})"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_TEXT_DATE = (
    rf"{_WEEKDAY}(?:(?P<mon>{_MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+{_YEAR})?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<mon2>{_MON})\.?,?\s+(?P<y2>(?:19|20)\d{{2}}))"
)
_NUMERIC_DATE = (
    r"(?P<iy>(?:19|20)\d{2})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<na>\d{1,2})/(?P<nb>\d{1,2})/(?P<ny>(?:19|20)\d{2})"
)
_ANY_DATE = rf"(?:{_NUMERIC_DATE}|{_TEXT_DATE})"

_PUBLISHED_RE = re.compile(
    rf"^\W*(?:(?:first\s+)?published|posted|dated?|publication date)\b\s*(?:on|:)?\s*{_ANY_DATE}", re.IGNORECASE
)
#: "NEW YORK, Oct. 14 —", "WASHINGTON (Reuters) — Jan. 5, 2026 -", "LONDON, 3 March 2026 –"
_DATELINE_RE = re.compile(
    rf"^[A-Z][A-Z.'’ -]{{1,40}}(?:,\s*[A-Z][A-Za-z.]+)?(?:\s*\([^)]{{1,30}}\))?"  # place, (agency)
    rf"(?:,?\s+|\s+[—–-]\s+){_ANY_DATE}\s*(?:[—–-]|\(|$)",
)
#: A line that is only a date, perhaps with a time or a byline around it.
_DATE_LINE_RE = re.compile(
    rf"^\W*{_ANY_DATE}\W*(?:\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?\s*\w{{0,4}})?\W*$", re.IGNORECASE
)
_NOT_PUBLICATION_RE = re.compile(
    r"^\W*(?:(?:last\s+)?updated|modified|edited|revised|photo|photograph|image|illustration|picture|caption|credit|"
    r"file photo|video|graphic|source)\b|getty images|\bap photo\b|shutterstock|/reuters\b|\bphoto:|\bcredit:",
    re.IGNORECASE,
)


_HEAD_PATTERNS = ((_PUBLISHED_RE, "published-line"), (_DATELINE_RE, "dateline"), (_DATE_LINE_RE, "date-line"))


@dataclass(frozen=True)
class Dateline:
    """A publication date stated at the head of an article; ``year`` is None for "Oct. 14 —"."""

    year: int | None
    month: int
    day: int
    start: int
    end: int
    #: "published-line", "dateline" or "date-line"
    kind: str

    def as_date(self, year: int | None = None) -> date | None:
        """The date, with ``year`` filling a dateline that has none; None when it is not a real day."""
        chosen = self.year if self.year is not None else year
        if chosen is None:
            return None
        try:
            return date(chosen, self.month, self.day)
        except ValueError:
            return None


def _from_match(match: re.Match[str], offset: int, kind: str) -> Dateline | None:
    groups = match.groupdict()
    year: int | None
    if groups.get("iy"):
        year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
    elif groups.get("ny"):
        first, second, year = int(groups["na"]), int(groups["nb"]), int(groups["ny"])
        # US order (01/14/2026) unless the first number cannot be a month (14/01/2026).
        month, day = (first, second) if first <= 12 else (second, first)
    elif groups.get("mon"):
        month, day = _MONTH_NAMES[groups["mon"].lower()], int(groups["d"])
        year = int(groups["y"]) if groups.get("y") else None
    elif groups.get("mon2"):
        month, day, year = _MONTH_NAMES[groups["mon2"].lower()], int(groups["d2"]), int(groups["y2"])
    else:
        return None
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return Dateline(year, month, day, offset + match.start(), offset + match.end(), kind)


def find_dateline(text: str) -> Dateline | None:
    """The publication date stated at the head of ``text``: a "Published" line first, then a
    dateline or a date line; captions, credits and "Updated" lines are skipped."""
    head = text[:HEAD_CHARS]
    candidates: list[Dateline] = []
    offset = 0
    for line in head.split("\n")[:HEAD_LINES]:
        stripped = line.strip()
        lead = offset + (len(line) - len(line.lstrip()))
        offset += len(line) + 1
        if not stripped or _NOT_PUBLICATION_RE.search(stripped):
            continue
        for pattern, kind in _HEAD_PATTERNS:
            match = pattern.match(stripped)
            if match is None:
                continue
            found = _from_match(match, lead, kind)
            if found is not None:
                candidates.append(found)
                break
    published = [c for c in candidates if c.kind == "published-line"]
    chosen = published or candidates
    return chosen[0] if chosen else None
