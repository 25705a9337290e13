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

# What to escape, and only that: plain text must read in the memo's source as it was written (an
# editor reads the .md file too), so a character is escaped only where Markdown would give it a
# meaning. Text pieces are joined with our own markup on one line, so a piece's edges count as
# "could touch anything".
_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)")
_BACKTICK = re.compile(r"`")
_STAR = re.compile(r"\*(?<!\s\*(?=\s))")
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_TILDE = re.compile(r"~(?=~|$)|(?<=~)~|^~")
_HTML_START = re.compile(r"<(?=[A-Za-z/!?])")
_LINK_END = re.compile(r"\](?=[(\[:])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^(?:[-+*](?=[ \t]|$)|#{1,6}(?=[ \t]|$)|>|(\d{1,9})([.)])(?=[ \t]|$))")
_RULE_LINE = re.compile(r"^[-=*_](?:[ \t]*[-=*_])*[ \t]*$")


def _escape_inline(text: str, *, table: bool = False) -> str:
    """Escape what would change the rendering within a line (see the comment above)."""
    text = _BACKSLASH.sub(r"\\\\", text)
    text = _BACKTICK.sub(r"\\`", text)
    text = _STAR.sub(r"\\*", text)
    text = _UNDERSCORE.sub(lambda m: "\\" + m.group(), text)
    text = _TILDE.sub(r"\\~", text)
    text = _HTML_START.sub(r"\\<", text)
    text = _LINK_END.sub(r"\\]", text)
    text = _ENTITY.sub(r"\\&", text)
    if table:
        text = text.replace("|", "\\|")
    return text


def _escape_start(text: str) -> str:
    """A line's start escaped when it would open a list, heading, quote or rule."""
    if _RULE_LINE.match(text):
        return "\\" + text
    match = _BLOCK_START.match(text)
    if match is None:
        return text
    if match.group(1) is not None:  # "2026. The" would number a list
        return match.group(1) + "\\" + text[len(match.group(1)) :]
    return "\\" + text


def inline(text: str, *, table: bool = False) -> str:
    """Text for one line of Markdown (a heading, a list entry, a table cell), shown literally."""
    return _escape_start(_escape_inline(printable(one_line(text)), table=table))


def _escape_line(line: str) -> str:
    """One line of a multi-line text, escaped so it cannot start a heading, list, quote or code block."""
    stripped = line.lstrip(" \t")
    indent = line[: len(line) - len(stripped)]
    escaped = _escape_start(_escape_inline(printable(stripped)))
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
    return inline(text, table=True) or " "


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def _links_of(view: CaseView, entry: ResolvedItem) -> list[str]:
    """The item's links, each with its relation and note, already escaped: shown beside both items."""
    phrases = []
    for resolved in view.links:
        link = resolved.link
        relation = f"**{RELATION_TEXT[link.relation.value]}**"
        note = f" — {inline(link.note)}" if link.note else ""
        if link.source == entry.id:
            phrases.append(f"{relation} {inline(item_label(resolved.target, 40))}{note}")
        elif link.target == entry.id:
            phrases.append(f"{inline(item_label(resolved.source, 40))} {relation} this{note}")
    return phrases


def _context_line(text: str, label: str) -> list[str]:
    """A sentence of context beside a quote, in a lighter form (italics) so the quote stands out."""
    flat = " ".join(text.split())
    if not flat:
        return []
    # A * between spaces can neither open nor close emphasis, and every other one is escaped, so the
    # text cannot end our italics early; not at a line start, so no block marker needs escaping.
    body = _escape_inline(printable(flat))
    return [f"*{label} {body}*", ""]


def _quote(entry: ResolvedItem, text: str) -> list[str]:
    """The quote as a block quote, with the sentence before and after it (when the document has them)."""
    context = entry.context
    lines = _context_line(context.before, "Before:") if context else []
    lines += block(text, "> ") + [""]
    if context:
        lines += _context_line(context.after, "After:")
    return lines


def citation_line(entry: ResolvedItem) -> str:
    """``- **Source:** *Title*, Outlet, 2026-04-17, paragraph 4 — https://…`` (checkable by a reader)."""
    parts = citation_parts(entry)
    outlet = f", {inline(parts.outlet)}" if parts.outlet else ""
    url = f" — <{parts.url}>" if parts.url and _is_web(parts.url) else (f" — {inline(parts.url)}" if parts.url else "")
    return f"- **Source:** *{inline(parts.title)}*{outlet}, {inline(parts.date)}, {inline(parts.place)}{url}"


