"""The status line's indexing progress: files done of files to read, and the pages of the PDF being read (issue 15)."""

from __future__ import annotations

import re

from caseview.tui.render import one_line, shorten
from caseview.workspace.ingest import PAGE_PROGRESS

_PAGES = re.compile(
    re.escape(PAGE_PROGRESS)
    .replace(re.escape("{file}"), r"(?P<file>.*)")
    .replace(re.escape("{page}"), r"(?P<page>[\d,]+)")
    .replace(re.escape("{pages}"), r"(?P<pages>[\d,]+)")
)
#: Characters of the file name shown while its pages are read.
FILE_CHARS = 28


def index_progress(done: int, total: int, current: str) -> str:
    """ "indexing 3/10 (30%)", with " · report.pdf page 40/300" while a long document's pages are read."""
    percent = f" ({done * 100 // total}%)" if total else ""
    text = f"indexing {done:,}/{total:,}{percent}"
    match = _PAGES.fullmatch(current)
    if match:
        text += f" · {one_line(shorten(match['file'], FILE_CHARS))} page {match['page']}/{match['pages']}"
    return text
