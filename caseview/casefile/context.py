"""Where a cited passage sits in its document, as a reader checks it: paragraph, page and context.

A memo cites a passage the way an editor can check it — "paragraph 4" (and "page 2" in a paged
document), never a character range — and quotes it with the sentence before and the sentence after,
so nobody reads it out of context. Pure functions over a document's text (offsets as everywhere, see
ARCHITECTURE.md, "Text offsets").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from caseview.corpus import Document
from caseview.extract.sentences import split_sentences

#: The most context shown on either side (a sentence longer than this is cut at a word).
CONTEXT_LIMIT = 280


@dataclass(frozen=True)
class PassageContext:
    """A passage's place in its document now: for citing it and for quoting it in context."""

    #: 1-based number of the paragraph (non-blank line) the passage starts in.
    paragraph: int
    #: 1-based page for paged documents (PDF), else None.
    page: int | None = None
    #: The sentence before the passage (and the start of its own sentence when it starts mid-sentence).
    before: str = ""
    #: The rest of the passage's last sentence and the sentence after it.
    after: str = ""


@lru_cache(maxsize=32)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The sentences of a text (a case cites many passages of few documents: split each once)."""
    return split_sentences(text)


def _is_prose(text: str, span: tuple[int, int]) -> bool:
    """A sentence worth quoting as context: it ends as a sentence does (a heading or a byline does not)."""
    return text[span[0] : span[1]].rstrip().endswith((".", "!", "?", ":", '"', "”", "’", "'", ")", "…"))


@lru_cache(maxsize=32)
def _paragraph_ends(text: str) -> tuple[int, ...]:
    """Where each non-blank line of a text ends (the offset of its ``\n``), in order.

    Counting the lines before a passage anew split the text up to it for every passage cited: in a
    1 MB document, more than a millisecond each time the case is shown, per passage.
    """
    ends = []
    position = 0
    for line in text.split("\n")[:-1]:
        position += len(line)
        if line.strip():
            ends.append(position)
        position += 1
    return tuple(ends)


def paragraph_number(text: str, offset: int) -> int:
    """The 1-based number of the paragraph (a non-blank line, as the reader's ``p`` selects) holding ``offset``."""
    # The non-blank lines that end before ``offset``: every line of text[:offset] but its last.
    end = offset if offset >= 0 else max(len(text) + offset, 0)  # as text[:offset] reads a negative one
    return bisect_left(_paragraph_ends(text), end) + 1


def _cut_start(text: str) -> str:
    if len(text) <= CONTEXT_LIMIT:
        return text
    tail = text[-CONTEXT_LIMIT:]
    space = tail.find(" ")
    return "…" + (tail[space + 1 :] if 0 <= space < 40 else tail)


def _cut_end(text: str) -> str:
    if len(text) <= CONTEXT_LIMIT:
        return text
    head = text[:CONTEXT_LIMIT]
    space = head.rfind(" ")
    return (head[:space] if space > CONTEXT_LIMIT - 40 else head) + "…"


def passage_context(document: Document, start: int, end: int) -> PassageContext:
    """The paragraph, page and surrounding sentences of ``document.text[start:end]``."""
    text = document.text
    spans = _sentences(text)
    before = after = ""
    if spans:
        first = max(bisect_right(spans, (start, len(text) + 1)) - 1, 0)
        if spans[first][0] < start < spans[first][1]:
            own = spans[first][0]
            earlier = spans[first - 1] if first > 0 else None
            before_start = earlier[0] if earlier and _is_prose(text, earlier) else own  # its own start and one more
        else:
            # The nearest sentence ending before the passage, looked for from the passage back
            # (not by listing every earlier sentence of the document, once per passage cited).
            previous = next((spans[i] for i in range(first, -1, -1) if spans[i][1] <= start), None)
            before_start = previous[0] if previous and _is_prose(text, previous) else start
        last = max(bisect_right(spans, (end - 1, len(text) + 1)) - 1, 0)
        if spans[last][1] > end:
            after_end = spans[last][1]
            if last + 1 < len(spans) and _is_prose(text, spans[last + 1]):
                after_end = spans[last + 1][1]
        else:
            following = next((spans[i] for i in range(last, len(spans)) if spans[i][0] >= end), None)
            after_end = following[1] if following and _is_prose(text, following) else end
        before = _cut_start(" ".join(text[before_start:start].split()))
        after = _cut_end(" ".join(text[end:after_end].split()))
        # Keep the one space that separated them from the quote, so "said. The" stays two words.
        if before and text[start - 1 : start].isspace():
            before += " "
        if after and text[end : end + 1].isspace():
            after = " " + after
    return PassageContext(
        paragraph=paragraph_number(text, start),
        page=document.page_at(start),
        before=before,
        after=after,
    )
