"""Making extracted text searchable: ligatures spelled out, words split across lines joined, lines tidied.

Applied to text that came out of a layout (PDF, OCR), never to text files, whose text is theirs.
"""

from __future__ import annotations

import re

#: Typographic ligatures (U+FB00–FB06) as the letters they stand for, so "ﬁnance" is found by "finance".
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})

#: A word broken at a line end: letters, a hyphen (or soft hyphen, or PDFium's U+FFFE/U+0002 marker),
#: the line break, then the rest of the word in lower case. "Anglo-\nSaxon" keeps its hyphen.
_HYPHENATED = re.compile(r"(?<=[^\W\d_])[-\u00ad\ufffe\u0002][ \t]*\n[ \t]*(?=([^\W\d_]))")
#: PDFium replaces a line-end hyphen *and* the line break after it by U+FFFE.
_PDFIUM_HYPHEN = re.compile(r"\ufffe(?=([^\W\d_])?)")
#: Soft hyphens and PDFium's hyphen markers that are not at a line end are invisible: dropped.
_INVISIBLE = re.compile(r"[\u00ad\ufffe\u0002]")
_CONTROL = re.compile(r"[\x00\x01\x03-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_layout_text(text: str) -> str:
    """Extracted page text made searchable and plain (newlines normalised, trailing spaces trimmed)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(LIGATURES)
    text = _PDFIUM_HYPHEN.sub(lambda match: "" if match[1] and match[1].islower() else "-\n", text)
    text = _HYPHENATED.sub(lambda match: "" if match[1].islower() else match[0], text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
