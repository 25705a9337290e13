"""Issue 13, bug 10: dates at their precision ("earlier this month" is April 2026, not 2026-04-01)
and counts with the right plural ("1 match", "1 mention · 1 doc")."""

from __future__ import annotations

from datetime import date

import pytest

from caseview.casefile.model import EventSnapshot
from caseview.export.digest import resolved_interval
from caseview.kernel.words import plural


def _event(start: date | None, end: date | None, granularity: str | None) -> EventSnapshot:
    return EventSnapshot(text="They met.", start_date=start, end_date=end, granularity=granularity)


@pytest.mark.parametrize(
    ("start", "end", "granularity", "shown"),
    [
        (date(2026, 4, 1), date(2026, 4, 30), "month", "April 2026"),
        (date(2026, 4, 1), None, "month", "April 2026"),
        (date(2026, 1, 1), date(2026, 12, 31), "year", "2026"),
        (date(2026, 4, 13), date(2026, 4, 19), "week", "2026-04-13 – 2026-04-19"),
        (date(2026, 4, 17), date(2026, 4, 17), "day", "2026-04-17"),
        (None, None, None, "unresolved"),
    ],
)
def test_an_event_date_is_shown_at_its_precision(
    start: date | None, end: date | None, granularity: str | None, shown: str
) -> None:
    assert resolved_interval(_event(start, end, granularity)) == shown


@pytest.mark.parametrize(
    ("count", "noun", "said"),
    [
        (1, "match", "1 match"),
        (2, "match", "2 matches"),
        (1, "entity", "1 entity"),
        (3, "entity", "3 entities"),
        (0, "doc", "0 docs"),
        (1, "mention", "1 mention"),
    ],
)
def test_counts_have_the_right_plural(count: int, noun: str, said: str) -> None:
    assert plural(count, noun) == said
