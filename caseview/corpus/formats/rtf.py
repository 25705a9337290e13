"""RTF: its text through striprtf (control words dropped; embedded objects and pictures ignored)."""

from __future__ import annotations

import re

from striprtf.striprtf import rtf_to_text as strip_rtf

from caseview.corpus.formats.extracted import ExtractedText
from caseview.corpus.textio import UnreadableDocument, normalise_newlines

# Its version (the text cache's key) is in the registry, caseview/corpus/extraction.py: bump it there
# whenever a change here would change some document's text.


def _info(source: str, field: str) -> str | None:
    match = re.search(r"\{\\" + field + r"\s+([^{}\\]*)\}", source)
    return match[1].strip() or None if match else None


def rtf_to_text(data: bytes) -> ExtractedText:
    if not data.lstrip().startswith(b"{\\rtf"):
        raise UnreadableDocument("not an RTF file (it does not start with {\\rtf)")
    # RTF is 7-bit text with escapes for everything else; cp1252 is its default code page.
    source = data.decode("cp1252", "replace")
    try:
        text: str = strip_rtf(source, errors="ignore")  # type: ignore[no-untyped-call]  # striprtf is unannotated
    except (ValueError, IndexError, RecursionError):
        raise UnreadableDocument("not a readable RTF file (corrupt or truncated)") from None
    lines = [line.rstrip() for line in normalise_newlines(text).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    if not text.strip():
        raise UnreadableDocument("the RTF file has no text")
    return ExtractedText(text=text, title=_info(source, "title"), author=_info(source, "author"))
