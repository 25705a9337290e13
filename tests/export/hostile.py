"""A document whose text tries everything: Markdown, HTML, table pipes, formulas, line breaks."""

from __future__ import annotations

from pathlib import Path

from caseview.casefile import CaseService

HOSTILE_DOC = "hostile.txt"
HOSTILE_QUOTE = (
    "**bold** _em_ [link](http://evil.example) <script>alert('x')</script> <img src=x onerror=alert(1)>\n"
    "# not a heading\n"
    "- not a list | a pipe | another\n"
    "1. not numbered `code` &amp; \\ backslash ~~strike~~ [@click=app.quit]\n"
    "    four spaces are not code\n"
    "> not a quote\n"
    "---"
)
FORMULA_QUOTE = '=HYPERLINK("http://evil.example","click")'


def write_hostile_document(root: Path) -> None:
    text = (
        "Hostile article\n" + HOSTILE_QUOTE + "\n\n" + FORMULA_QUOTE + "\n"
        "+1 and -1 and @SUM(A1:A9) start these lines.\n"
    )
    (root / HOSTILE_DOC).write_text(text, encoding="utf-8")


def add_hostile_items(service: CaseService) -> None:
    service.set_header(title="<b>Case</b> | *title*", summary="Summary with <i>html</i> and | pipes\n# and a hash line")
    passage = service.add_passage(
        HOSTILE_DOC,
        quote=HOSTILE_QUOTE,
        tags=["<tag>", "a|b", "=cmd"],
        annotation_note="note with **stars**\nand <br> a second line",
        section="<script>alert(1)</script>",
    )
    formula = service.add_passage(HOSTILE_DOC, quote=FORMULA_QUOTE, note="@SUM(1+1)")
    service.add_passage(HOSTILE_DOC, quote="+1 and -1", note="-2+3")
    service.link(passage.id, formula.id, "contradicts", note="a | b | c\nsecond line")
