"""What the panes show of provenance: rewrite and relay marks on sources, origins on events and items.

Pure functions from an :class:`~caseview.provenance.counting.OriginIndex` to text and row content
(issue 16); the panes only call them. Everything from a document (outlet names, ids) passes the
terminal jail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.content import Content

from caseview.casefile.model import Link, Relation
from caseview.casefile.resolve import CaseView
from caseview.export.independence import corroboration
from caseview.kernel.textsafe import one_line
from caseview.provenance import Independence, ProvenanceReport
from caseview.provenance.counting import OriginIndex, Span
from caseview.tui.case_rows import CaseSnapshot
from caseview.tui.list_rows import ListRow
from caseview.tui.messages import ChangeDone
from caseview.tui.rows import EventRow

#: Ids longer than this are cut in marks (the row already shows the document's own id).
SHORT_ID = 8
ORIGIN_STYLE = "$text-accent"


def short_id(doc_id: str) -> str:
    """``003_dcac92be05b45050.txt`` → ``003_dca…``: enough to tell the corpus's documents apart in a narrow pane."""
    doc_id = one_line(doc_id)
    return doc_id if len(doc_id) <= SHORT_ID else doc_id[: SHORT_ID - 1] + "…"


def _labels(index: OriginIndex, doc_id: str) -> str:
    document = index.document(doc_id)
    return ", ".join(one_line(origin.label) for origin in document.origins) if document else ""


def source_mark(index: OriginIndex, doc_id: str) -> str | None:
    """``≈ 003_dca… rewrite (Axios)``, ``rewrite by 002_029…``, ``relays The Wall Street Journal``."""
    parts = []
    for pair in index.pairs_of(doc_id):
        if pair.derived == doc_id:
            labels = _labels(index, pair.origin)
            parts.append(f"≈ {short_id(pair.origin)} {pair.kind}" + (f" ({labels})" if labels else ""))
        else:
            parts.append(f"{pair.kind} by {short_id(pair.derived)}")
    document = index.document(doc_id)
    if document is not None and document.relayed_outlets:
        parts.append("relays " + ", ".join(one_line(outlet) for outlet in document.relayed_outlets))
    return " · ".join(parts) or None


def marked_source_rows(rows: Sequence[ListRow], index: OriginIndex | None) -> list[ListRow]:
    """The sources pane's rows with each document's rewrite and relay mark on a line of its own."""
    if index is None:
        return list(rows)
    marked = []
    for row in rows:
        mark = None if row.header else source_mark(index, row.key)
        if mark is None:
            marked.append(row)
            continue
        prompt = Content.assemble(row.prompt, "\n", Content(mark).stylize(ORIGIN_STYLE))
        marked.append(ListRow(row.key, prompt, row.filter_text, row.header, row.group))
    return marked


def event_independence(index: OriginIndex, event: EventRow) -> Independence:
    """How many documents tell the event (its tellings and their copies) and from how many origins."""
    spans = [Span(s.doc_id, s.start, s.end) for s in event.sources] or [Span(event.doc_id, event.start, event.end)]
    return index.claim(spans)[1]


def origins_line(independence: Independence) -> Content:
    """``2 documents · 1 origin: Axios`` as a row's extra line."""
    return Content(one_line(independence.summary)).stylize(ORIGIN_STYLE)


def with_origins(prompt: Content, independence: Independence | None) -> Content:
    """A row's prompt with its origins line under it when more than one document tells it (one document
    is one origin: the line would only take room). Unchanged while provenance is not known."""
    if independence is None or independence.documents < 2:
        return prompt
    return Content.assemble(prompt, "\n", origins_line(independence))


def with_event_origins(rows: Sequence[ListRow], events: Sequence[EventRow], index: OriginIndex | None) -> list[ListRow]:
    """The timeline's rows with each event's documents and origins under it (headers unchanged)."""
    if index is None:
        return list(rows)
    by_id = {event.id: event for event in events}
    return [
        row
        if row.header or row.key not in by_id
        else replace(row, prompt=with_origins(row.prompt, event_independence(index, by_id[row.key])))
        for row in rows
    ]


def shown_origins(snapshot: CaseSnapshot | None) -> tuple[str | None, ...]:
    """The origins line each case item's row shows (None for none): to tell whether the rows changed."""
    if snapshot is None:
        return ()
    return tuple(
        item.origins.summary if item.origins is not None and item.origins.documents >= 2 else None
        for item in snapshot.items
    )


#: Links that count their two ends as telling the same thing: the ones to warn about.
CORROBORATING = frozenset({Relation.SUPPORTS, Relation.SAME_EVENT})


def corroboration_notice(done: ChangeDone, view: CaseView, report: ProvenanceReport | None, link: Link) -> ChangeDone:
    """``done``, with "both come from Axios (003_…)" added when the two linked items share an origin.

    A warning, never a refusal: the link is made; the analyst decides whether it is corroboration.
    Without a report yet (still tracing) the link is announced as it is.
    """
    if report is None or link.relation not in CORROBORATING:
        return done
    found = corroboration(view, report, link.source, link.target)
    if found is None:
        return done
    done.message = f"{done.message} — {one_line(found.sentence)}: not independent"
    done.severity = "warning"
    return done
