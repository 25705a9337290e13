"""Passages of a document for selecting in the reader: sentences and paragraphs as document offsets.

Pure functions over ``Document.text`` (str indices, end exclusive). Sentences come from the same
splitter the extraction uses (it knows "U.S." and "Mr." do not end a sentence); a paragraph is a
stretch of text between line breaks.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from caseview.extract.sentences import split_sentences

#: A list marker before a sentence or paragraph ("- ", "• ", "1. ", "a) "): not part of the passage,
#: so a quote selected with ``s``/``p`` reads "The Pentagon said…", not "- The Pentagon said…" (issue 13, bug 5).
_LIST_MARKER = re.compile(r"(?:[-*+•·▪◦‣–—]|\d{1,3}[.)]|[a-z][.)])[ \t]+")


def skip_list_marker(text: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """``span`` without a leading list marker (unchanged when it has none, or is nothing else)."""
    if span is None:
        return None
    start, end = span
    marker = _LIST_MARKER.match(text, start, end)
    if marker is not None and marker.end() < end:
        return marker.end(), end
    return span


def sentence_at(text: str, offset: int) -> tuple[int, int] | None:
    """The sentence holding ``offset`` (or the next one, when ``offset`` is between sentences)."""
    spans = split_sentences(text)
    if not spans:
        return None
    index = bisect_right(spans, (offset, len(text) + 1)) - 1
    if index >= 0 and spans[index][0] <= offset < spans[index][1]:
        return skip_list_marker(text, spans[index])
    return skip_list_marker(text, spans[min(index + 1, len(spans) - 1)])


def sentence_start_after(text: str, offset: int) -> int:
    """Where the first sentence after ``offset`` starts (the end of the text when there is none)."""
    spans = split_sentences(text)
    index = bisect_right(spans, (offset, len(text) + 1))
    return spans[index][0] if index < len(spans) else len(text)


def sentence_start_before(text: str, offset: int) -> int:
    """Where the last sentence starting before ``offset`` starts (0 when there is none)."""
    spans = split_sentences(text)
    index = bisect_right(spans, (offset, -1)) - 1
    return spans[index][0] if index >= 0 else 0


def paragraph_at(text: str, offset: int) -> tuple[int, int] | None:
    """The paragraph (line) holding ``offset``, trimmed of surrounding space; None on a blank line."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end == -1 else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return skip_list_marker(text, (start, end)) if end > start else None


def paragraph_start_after(text: str, offset: int) -> int:
    """The start of the next non-blank paragraph after the one holding ``offset`` (or the text's end)."""
    position = text.find("\n", offset)
    while position != -1:
        following = paragraph_at(text, position + 1)
        if following is not None:
            return following[0]
        position = text.find("\n", position + 1)
    return len(text)


def paragraph_start_before(text: str, offset: int) -> int:
    """The start of the paragraph before ``offset`` (that of its own paragraph when ``offset`` is inside it)."""
    position = offset
    while position > 0:
        line_start = text.rfind("\n", 0, position) + 1
        paragraph = paragraph_at(text, line_start)
        if paragraph is not None and paragraph[0] < offset:
            return paragraph[0]
        position = line_start - 1
    return 0


def word_start_after(text: str, offset: int) -> int:
    """The start of the next word (words are runs of non-space: “it’s” is one) after ``offset``."""
    position = offset
    while position < len(text) and not text[position].isspace():
        position += 1
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def word_start_before(text: str, offset: int) -> int:
    """The start of the word before ``offset`` (or of the word ``offset`` is inside)."""
    position = offset
    while position > 0 and text[position - 1].isspace():
        position -= 1
    while position > 0 and not text[position - 1].isspace():
        position -= 1
    return position
