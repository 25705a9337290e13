"""The events pane's rows: the timeline grouped by month, each event saying where its date comes from.

An event is placed by its own time expression, else by its source's publication date — shown as
"publication date", since the event may be older than the article — else it goes to "undated" at
the end. Each row says how many documents tell it and which flags name it (contradiction,
development, number discrepancy), so the analyst sees at a glance what to compare.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import groupby

from textual.content import Content

from caseview.tui.list_rows import ListRow
from caseview.tui.render import MUTED, SEPARATOR, group_header, one_line
from caseview.tui.rows import EventRow, timeline

FLAG_LABELS = {
    "contradiction": "contradiction",
    "development": "development",
    "number_discrepancy": "number discrepancy",
}
FLAG_STYLES = {
    "contradiction": "bold $text-error",
    "development": "bold $text-accent",
    "number_discrepancy": "bold $text-warning",
}
UNDATED = "undated"


def interval_label(start: date, end: date | None) -> str:
    """ "2026-04-14", "April 2026", "2026", "2026-04-06–12", "2026-04-28–05-02" or "2025-12-29–2026-01-04"
    (the pane is narrow: a range repeats only what changes)."""
    if end is None or end == start:
        return start.isoformat()
    if start.day == 1 and end == start.replace(day=calendar.monthrange(start.year, start.month)[1]):
        return f"{calendar.month_name[start.month]} {start.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if start.year != end.year:
        return f"{start.isoformat()}–{end.isoformat()}"
    if start.month != end.month:
        return f"{start.isoformat()}–{end.month:02d}-{end.day:02d}"
    return f"{start.isoformat()}–{end.day:02d}"


def period(event: EventRow) -> str:
    """The group an event is listed under: its month, its year when only that is known, or "undated"."""
    if event.when is None:
        return UNDATED
    if event.when_end is not None and event.when_end - event.when > timedelta(days=31):
        return str(event.when.year) if event.when.year == event.when_end.year else UNDATED
    return f"{calendar.month_name[event.when.month]} {event.when.year}"


def when_content(event: EventRow) -> Content:
    if event.when is None:
        return Content(UNDATED).stylize("bold $text-warning")
    label = ("≈ " if event.when_approximate else "") + interval_label(event.when, event.when_end)
    when = Content(label).stylize("bold")
    if event.when_source == "publication":
        return Content.assemble(when, Content(" (publication date)").stylize("italic $text-warning"))
    return when


def event_prompt(event: EventRow, doc_title: str) -> Content:
    """The date and where it comes from, the number of sources, the action, time as written, document;
    then the evidence sentence; then one line per flag."""
    time_text = f"“{one_line(event.time_text)}”" if event.time_text else None
    sources = f"{event.source_count} source{'s' if event.source_count != 1 else ''}"
    # The number of sources first: the pane is narrow and it is what the analyst compares by.
    parts = [part for part in (sources, event.action or None, time_text, one_line(doc_title)) if part]
    lines: list[Content | str] = [
        when_content(event),
        "  ",
        Content(SEPARATOR.join(parts)).stylize(MUTED),
        "\n",
        Content(one_line(event.evidence)),
    ]
    for flag in event.flags:
        label = FLAG_LABELS.get(flag.kind, flag.kind)
        lines += ["\n", Content(f"⚑ {label}").stylize(FLAG_STYLES.get(flag.kind, "bold")), Content(": ")]
        lines.append(Content(one_line(flag.reason)).stylize(MUTED))
    return Content.assemble(*lines)


def timeline_rows(events: Sequence[EventRow], titles: dict[str, str]) -> list[ListRow]:
    """The timeline (by date, then document order; undated last) under one header per month."""
    order = {doc_id: position for position, doc_id in enumerate(titles)}
    rows: list[ListRow] = []
    for group, members in groupby(timeline(events, order), key=period):
        listed = list(members)
        rows.append(ListRow(key=f"when:{group}", prompt=group_header(group, len(listed)), header=True, group=group))
        rows += [
            ListRow(
                key=event.id,
                prompt=event_prompt(event, titles.get(event.doc_id, event.doc_id)),
                group=group,
                filter_text=" ".join(
                    filter(
                        None,
                        [
                            event.evidence,
                            event.action,
                            event.time_text,
                            titles.get(event.doc_id, ""),
                            *event.actors,
                            *(FLAG_LABELS.get(f.kind, f.kind) for f in event.flags),
                        ],
                    )
                ),
            )
            for event in listed
        ]
    return rows