def _is_web(url: str) -> bool:
    """Whether ``url`` can be an autolink as it is: http(s), no space, bracket or control character
    (anything else is shown escaped, as text)."""
    return bool(re.match(r"https?://[^\s<>\x00-\x1f\x7f-\x9f]+$", url))


def _passage(view: CaseView, entry: ResolvedItem) -> list[str]:
    item = entry.item
    assert isinstance(item, PassageItem)
    heading = f"**#{entry.number} · Passage**"
    if item.grade:
        heading += f" — graded {inline(grade_text(item.grade))}"
    lines = [heading, ""] + _warnings(entry) + _quote(entry, entry.quote)
    lines.append(citation_line(entry))
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
    return ["- **Links:** " + "; ".join(links)] if links else []


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
    lines = [f"**#{entry.number} · Event** — when: {when}", ""] + _warnings(entry) + _quote(entry, event.text)
    if event.doc_id:
        doc = view.documents.get(event.doc_id)
        title = inline(doc.title) if doc else inline(event.doc_id)
        outlet = f", {inline(doc.outlet)}" if doc and doc.outlet else ""
        dated = f", {inline(doc_date(doc))}" if doc else ""
        where = f", {where_text(entry)}" if entry.context else ""
        lines.append(f"- **Source:** *{title}*{outlet}{dated}{where}")
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


def _overview(view: CaseView) -> list[str]:
    """The first section: what the case is about (summary, key questions) and what it holds."""
    header = view.header
    out = ["## Overview", ""]
    if header.summary:
        out += block(header.summary) + [""]
    else:
        out += ['*No summary yet (caseview case set --summary "…").*', ""]
    if header.questions:
        out += ["**Key questions**", ""]
        out += [f"{number}. {inline(question)}" for number, question in enumerate(header.questions, start=1)]
        out.append("")
    out += [f"*{inline(overview_counts(view))}.*", ""]
    return out


def _contradictions(view: CaseView) -> list[str]:
    """Each contradiction with both sides quoted and cited, and the analyst's note on it."""
    found = contradictions(view)
    if not found:
        return []
    out = ["## Contradictions between items", ""]
    for resolved in found:
        note = f" — {inline(resolved.link.note)}" if resolved.link.note else ""
        out.append(
            f"- {inline(item_label(resolved.source, 80))} **contradicts** "
            f"{inline(item_label(resolved.target, 80))}{note}"
        )
    return out + [""]


def render_markdown(view: CaseView, provenance: ProvenanceReport | None = None) -> str:
    """The briefing memo, as Markdown text (with a "Source independence" section when ``provenance`` is given)."""
    passages = view.passages()
    title = memo_title(view)
    out = [f"# {inline(title)}" if title else f"# {NO_TITLE}", ""]
    if title is None:
        out += [f"*{inline(set_title_hint(view))}.*", ""]
    out += [
        f"*Case memo · {plural(len(passages), 'passage')} · {plural(len(view.sources), 'source')} · "
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
    out += _overview(view)
    # Every claim with the documents that report it and their independent origins (issue 16).
    claims = item_claims(view, provenance) if provenance is not None else {}
    for section in view.sections:
        out += [f"## {inline(section.section.title)}", ""]
        if not section.items:
            out += ["*(nothing in this section yet)*", ""]
        for entry in section.items:
            lines = _RENDERERS[entry.kind](view, entry)
            while lines and not lines[-1]:
                lines.pop()
            if entry.id in claims:
                lines.append(f"- **Reported by:** {inline(reported_by(claims[entry.id]))}")
            out += lines + [""]
    out += _contradictions(view)
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
            credit = ", ".join(inline(part) for part in (doc.author, doc.outlet) if part)
            outlet = f" — {credit}" if credit else ""
            url = f" {inline(doc.url)}" if doc.url else ""
            gone = " *(no longer in the corpus)*" if doc.missing else ""
            out.append(
                f"{number}. *{inline(doc.title)}*{outlet}, {inline(doc_date(doc))}. "
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
        "Paragraphs are counted from the top of each document, headline included; the JSON export "
        "has the exact character ranges.*",
        "",
    ]
    return "\n".join(out)
