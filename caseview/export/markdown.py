"""The case as a Markdown briefing memo: what a journalist sends their editor.

Title, summary and key questions; the sections in order with each passage as a block quote, its
tags, note, grade and a citation; a timeline of the events; the entities involved; the links
(contradictions first); the sources. Items that could not be checked against the corpus are kept and
say so. Every piece of text that is not ours (quotes, notes, titles, tags) is escaped so that it
reads literally whatever it contains: Markdown and HTML characters, line breaks, ``|`` in tables, and
control characters (shown as visible stand-ins, so a memo printed to a terminal cannot drive it).
"""

from __future__ import annotations

import re

from caseview.casefile.model import EntityItem, EventItem, NoteItem, PassageItem
from caseview.casefile.resolve import CaseView, ResolvedItem
from caseview.export.digest import (
    RELATION_TEXT,
    attention,
    citation_parts,
    entities,
    flag_sentences,
    format_date,
    grade_text,
    item_label,
    link_rows,
    one_line,
    resolved_interval,
    timeline,
)
from caseview.export.independence import source_independence
from caseview.kernel.textsafe import printable
from caseview.provenance import ProvenanceReport

# Characters with a meaning anywhere in a line (CommonMark + GFM tables and strikethrough).
_INLINE_SPECIALS = re.compile(r"([\\`*\[\]<>|~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z]))")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])")


def inline(text: str) -> str:
    """Text for one line of Markdown (a heading, a list entry, a table cell), shown literally."""
    return _ENTITY.sub(r"\\&", _INLINE_SPECIALS.sub(r"\\\1", printable(one_line(text))))


def _escape_line(line: str) -> str:
    """One line of a multi-line text, escaped so it cannot start a heading, list, quote or code block."""
    stripped = line.lstrip(" \t")
    indent = line[: len(line) - len(stripped)]
    escaped = _ENTITY.sub(r"\\&", _INLINE_SPECIALS.sub(r"\\\1", printable(stripped)))
    if escaped[:1] in ("#", "+", "-", "="):
        escaped = "\\" + escaped
    else:
        escaped = _ORDERED_MARKER.sub(r"\1\\\2", escaped)
    if len(indent.expandtabs(4)) >= 4:
        indent = "\u00a0" * len(indent.expandtabs(4))  # four spaces would start a code block
    return indent + escaped


def block(text: str, prefix: str = "") -> list[str]:
    """A multi-line text as Markdown lines (each starting with ``prefix``, e.g. ``"> "``), line breaks kept."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip():
            out.append(prefix.rstrip())
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        hard_break = "\\" if following.strip() else ""
        out.append(prefix + _escape_line(line.rstrip()) + hard_break)
    return out


def _cell(text: str) -> str:
    return inline(text) or " "


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def _links_of(view: CaseView, entry: ResolvedItem) -> list[str]:
    phrases = []
    for resolved in view.links:
        link = resolved.link
        if link.source == entry.id:
            phrases.append(f"{RELATION_TEXT[link.relation.value]} {item_label(resolved.target, 40)}")
        elif link.target == entry.id:
            phrases.append(f"{item_label(resolved.source, 40)} {RELATION_TEXT[link.relation.value]} this")
    return phrases


def _passage(view: CaseView, entry: ResolvedItem) -> list[str]:
    item = entry.item
    assert isinstance(item, PassageItem)
    heading = f"**#{entry.number} · Passage**"
    if item.grade:
        heading += f" — graded {inline(grade_text(item.grade))}"
    lines = [heading, ""] + _warnings(entry) + block(item.citation.exact, "> ") + [""]
    parts = citation_parts(entry)
    outlet = f", {inline(parts.outlet)}" if parts.outlet else ""
    gone = " — *no longer in the corpus*" if parts.missing else ""
    lines.append(
        f"- **Source:** *{inline(parts.title)}*{outlet}, {parts.published} — "
        f"{inline(parts.doc_id)}, {parts.range_text}{gone}"
    )
    if entry.tags:
        lines.append("- **Tags:** " + ", ".join(inline(tag) for tag in entry.tags))
    lines += _note_lines("Note", entry.annotation_note)
    lines += _note_lines("Analyst's note", item.note)
    return lines + _links_line(view, entry)


def _note_lines(label: str, text: str | None) -> list[str]:
    if not text:
        return []
    body = block(text, "  ")
    return [f"- **{label}:** " + body[0].lstrip()] + body[1:]


def _warnings(entry: ResolvedItem) -> list[str]:
    """The item's flags, said before its content so nobody quotes it unawares."""
    sentences = flag_sentences(entry)
    if not sentences:
        return []
    return [f"**⚠ Check:** {inline('; '.join(sentences))}.", ""]


