"""The publisher a document credits where no byline or metadata names it.

Two places say it in most news copy: a wire dateline names its agency in parentheses
("BRACKWELL, Oregon (Northwest Wire) -"), and a page's footer holds its copyright line
("© 2026 Valley Courier", "Copyright 2026 The Associated Press. All rights reserved."). Both are read
only where they stand — the head for the dateline, the last lines for the copyright — so a quotation
in the story never names its outlet.
"""

from __future__ import annotations

import re

#: "CITY, Region (Agency) -": capitals for the place, a short capitalised name in parentheses, a dash.
_WIRE_DATELINE_RE = re.compile(
    r"^[ \t]*[A-Z][A-Z.'’ -]{1,40}(?:,[ \t]*[A-Z][\w.'’ -]{1,30})?[ \t]+"
    r"\((?P<outlet>[A-Z][\w&.'’ -]{1,40}?)\)[ \t]*[-–—]",
    re.MULTILINE,
)
_COPYRIGHT_RE = re.compile(
    r"(?:©|\([cC]\)|\bCopyright\b)[ \t]*(?:©[ \t]*)?(?:\d{4}(?:[ \t]*[-–][ \t]*\d{4})?,?[ \t]+)?"
    r"(?P<holder>[A-Z][\w&.'’ -]{1,60}?)[ \t]*(?:[.,;|][ \t]*(?:All rights reserved)?.*)?$",
    re.MULTILINE,
)
_CREDIT_LINE_RE = re.compile(r"[ \t]*(?:photo|image|illustration|picture|graphic|credit|video)s?\b", re.IGNORECASE)
_HEAD_CHARS = 1500
_TAIL_CHARS = 600
#: Holders that name no publisher ("© Getty Images" is a photo credit).
_NOT_A_PUBLISHER = frozenset({"getty images", "shutterstock", "alamy", "istock", "the author", "the authors"})


def dateline_credit(text: str) -> str | None:
    """The agency a wire dateline names: "Northwest Wire" in "BRACKWELL, Oregon (Northwest Wire) -"."""
    match = _WIRE_DATELINE_RE.search(text, 0, min(len(text), _HEAD_CHARS))
    return match.group("outlet").strip() if match else None


def copyright_holder(text: str) -> str | None:
    """The publisher a copyright line in the last lines names: "Valley Courier" in "© 2026 Valley Courier"."""
    tail_start = max(0, len(text) - _TAIL_CHARS)
    holder = None
    for match in _COPYRIGHT_RE.finditer(text, tail_start):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if _CREDIT_LINE_RE.match(text, line_start):
            continue  # "Photo: © Jane Doe": who took a picture, not who published the page
        name = match.group("holder").strip(" .-")
        if name and name.lower() not in _NOT_A_PUBLISHER and not name.lower().startswith("all rights"):
            holder = name  # the last one: a footer's line, after any photo credit
    return holder
