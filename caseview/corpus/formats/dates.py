"""Dates as document formats write them: PDF's ``D:20240131…``, which Office and EPUB dates are read as too.

Apart from the PDF reader, so the Office and EPUB readers do not load PDFium to read a date.
"""

from __future__ import annotations

import re
from datetime import date


def pdf_date(value: str) -> date | None:
    """A PDF date string (``D:20240131…``) as a date, or None when it is not one."""
    match = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?", value.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return None