def _links_line(view: CaseView, entry: ResolvedItem) -> list[str]:
    links = _links_of(view, entry)
    return ["- **Links:** " + "; ".join(inline(phrase) for phrase in links)] if links else []


def _entity(view: CaseView, entry: ResolvedItem) -> list[str]:
    item = entry.item
    assert isinstance(item, EntityItem)
    kind = f" ({inline(item.entity.type)})" if item.entity.type else ""
    role = f" — role: {inline(item.role)}" if item.role else ""
    lines = [f"**#{entry.number} · Entity: {inline(item.entity.name)}**{kind}{role}", ""] + _warnings(entry)
    lines += _note_lines("Analyst's note", item.note)
    return lines + _links_line(view, entry)


def _event(view: CaseView, entry: ResolvedItem) -> list[str]:
    item = entry.item
    assert isinstance(item, EventItem)
    event = item.event
    when = f"“{inline(event.time_text)}” → {resolved_interval(event)}" if event.time_text else resolved_interval(event)
    lines = [f"**#{entry.number} · Event** — when: {when}", ""] + _warnings(entry) + block(event.text, "> ") + [""]
    if event.doc_id:
        doc = view.documents.get(event.doc_id)
        title = inline(doc.title) if doc else inline(event.doc_id)
        where = f", characters {event.start}–{event.end}" if event.start is not None else ""
        lines.append(f"- **Source:** *{title}* — {inline(event.doc_id)}{where}")
    if event.actors:
        lines.append("- **Who:** " + ", ".join(inline(actor) for actor in event.actors))
    lines += _note_lines("Analyst's note", item.note)
    return lines + _links_line(view, entry)


def _note(view: CaseView, entry: ResolvedItem) -> list[str]:
    item = entry.item
    assert isinstance(item, NoteItem)
    return [f"**#{entry.number} · Note**", ""] + _warnings(entry) + block(item.text) + [""] + _links_line(view, entry)


_RENDERERS = {"passage": _passage, "entity": _entity, "event": _event, "note": _note}


def _source_independence(view: CaseView, report: ProvenanceReport) -> list[str]:
    digest = source_independence(view, report)
    out = ["## Source independence", "", f"*The case's sources: {inline(digest.overall.summary)}.*", ""]
    if digest.chains:
        out += [f"- {inline(chain.sentence)}" for chain in digest.chains] + [""]
    else:
        out += ["*No document of this case copies, rewrites or relays another.*", ""]
    if digest.claims:
        out += _table(
            ["Item", "Documents", "Independent origins"],
            [
                [item_label(claim.entry, 50), ", ".join(claim.documents), claim.independence.summary]
                for claim in digest.claims
            ],
        )
        out.append("")
    if digest.unknown:
        out += [
            f"*Not analysed (not readable when the provenance was computed): {inline(', '.join(digest.unknown))}.*",
            "",
        ]
    out += [
        "*Origins come from explicit citations (“according to …”) and from shared text; a document that "
        "repeats another without saying so and without sharing its wording counts as independent.*",
        "",
    ]
    return out


