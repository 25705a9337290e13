"""Word ``.docx`` and OpenDocument ``.odt``: paragraphs and tables in reading order, then footnotes,
then headers and footers, read straight from their XML parts (inside a :class:`BoundedZip`).

Only text is taken: macros (``vbaProject.bin``), embedded objects and linked files are never opened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from caseview.corpus.formats.dates import pdf_date
from caseview.corpus.formats.extracted import ExtractedText
from caseview.corpus.formats.zipsafe import BoundedZip
from caseview.corpus.textio import UnreadableDocument

# Its version (the text cache's key) is in the registry, caseview/corpus/extraction.py: bump it there
# whenever a change here would change some document's text.

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_DC = "{http://purl.org/dc/elements/1.1/}"
_DCTERMS = "{http://purl.org/dc/terms/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_SKIPPED_W = {_W + "del", _W + "delText", _W + "instrText", _W + "fldData", _MC_FALLBACK}


def _iso_date(value: str | None) -> str:
    return (value or "").strip()


def _tidy(blocks: list[str]) -> str:
    text = "\n\n".join(block.strip() for block in blocks if block.strip())
    return re.sub(r"[ \t]+\n", "\n", text)


# -- Word ------------------------------------------------------------------------------------------


def _w_inline(element: Element, out: list[str]) -> None:
    """Text of a run-level subtree: ``w:t``, tabs, breaks, hyphens and footnote marks."""
    for child in element:
        tag = child.tag
        if tag in _SKIPPED_W:
            continue
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        elif tag in (_W + "footnoteReference", _W + "endnoteReference"):
            out.append(f"[{child.get(_W + 'id', '')}]")
        elif tag == _W + "p":
            out.append("".join(_w_paragraph(child)) + "\n")
        else:
            _w_inline(child, out)


def _w_paragraph(paragraph: Element) -> list[str]:
    out: list[str] = []
    _w_inline(paragraph, out)
    return out


def _w_blocks(container: Element) -> Iterator[str]:
    """Paragraphs and tables of a body, header or note, in document order (a table row per line)."""
    for child in container:
        if child.tag == _W + "p":
            yield "".join(_w_paragraph(child))
        elif child.tag == _W + "tbl":
            rows = []
            for row in child.iter(_W + "tr"):
                cells = [
                    " ".join("".join(_w_paragraph(p)) for p in cell.iter(_W + "p")) for cell in row.iter(_W + "tc")
                ]
                rows.append("\t".join(cell.strip() for cell in cells))
            yield "\n".join(rows)
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "smartTag"):
            yield from _w_blocks(child)


def _w_notes(archive: BoundedZip, part: str, tag: str) -> list[str]:
    if not archive.has(part):
        return []
    notes = []
    for note in archive.xml(part).iter(_W + tag):
        note_id = note.get(_W + "id", "")
        if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        body = " ".join(block.strip() for block in _w_blocks(note) if block.strip())
        if body:
            notes.append(f"[{note_id}] {body}")
    return notes


def docx_to_text(data: bytes) -> ExtractedText:
    archive = BoundedZip(data, "Word")
    if not archive.has("word/document.xml"):
        raise UnreadableDocument("not a Word document (no word/document.xml)")
    body = archive.xml("word/document.xml").find(_W + "body")
    blocks = list(_w_blocks(body)) if body is not None else []
    blocks += _w_notes(archive, "word/footnotes.xml", "footnote")
    blocks += _w_notes(archive, "word/endnotes.xml", "endnote")
    seen: set[str] = set()
    for name in sorted(archive.names, key=lambda name: ("footer" in name, name)):  # headers, then footers
        if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
            text = _tidy(list(_w_blocks(archive.xml(name))))
            if text and text not in seen:  # the same header on every section is said once
                seen.add(text)
                blocks.append(text)
    text = _tidy(blocks)
    if not text.strip():
        raise UnreadableDocument("the Word document has no text")
    title = author = created = None
    if archive.has("docProps/core.xml"):
        core = archive.xml("docProps/core.xml")
        title = (core.findtext(_DC + "title") or "").strip() or None
        author = (core.findtext(_DC + "creator") or "").strip() or None
        created = core.findtext(_DCTERMS + "created")
        if author is not None and author.lower() in _GENERATOR_CREATORS:
            author = None  # the library that wrote the file, not a person
        if (created or "").strip() in _TEMPLATE_CREATED:
            # A program filled its own template, whose creation date it never updates: the date says
            # when the template was made, not this file.
            created = None
    return ExtractedText(text=text, title=title, author=author, published=pdf_date(_compact(created)))


#: Creators that name the library a file was generated with rather than its author.
_GENERATOR_CREATORS = frozenset({"python-docx", "python-pptx", "openpyxl", "docx4j", "phpword"})
#: Creation dates fixed in the templates of libraries that write Word files (python-docx's default
#: template, copied into every file it makes unless the program sets the date).
_TEMPLATE_CREATED = frozenset({"2013-12-23T23:15:00Z"})


def _compact(value: str | None) -> str:
    """``2024-01-31T…`` → ``20240131`` (the form :func:`pdf_date` reads)."""
    return re.sub(r"[^0-9]", "", (value or "")[:10])


# -- OpenDocument ----------------------------------------------------------------------------------

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"


class _OdfWalker:
    def __init__(self) -> None:
        self.notes: list[str] = []

    def inline(self, element: Element, out: list[str]) -> None:
        if element.text:
            out.append(element.text)
        for child in element:
            tag = child.tag
            if tag == _TEXT + "s":
                out.append(" " * int(child.get(_TEXT + "c", "1") or 1))
            elif tag == _TEXT + "tab":
                out.append("\t")
            elif tag == _TEXT + "line-break":
                out.append("\n")
            elif tag == _TEXT + "note":
                citation = (child.findtext(_TEXT + "note-citation") or "").strip()
                out.append(f"[{citation}]")
                body = child.find(_TEXT + "note-body")
                if body is not None:
                    self.notes.append(f"[{citation}] " + " ".join(b.strip() for b in self.blocks(body) if b.strip()))
            elif tag in (_OFFICE + "annotation", _TEXT + "tracked-changes"):
                pass
            else:
                self.inline(child, out)
            if child.tail:
                out.append(child.tail)

    def blocks(self, container: Element) -> Iterator[str]:
        for child in container:
            if child.tag in (_TEXT + "p", _TEXT + "h"):
                out: list[str] = []
                self.inline(child, out)
                yield "".join(out)
            elif child.tag == _TABLE + "table":
                rows = []
                for row in child.iter(_TABLE + "table-row"):
                    cells = [" ".join(self.blocks(cell)).strip() for cell in row.iter(_TABLE + "table-cell")]
                    rows.append("\t".join(cells))
                yield "\n".join(rows)
            elif child.tag in (_TEXT + "tracked-changes", _OFFICE + "forms"):
                continue
            else:
                yield from self.blocks(child)


def odt_to_text(data: bytes) -> ExtractedText:
    archive = BoundedZip(data, "OpenDocument")
    if not archive.has("content.xml"):
        raise UnreadableDocument("not an OpenDocument file (no content.xml)")
    walker = _OdfWalker()
    body = archive.xml("content.xml").find(f"{_OFFICE}body/{_OFFICE}text")
    blocks = list(walker.blocks(body)) if body is not None else []
    text = _tidy(blocks + walker.notes)
    if not text.strip():
        raise UnreadableDocument("the OpenDocument file has no text")
    title = author = created = None
    if archive.has("meta.xml"):
        meta = archive.xml("meta.xml").find(_OFFICE + "meta")
        if meta is not None:
            title = (meta.findtext(_DC + "title") or "").strip() or None
            author = (meta.findtext(_DC + "creator") or meta.findtext(_META + "initial-creator") or "").strip() or None
            created = meta.findtext(_META + "creation-date")
    return ExtractedText(text=text, title=title, author=author, published=pdf_date(_compact(created)))
