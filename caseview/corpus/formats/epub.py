"""EPUB: the chapters in spine order, each as the visible text of its XHTML (scripts never run)."""

from __future__ import annotations

import posixpath
from urllib.parse import unquote

from caseview.corpus.formats.dates import pdf_date
from caseview.corpus.formats.extracted import ExtractedText
from caseview.corpus.formats.web import html_to_text
from caseview.corpus.formats.zipsafe import BoundedZip
from caseview.corpus.textio import UnreadableDocument

# Its version (the text cache's key) is in the registry, caseview/corpus/extraction.py: bump it there
# whenever a change here would change some document's text.

_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"


def epub_to_text(data: bytes) -> ExtractedText:
    archive = BoundedZip(data, "EPUB")
    if not archive.has("META-INF/container.xml"):
        raise UnreadableDocument("not an EPUB (no META-INF/container.xml)")
    rootfile = archive.xml("META-INF/container.xml").find(f".//{_CONTAINER}rootfile")
    opf_path = rootfile.get("full-path") if rootfile is not None else None
    if not opf_path:
        raise UnreadableDocument("not an EPUB (its container names no package file)")
    package = archive.xml(opf_path)
    base = posixpath.dirname(opf_path)
    manifest = {
        item.get("id", ""): item.get("href", "")
        for item in package.iter(_OPF + "item")
        if "html" in (item.get("media-type") or "")
    }
    chapters: list[str] = []
    for itemref in package.iter(_OPF + "itemref"):
        href = manifest.get(itemref.get("idref", ""))
        if not href:
            continue
        name = posixpath.normpath(posixpath.join(base, unquote(href)))
        if not archive.has(name):
            continue
        chapter = html_to_text(archive.read(name).decode("utf-8", "replace")).text
        if chapter.strip():
            chapters.append(chapter)
    text = "\n\n".join(chapters)
    if not text.strip():
        raise UnreadableDocument("the EPUB has no text")
    metadata = package.find(_OPF + "metadata")
    title = author = created = None
    if metadata is not None:
        title = (metadata.findtext(_DC + "title") or "").strip() or None
        author = (metadata.findtext(_DC + "creator") or "").strip() or None
        created = metadata.findtext(_DC + "date")
    published = pdf_date("".join(ch for ch in (created or "")[:10] if ch.isdigit())) if created else None
    return ExtractedText(text=text, title=title, author=author, published=published)
