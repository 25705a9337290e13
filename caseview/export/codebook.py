"""Every passage with one tag, across documents, as Markdown or CSV (the codebook's export).

The Markdown lists each passage as a quote under its document, with the analyst's note; the CSV
has one row per passage (formula-guarded like the case's CSV). Foreign text is escaped in both.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from caseview.annotations.codebook import TaggedPassage
from caseview.export.csv import neutralise
from caseview.export.markdown import block, inline

TAG_FORMATS = ("md", "csv")
TAG_CSV_COLUMNS = ["tag", "document", "title", "outlet", "start", "end", "quote", "note", "tags", "annotation"]


@dataclass(frozen=True)
class SourceLine:
    """What a citation names of a document."""

    title: str
    outlet: str | None = None
    published: str | None = None


def render_tag_markdown(
    tag: str, passages: Sequence[TaggedPassage], sources: Mapping[str, SourceLine], description: str = ""
) -> str:
    """``# Tag: X`` then, per document, each passage as a quote with its note."""
    count = len(passages)
    lines = [f"# Tag: {inline(tag)}", ""]
    if description:
        lines += [*block(description), ""]
    documents = len({p.doc_id for p in passages})
    lines += [
        f"{count} passage{'s' if count != 1 else ''} in {documents} document{'s' if documents != 1 else ''}.",
        "",
    ]
    current: str | None = None
    for passage in passages:
        if passage.doc_id != current:
            current = passage.doc_id
            source = sources.get(passage.doc_id, SourceLine(passage.doc_id))
            detail = " · ".join(filter(None, [source.outlet, source.published, passage.doc_id]))
            lines += [f"## {inline(source.title)}", "", f"*{inline(detail)}*", ""]
        lines += block(passage.quote, "> ")
        others = [t for t in passage.tags if t.casefold() != tag.casefold()]
        if others:
            lines += ["", f"Also tagged: {inline(', '.join(others))}"]
        if passage.note:
            lines += ["", *block("Note: " + passage.note)]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_tag_csv(tag: str, passages: Sequence[TaggedPassage], sources: Mapping[str, SourceLine]) -> str:
    """One row per passage, with a header row (RFC 4180, formula-guarded)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TAG_CSV_COLUMNS)
    for passage in passages:
        source = sources.get(passage.doc_id, SourceLine(passage.doc_id))
        cells = [
            tag,
            passage.doc_id,
            source.title,
            source.outlet or "",
            str(passage.start),
            str(passage.end),
            passage.quote,
            passage.note or "",
            "; ".join(passage.tags),
            passage.annotation_id,
        ]
        writer.writerow([neutralise(cell) for cell in cells])
    return buffer.getvalue()


def render_tag(
    format: str,
    tag: str,
    passages: Sequence[TaggedPassage],
    sources: Mapping[str, SourceLine],
    description: str = "",
) -> str:
    """The export in ``format`` (``md`` or ``csv``)."""
    if format == "md":
        return render_tag_markdown(tag, passages, sources, description)
    if format == "csv":
        return render_tag_csv(tag, passages, sources)
    raise ValueError(f"unknown format {format!r}: choose {' or '.join(TAG_FORMATS)}")
