"""The codebook's rows: a tag with its colour, count and description; a passage with its document and note."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content

from caseview.annotations.codebook import TaggedPassage, TagSummary
from caseview.tui.list_rows import ListRow
from caseview.tui.render import MUTED, one_line, shorten
from caseview.tui.widgets.reader_view import tag_layer

#: The swatch of each tag colour: the same theme colours the reader highlights tagged passages in.
SWATCHES = {
    "tag-0": "$primary-muted",
    "tag-1": "$secondary-muted",
    "tag-2": "$accent-muted",
    "tag-3": "$success-muted",
    "tag-4": "$error-muted",
    "tag-5": "$foreground 20%",
}


def swatch(tag: str) -> Content:
    """Two cells in the colour the reader gives passages whose first tag is ``tag``."""
    return Content("  ").stylize(f"on {SWATCHES[tag_layer([tag])]}")


def tag_row(tag: TagSummary) -> ListRow:
    """``██ name  3 passages · 2 docs`` then the description (muted) on a second line."""
    passages = f"{tag.count} passage{'s' if tag.count != 1 else ''}"
    docs = f"{tag.documents} doc{'s' if tag.documents != 1 else ''}"
    lines: list[Content | str] = [
        swatch(tag.name),
        " ",
        Content(one_line(tag.name)).stylize("bold"),
        Content(f"  {passages} · {docs}").stylize(MUTED),
        "\n",
        Content("   " + (one_line(tag.description) if tag.description else "no description (e)")).stylize(MUTED),
    ]
    return ListRow(key=tag.name, prompt=Content.assemble(*lines), filter_text=f"{tag.name} {tag.description}")


def passage_row(passage: TaggedPassage, titles: Mapping[str, str]) -> ListRow:
    """The quote, then the document's title, and the note when there is one."""
    title = titles.get(passage.doc_id) or passage.doc_id
    lines: list[Content | str] = [
        Content(f"“{shorten(one_line(passage.quote), 200)}”"),
        "\n",
        Content(one_line(title)).stylize("$text-accent"),
        Content(f"  {passage.doc_id} · {passage.start}–{passage.end}").stylize(MUTED),
    ]
    if passage.note:
        lines += ["\n", Content("note: " + shorten(one_line(passage.note), 200)).stylize("italic")]
    return ListRow(
        key=passage.annotation_id,
        prompt=Content.assemble(*lines),
        filter_text=f"{passage.quote} {title} {passage.note or ''}",
    )
