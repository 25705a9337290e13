"""How rows and headers look: pure functions from domain objects to Textual ``Content``.

Document text, titles, outlets and entity names are data, so they only ever go into ``Content(...)``
(never into markup strings) after :func:`one_line` has made control characters visible.
"""

from __future__ import annotations

from textual.content import Content

from caseview.search import Hit, Snippet
from caseview.tui.rows import EntityRow, SpanRef
from caseview.tui.source_rows import format_label, title_prefix
from caseview.tui.text_layout import display_text
from caseview.workspace import DocumentInfo

MATCH_STYLE = "bold $text-warning on $warning-muted"
MUTED = "$foreground-muted"
SEPARATOR = " · "
#: Characters of context shown either side of the matches in a result snippet.
SNIPPET_CONTEXT = 40
#: Characters of a passage shown in dialog titles and messages.
SUBJECT_CHARS = 70


def one_line(text: str) -> str:
    """``text`` shown literally on one line: control characters visible, line breaks and tabs as spaces."""
    return display_text(text).replace("\n", " ").replace("\t", " ")


def shorten(text: str, limit: int = SUBJECT_CHARS) -> str:
    """``text`` on one line of at most ``limit`` characters (an ellipsis where it was cut)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _muted_details(*parts: str | None) -> Content:
    return Content(SEPARATOR.join(one_line(part) for part in parts if part)).stylize(MUTED)


def source_prompt(info: DocumentInfo, annotations: int | None, depth: int = 0) -> Content:
    """Two lines: the title, then ✎ annotation count · (format and pages ·) outlet · date · id (the
    count first, so a narrow sources column still shows it on every row; issue 13).

    ``depth`` > 0 indents a document found inside another (an attachment under its e-mail)."""
    count = "✎ –" if annotations is None else f"✎ {annotations}"
    details = _muted_details(
        count,
        format_label(info),  # "PDF · 4 pages"; nothing for plain text (issue 15)
        info.outlet or "unknown outlet",
        info.published_label,
        info.id,
    )
    prefix = title_prefix(depth)
    title = Content(one_line(info.title or info.id)).stylize("bold")
    if prefix:
        return Content.assemble(Content(prefix).stylize(MUTED), title, "\n", Content(" " * len(prefix)), details)
    return Content.assemble(title, "\n", details)


def snippet_window(snippet: Snippet, context: int = SNIPPET_CONTEXT) -> tuple[int, int]:
    """The part of a snippet worth showing: its matches with ``context`` characters around, cut at spaces."""
    if not snippet.matches:
        return snippet.start, min(snippet.end, snippet.start + 2 * context)
    first = min(match.start for match in snippet.matches)
    last = max(match.end for match in snippet.matches)
    text = snippet.text
    start = max(snippet.start, first - context)
    if start > snippet.start:
        space = text.find(" ", start - snippet.start, first - snippet.start)
        start = snippet.start + space + 1 if space != -1 else start
    end = min(snippet.end, last + context)
    if end < snippet.end:
        space = text.rfind(" ", last - snippet.start, end - snippet.start)
        end = snippet.start + space if space != -1 else end
    return start, end


def snippet_line(snippet: Snippet) -> Content:
    """The interesting part of a snippet on one line, its matches highlighted (offsets are document offsets)."""
    start, end = snippet_window(snippet)
    text = Content(one_line(snippet.text[start - snippet.start : end - snippet.start]))
    for match in snippet.matches:
        if match.start >= start and match.end <= end:
            text = text.stylize(MATCH_STYLE, match.start - start, match.end - start)
    lead = f"p. {snippet.page} … " if snippet.page is not None else "… "  # issue 15: the passage's page
    return Content.assemble(Content(lead).stylize(MUTED), text, Content(" …").stylize(MUTED))


def result_prompt(hit: Hit, max_snippets: int = 2) -> Content:
    """A ranked search result: rank and title, details, then up to ``max_snippets`` highlighted snippets."""
    matches = f"{len(hit.matches)} match{'es' if len(hit.matches) != 1 else ''}" if hit.matches else None
    fields = f"matched in {', '.join(hit.matched_fields)}" if hit.matched_fields else None
    parts: list[Content | str] = [
        Content(f"{hit.rank}. ").stylize("bold $text-accent"),
        Content(one_line(hit.title or hit.doc_id)).stylize("bold"),
        "\n",
        _muted_details(hit.outlet, hit.published.isoformat() if hit.published else None, matches, fields, hit.doc_id),
    ]
    for snippet in hit.snippets[:max_snippets]:
        parts += ["\n", snippet_line(snippet)]
    return Content.assemble(*parts)


def group_header(label: str, count: int) -> Content:
    return Content.assemble(Content(one_line(label)).stylize("bold $text-accent"), Content(f"  {count}").stylize(MUTED))


def entity_prompt(entity: EntityRow) -> Content:
    mentions = len(entity.mentions)
    documents = entity.document_count
    return Content.assemble(
        Content(one_line(entity.name)),
        Content(
            f"  {mentions} mention{'s' if mentions != 1 else ''} · {documents} doc{'s' if documents != 1 else ''}"
        ).stylize(MUTED),
    )


def mention_prompt(mention: SpanRef) -> Content:
    return Content.assemble(
        Content(f"“{one_line(mention.text)}”"),
        Content(f"  at {mention.start}").stylize(MUTED),
    )


def document_header(info_title: str, details: list[str | None], trail: str | None, mentions: str | None) -> Content:
    """The reader's header: title, details, and where ``n``/``N`` go."""
    lines: list[Content | str] = [Content(one_line(info_title)).stylize("bold"), "\n", _muted_details(*details)]
    status = [part for part in (trail, mentions) if part]
    if status:
        lines += ["\n", Content(SEPARATOR.join(one_line(part) for part in status)).stylize("$text-accent")]
    return Content.assemble(*lines)
