"""How the sources list shows formats, pages and documents found inside other documents (issue 15).

An attachment is listed right under the e-mail it came with (and an attachment's attachment under
it), indented; a mailbox's messages stay together in id order. A text file (txt, md, html) says
nothing about its format; everything else says what it is and, with pages, how many.
"""

from __future__ import annotations

from collections.abc import Sequence

from caseview.workspace import DocumentInfo

#: What the analyst calls each extracted format.
FORMAT_LABELS = {
    "pdf": "PDF",
    "docx": "Word",
    "odt": "OpenDocument",
    "rtf": "RTF",
    "epub": "EPUB",
    "eml": "e-mail",
    "msg": "Outlook e-mail",
    "image": "image",
}
#: Indentation per level of nesting, and the mark before a document found inside another.
INDENT = "  "
CHILD_MARK = "↳ "


def format_label(info: DocumentInfo) -> str | None:
    """ "PDF · 12 pages", "Word", "e-mail"; None for plain text, Markdown and HTML (the common case)."""
    label = FORMAT_LABELS.get(info.format)
    if label is None:
        return None
    if info.pages:
        return f"{label} · {info.pages:,} page{'s' if info.pages != 1 else ''}"
    return label


def title_prefix(depth: int) -> str:
    """What goes before the title of a document ``depth`` levels inside another ("" for a file's own)."""
    return INDENT * (depth - 1) + CHILD_MARK if depth else ""


def grouped(documents: Sequence[DocumentInfo]) -> list[tuple[DocumentInfo, int]]:
    """``documents`` with each one inside another placed right after it, and its depth (0 for a file's own).

    Otherwise the order is kept; a document whose parent is not listed (a mailbox's message: the
    mailbox is not a document) keeps its place at depth 0.
    """
    listed = {info.id for info in documents}
    children: dict[str, list[DocumentInfo]] = {}
    roots: list[DocumentInfo] = []
    for info in documents:
        if info.parent is not None and info.parent in listed and info.parent != info.id:
            children.setdefault(info.parent, []).append(info)
        else:
            roots.append(info)
    ordered: list[tuple[DocumentInfo, int]] = []
    seen: set[str] = set()
    stack = [(info, 0) for info in reversed(roots)]
    while stack:
        info, depth = stack.pop()
        if info.id in seen:
            continue
        seen.add(info.id)
        ordered.append((info, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(info.id, [])))
    ordered.extend((info, 0) for info in documents if info.id not in seen)  # a cycle of parents: keep them all
    return ordered
