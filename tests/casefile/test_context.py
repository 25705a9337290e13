"""Issue 13 (17): a passage's paragraph and the sentences around it, as the memo quotes them."""

from __future__ import annotations

from pathlib import Path

from caseview.casefile.context import passage_context
from caseview.corpus import Document, DocumentMeta

TEXT = (
    "Headline of the story\n"
    "First paragraph opens. The agencies met on Monday. They agreed nothing.\n"
    "\n"
    "Our take\n"
    "The announcement that companies may use the model is a shift. It says more.\n"
)


def _document(text: str) -> Document:
    return Document(
        id="a.txt", path=Path("a.txt"), format="txt", text=text, meta=DocumentMeta(), sha256="0", size=1, mtime_ns=0
    )


def test_a_passage_gets_its_paragraph_and_a_sentence_either_side() -> None:
    start = TEXT.index("The agencies")
    end = start + len("The agencies met on Monday.")
    context = passage_context(_document(TEXT), start, end)
    assert context.paragraph == 2 and context.page is None
    assert context.before == "First paragraph opens. " and context.after == " They agreed nothing."


def test_a_passage_starting_mid_sentence_gets_the_start_of_its_sentence() -> None:
    start = TEXT.index("companies may")
    end = start + len("companies may use the model")
    context = passage_context(_document(TEXT), start, end)
    assert context.paragraph == 4
    assert context.before == "The announcement that "  # not the heading "Our take" above it
    assert context.after == " is a shift. It says more."


def test_headings_are_not_context() -> None:
    start = TEXT.index("First paragraph")
    context = passage_context(_document(TEXT), start, start + len("First paragraph opens."))
    assert context.before == "" and context.after == " The agencies met on Monday."
