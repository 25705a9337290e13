"""The case as one self-contained HTML page: the memo for a browser or a printer.

Inline CSS, no scripts, nothing fetched from the network (a Content-Security-Policy says so too), and
every piece of text from documents and from the analyst is escaped: a passage containing
``<script>`` shows as text. Line breaks in quotes are kept by CSS (``white-space: pre-wrap``), not
by markup built from the text.
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from caseview.casefile.model import EntityItem, EventItem, NoteItem, PassageItem
from caseview.casefile.resolve import CaseView, ResolvedItem
from caseview.export.digest import (
    NO_TITLE,
    RELATION_TEXT,
    attention,
    citation_parts,
    contradictions,
    doc_date,
    entities,
    flag_sentences,
    grade_text,
    item_label,
    link_rows,
    memo_title,
    one_line,
    overview_counts,
    resolved_interval,
    set_title_hint,
    timeline,
    where_text,
)
from caseview.export.independence import item_claims, reported_by, source_independence
from caseview.kernel.textsafe import printable
from caseview.kernel.words import plural
from caseview.provenance import ProvenanceReport

_CSS = """
:root { color-scheme: light; }
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: #1a1a1a;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.9rem; margin-bottom: .2rem; } h2 { border-bottom: 1px solid #ccc; margin-top: 2.2rem; }
.byline, .meta, footer { color: #555; font-size: .9rem; }
.item { margin: 1.4rem 0; page-break-inside: avoid; break-inside: avoid; }
.item-head { font-weight: bold; font-family: system-ui, sans-serif; font-size: .95rem; }
.grade { font-weight: normal; background: #eef3f8; padding: 0 .3rem; border-radius: 3px; }
.context { color: #6b6b6b; font-size: .92rem; margin: .3rem 0; }
.relation { font-weight: bold; }
blockquote { margin: .5rem 0; padding: .3rem 1rem; border-left: 4px solid #888; background: #f7f7f7;
             white-space: pre-wrap; }
.text { white-space: pre-wrap; }
.warn { color: #8a3b00; background: #fff4e5; border-left: 4px solid #d97706; padding: .3rem .8rem; }
.attention { border: 1px solid #d97706; background: #fff8ee; padding: .6rem 1rem; }
ul.details { margin: .3rem 0; padding-left: 1.2rem; font-size: .95rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .5rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } tr.contradicts td { background: #fdf0f0; }
code { font-size: .85rem; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } a { color: inherit; text-decoration: none; }
  h2 { page-break-after: avoid; break-after: avoid; } .attention, .warn { border-color: #000; } }
"""


def _e(text: str | None) -> str:
    """Escaped for HTML, control characters made visible (the page may be printed to a terminal)."""
    return escape(printable(text or ""), quote=True)


def _link(url: str | None) -> str:
    """A link only for http(s) URLs; anything else (``javascript:``…) is shown as text."""
    if not url:
        return ""
    if urlsplit(url).scheme.lower() in ("http", "https"):
        return f' <a href="{_e(url)}" rel="noreferrer noopener">{_e(url)}</a>'
    return f" {_e(url)}"


def _details(rows: list[tuple[str, str]]) -> str:
    """A list of ``label: html`` lines (the html already escaped)."""
    if not rows:
        return ""
    return '<ul class="details">' + "".join(f"<li><b>{_e(label)}:</b> {value}</li>" for label, value in rows) + "</ul>"


def _links_and_warnings(view: CaseView, entry: ResolvedItem) -> tuple[str, list[tuple[str, str]]]:
    """The item's warnings, and its links with their relation and note (shown beside both items)."""
    warnings = "".join(f'<p class="warn">⚠ {_e(sentence)}</p>' for sentence in flag_sentences(entry))
    phrases = []
    for resolved in view.links:
        relation = f'<span class="relation">{_e(RELATION_TEXT[resolved.link.relation.value])}</span>'
        note = f" — {_e(resolved.link.note)}" if resolved.link.note else ""
        if resolved.link.source == entry.id:
            phrases.append(f"{relation} {_item_ref(resolved.target)}{note}")
        elif resolved.link.target == entry.id:
            phrases.append(f"{_item_ref(resolved.source)} {relation} this{note}")
    rows = [("Links", "; ".join(phrases))] if phrases else []
    return warnings, rows


def _item_ref(entry: ResolvedItem | None) -> str:
    """An item's short label, linked to its place in this page."""
    if entry is None:
        return _e(item_label(None))
    return f'<a href="#item-{entry.number}">{_e(item_label(entry, 40))}</a>'


def _quote(entry: ResolvedItem, text: str) -> str:
    """The quote, with the sentence before and after it dimmed (when the document has them)."""
    context = entry.context
    before = f'<p class="context">{_e(context.before)}</p>' if context and context.before.strip() else ""
    after = f'<p class="context">{_e(context.after)}</p>' if context and context.after.strip() else ""
    return f"{before}<blockquote>{_e(text)}</blockquote>{after}"


def citation_html(entry: ResolvedItem) -> str:
    """``<cite>Title</cite>, Outlet, 2026-04-17, paragraph 4 — https://…`` (checkable by a reader)."""
    parts = citation_parts(entry)
    outlet = f", {_e(parts.outlet)}" if parts.outlet else ""
    url = f" —{_link(parts.url)}" if parts.url else ""
    return f"<cite>{_e(parts.title)}</cite>{outlet}, {_e(parts.date)}, {_e(parts.place)}{url}"


def _passage(view: CaseView, entry: ResolvedItem) -> str:
    item = entry.item
    assert isinstance(item, PassageItem)
    grade = f' <span class="grade">{_e(grade_text(item.grade))}</span>' if item.grade else ""
    rows = [("Source", citation_html(entry))]
    if entry.tags:
        rows.append(("Tags", _e(", ".join(entry.tags))))
    if entry.annotation_note:
        rows.append(("Note", f'<span class="text">{_e(entry.annotation_note)}</span>'))
    if item.note:
        rows.append(("Analyst's note", f'<span class="text">{_e(item.note)}</span>'))
    warnings, link_rows_ = _links_and_warnings(view, entry)
    return (
        f'<div class="item-head">#{entry.number} · Passage{grade}</div>{warnings}'
        f"{_quote(entry, entry.quote)}{_details(rows + link_rows_)}"
    )


def _entity(view: CaseView, entry: ResolvedItem) -> str:
    item = entry.item
    assert isinstance(item, EntityItem)
    kind = f" ({_e(item.entity.type)})" if item.entity.type else ""
    rows = [("Role", _e(item.role))] if item.role else []
    if item.note:
        rows.append(("Analyst's note", f'<span class="text">{_e(item.note)}</span>'))
    warnings, link_rows_ = _links_and_warnings(view, entry)
    return (
        f'<div class="item-head">#{entry.number} · Entity: {_e(item.entity.name)}{kind}</div>{warnings}'
        f"{_details(rows + link_rows_)}"
    )


def _event(view: CaseView, entry: ResolvedItem) -> str:
    item = entry.item
    assert isinstance(item, EventItem)
    event = item.event
    when = (
        f"“{_e(event.time_text)}” → {_e(resolved_interval(event))}" if event.time_text else _e(resolved_interval(event))
    )
    rows = []
    if event.doc_id:
        doc = view.documents.get(event.doc_id)
        outlet = f", {_e(doc.outlet)}" if doc and doc.outlet else ""
        dated = f", {_e(doc_date(doc))}" if doc else ""
        where = f", {_e(where_text(entry))}" if entry.context else ""
        rows.append(("Source", f"<cite>{_e(doc.title if doc else event.doc_id)}</cite>{outlet}{dated}{where}"))
    if event.actors:
        rows.append(("Who", _e(", ".join(event.actors))))
    if item.note:
        rows.append(("Analyst's note", f'<span class="text">{_e(item.note)}</span>'))
    warnings, link_rows_ = _links_and_warnings(view, entry)
    return (
        f'<div class="item-head">#{entry.number} · Event — when: {when}</div>{warnings}'
        f"{_quote(entry, event.text)}{_details(rows + link_rows_)}"
    )


def _note(view: CaseView, entry: ResolvedItem) -> str:
    item = entry.item
    assert isinstance(item, NoteItem)
    warnings, link_rows_ = _links_and_warnings(view, entry)
    return (
        f'<div class="item-head">#{entry.number} · Note</div>{warnings}'
        f'<p class="text">{_e(item.text)}</p>{_details(link_rows_)}'
    )


_RENDERERS = {"passage": _passage, "entity": _entity, "event": _event, "note": _note}


def _table(header: list[str], rows: list[tuple[str, list[str]]]) -> str:
    """A table of escaped text; each row is (css class, cells)."""
    head = "".join(f"<th>{_e(cell)}</th>" for cell in header)
    body = "".join(
        f'<tr class="{_e(css)}">' + "".join(f"<td>{_e(cell)}</td>" for cell in cells) + "</tr>" for css, cells in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _source_independence(view: CaseView, report: ProvenanceReport) -> str:
    digest = source_independence(view, report)
    parts = [f"<section><h2>Source independence</h2><p><em>The case's sources: {_e(digest.overall.summary)}.</em></p>"]
    if digest.chains:
        parts.append("<ul>" + "".join(f"<li>{_e(chain.sentence)}</li>" for chain in digest.chains) + "</ul>")
    else:
        parts.append("<p><em>No document of this case copies, rewrites or relays another.</em></p>")
    if digest.claims:
        parts.append(
            _table(
                ["Item", "Documents", "Independent origins"],
                [
                    ("", [item_label(claim.entry, 50), ", ".join(claim.documents), claim.independence.summary])
                    for claim in digest.claims
                ],
            )
        )
    if digest.unknown:
        parts.append(
            f"<p><em>Not analysed (not readable when the provenance was computed): {_e(', '.join(digest.unknown))}."
            "</em></p>"
        )
    parts.append(
        '<p class="meta">Origins come from explicit citations (“according to …”) and from shared text; a document '
        "that repeats another without saying so and without sharing its wording counts as independent.</p></section>"
    )
    return "".join(parts)


def render_html(view: CaseView, provenance: ProvenanceReport | None = None) -> str:
    """The memo as one self-contained HTML document ("Source independence" when ``provenance`` is given)."""
    header = view.header
    passages = view.passages()
    title = memo_title(view)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="caseview">',
        f"<title>{_e(title or NO_TITLE)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{_e(title or NO_TITLE)}</h1>",
        f'<p class="meta">{_e(set_title_hint(view))}.</p>' if title is None else "",
        f'<p class="byline">Case memo · {plural(len(passages), "passage")} · {plural(len(view.sources), "source")} · '
        f"prepared {view.generated.date().isoformat()} with caseview</p></header>",
    ]
    warnings = attention(view)
    if warnings:
        count = len(warnings)
        items = "".join(
            f"<li>{_e(item_label(entry, 50))}: {_e('; '.join(sentences))}</li>" for entry, sentences in warnings
        )
        parts.append(
            f'<section class="attention"><b>Attention:</b> {count} item{"s" if count > 1 else ""} could not be '
            f"checked against the documents as they are now; read with care:<ul>{items}</ul></section>"
        )
    summary = (
        f'<p class="text">{_e(header.summary)}</p>'
        if header.summary
        else '<p class="meta">No summary yet (caseview case set --summary "…").</p>'
    )
    questions = (
        "<p><b>Key questions</b></p><ol>" + "".join(f"<li>{_e(q)}</li>" for q in header.questions) + "</ol>"
        if header.questions
        else ""
    )
    parts.append(
        f'<section><h2>Overview</h2>{summary}{questions}<p class="meta">{_e(overview_counts(view))}.</p></section>'
    )
    # Every claim with the documents that report it and their independent origins (issue 16).
    claims = item_claims(view, provenance) if provenance is not None else {}

    def reported(entry: ResolvedItem) -> str:
        claim = claims.get(entry.id)
        return f'<p class="meta"><b>Reported by:</b> {_e(reported_by(claim))}</p>' if claim else ""

    for section in view.sections:
        body = (
            "".join(
                f'<article class="item" id="item-{entry.number}">'
                f"{_RENDERERS[entry.kind](view, entry)}{reported(entry)}</article>"
                for entry in section.items
            )
            or "<p><em>(nothing in this section yet)</em></p>"
        )
        parts.append(f"<section><h2>{_e(section.section.title)}</h2>{body}</section>")
    found = contradictions(view)
    if found:
        parts.append(
            "<section><h2>Contradictions between items</h2><ul>"
            + "".join(
                f'<li>{_item_ref(r.source)} <span class="relation">contradicts</span> {_item_ref(r.target)}'
                + (f" — {_e(r.link.note)}" if r.link.note else "")
                + "</li>"
                for r in found
            )
            + "</ul></section>"
        )
    rows = timeline(view)
    if rows:
        parts.append(
            "<section><h2>Timeline of events</h2>"
            + _table(
                ["When (as written)", "Resolved", "Event", "Source"],
                [
                    (
                        "",
                        [
                            row.as_written,
                            row.resolved,
                            f"#{row.entry.number} {one_line(row.what, 160)}",
                            f"{row.source.title} ({row.source.doc_id})" if row.source else "",
                        ],
                    )
                    for row in rows
                ],
            )
            + "</section>"
        )
    people = entities(view)
    if people:
        parts.append(
            "<section><h2>Entities involved</h2>"
            + _table(
                ["Entity", "Type", "Role", "Appears in", "Quoted in"],
                [
                    (
                        "",
                        [
                            row.name + (f" (also: {', '.join(row.aliases)})" if row.aliases else ""),
                            row.type or "",
                            row.role or "",
                            "; ".join(f"{doc.title} ({count}×)" for doc, count in row.documents)
                            or "no mentions recorded",
                            ", ".join(f"#{n}" for n in row.passages) or "—",
                        ],
                    )
                    for row in people
                ],
            )
            + "</section>"
        )
    links = link_rows(view)
    if links:
        parts.append(
            "<section><h2>Links</h2>"
            + _table(
                ["From", "Relation", "To", "Note"],
                [
                    (
                        row.link.link.relation.value,
                        [row.source, row.relation + (" ⚠" if row.flags else ""), row.target, row.note],
                    )
                    for row in links
                ],
            )
            + "</section>"
        )
    if view.sources:
        entries = []
        for doc in view.sources:
            credit = ", ".join(_e(part) for part in (doc.author, doc.outlet) if part)
            outlet = f" — {credit}" if credit else ""
            gone = " <em>(no longer in the corpus)</em>" if doc.missing else ""
            entries.append(
                f"<li><cite>{_e(doc.title)}</cite>{outlet}, {_e(doc_date(doc))}. "
                f"Document <code>{_e(doc.doc_id)}</code>.{_link(doc.url)}{gone}</li>"
            )
        parts.append("<section><h2>Sources</h2><ol>" + "".join(entries) + "</ol></section>")
    if provenance is not None:
        parts.append(_source_independence(view, provenance))
    where = view.path.name if view.path else "the case file"
    parts.append(
        f"<footer><hr><p>Generated by caseview from {_e(where)} on "
        f"{_e(view.generated.strftime('%Y-%m-%d %H:%M UTC'))}. Paragraphs are counted from the top of each "
        "document, headline included; the JSON export has the exact character ranges.</p></footer></body></html>"
    )
    return "\n".join(parts) + "\n"