def render_markdown(view: CaseView, provenance: ProvenanceReport | None = None) -> str:
    """The briefing memo, as Markdown text (with a "Source independence" section when ``provenance`` is given)."""
    header = view.header
    passages = view.passages()
    out = [f"# {inline(header.title)}", ""]
    out += [
        f"*Case memo · {len(passages)} passage{'s' if len(passages) != 1 else ''} · "
        f"{len(view.sources)} source{'s' if len(view.sources) != 1 else ''} · "
        f"prepared {view.generated.date().isoformat()} with caseview*",
        "",
    ]
    warnings = attention(view)
    if warnings:
        count = len(warnings)
        noun, pronoun = ("items", "them") if count > 1 else ("item", "it")
        out.append(
            f"> **Attention:** {count} {noun} could not be checked against the documents as they are "
            f"now; read {pronoun} with care:"
        )
        out.append(">")
        for entry, sentences in warnings:
            out.append(f"> - {inline(item_label(entry, 50))}: {inline('; '.join(sentences))}")
        out.append("")
    if header.summary:
        out += ["## Summary", ""] + block(header.summary) + [""]
    if header.questions:
        out += ["## Key questions", ""]
        out += [f"{number}. {inline(question)}" for number, question in enumerate(header.questions, start=1)]
        out.append("")
    for section in view.sections:
        out += [f"## {inline(section.section.title)}", ""]
        if not section.items:
            out += ["*(nothing in this section yet)*", ""]
        for entry in section.items:
            lines = _RENDERERS[entry.kind](view, entry)
            while lines and not lines[-1]:
                lines.pop()
            out += lines + [""]
    rows = timeline(view)
    if rows:
        out += ["## Timeline of events", ""]
        out += _table(
            ["When (as written)", "Resolved", "Event", "Source"],
            [
                [
                    row.as_written,
                    row.resolved,
                    f"#{row.entry.number} {one_line(row.what, 120)}",
                    f"{one_line(row.source.title, 60)} ({row.source.doc_id})" if row.source else "",
                ]
                for row in rows
            ],
        )
        out.append("")
    people = entities(view)
    if people:
        out += ["## Entities involved", ""]
        out += _table(
            ["Entity", "Type", "Role", "Appears in", "Quoted in"],
            [
                [
                    row.name + (f" (also: {', '.join(row.aliases)})" if row.aliases else ""),
                    row.type or "",
                    row.role or "",
                    "; ".join(f"{one_line(doc.title, 60)} ({count}×)" for doc, count in row.documents)
                    or "no mentions recorded",
                    ", ".join(f"#{n}" for n in row.passages) or "—",
                ]
                for row in people
            ],
        )
        out.append("")
    links = link_rows(view)
    if links:
        out += ["## Links", ""]
        out += _table(
            ["From", "Relation", "To", "Note"],
            [[row.source, row.relation + (" ⚠" if row.flags else ""), row.target, row.note] for row in links],
        )
        out.append("")
    if view.sources:
        out += ["## Sources", ""]
        for number, doc in enumerate(view.sources, start=1):
            outlet = f" — {inline(doc.outlet)}" if doc.outlet else ""
            url = f" {inline(doc.url)}" if doc.url else ""
            gone = " *(no longer in the corpus)*" if doc.missing else ""
            out.append(
                f"{number}. *{inline(doc.title)}*{outlet}, {format_date(doc.published)}. "
                f"Document {inline(doc.doc_id)}.{url}{gone}"
            )
        out.append("")
    if provenance is not None:
        out += _source_independence(view, provenance)
    where = view.path.name if view.path else "the case file"
    out += [
        "---",
        "",
        f"*Generated by caseview from {inline(where)} on {view.generated.strftime('%Y-%m-%d %H:%M UTC')}. "
        "Character ranges are positions in the document text (Unicode code points, end exclusive).*",
        "",
    ]
    return "\n".join(out)
