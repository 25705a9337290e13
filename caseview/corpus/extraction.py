"""Which reader reads which format, and extraction through the text cache.

A reader turns bytes into :class:`ExtractedText`; this module runs it at most once per (bytes,
extractor version) when a :class:`TextCache` is given, and lists the documents inside a file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from caseview.corpus.formats import epub, images, mail, office, outlook, pdf, rtf
from caseview.corpus.formats.extracted import Embedded, ExtractedText, ReadOptions
from caseview.corpus.formats.ocr import ocr_available
from caseview.corpus.textcache import CachedChild, CachedExtraction, TextCache


@dataclass(frozen=True)
class Extractor:
    """A format's reader and its version (bumped when a change would change some document's text)."""

    version: str
    read: Callable[[bytes, ReadOptions], ExtractedText]


def _bytes_only(read: Callable[[bytes], ExtractedText]) -> Callable[[bytes, ReadOptions], ExtractedText]:
    return lambda data, _options: read(data)


#: Formats whose text is extracted (and cached); txt, md and html are decoded directly (textio).
EXTRACTORS: dict[str, Extractor] = {
    "pdf": Extractor(pdf.EXTRACTOR_VERSION, pdf.pdf_to_text),
    "docx": Extractor(office.EXTRACTOR_VERSION, _bytes_only(office.docx_to_text)),
    "odt": Extractor(office.EXTRACTOR_VERSION, _bytes_only(office.odt_to_text)),
    "rtf": Extractor(rtf.EXTRACTOR_VERSION, _bytes_only(rtf.rtf_to_text)),
    "epub": Extractor(epub.EXTRACTOR_VERSION, _bytes_only(epub.epub_to_text)),
    "eml": Extractor(mail.EML_EXTRACTOR_VERSION, _bytes_only(mail.eml_to_text)),
    "mbox": Extractor(mail.MBOX_EXTRACTOR_VERSION, _bytes_only(mail.mbox_to_text)),
    "msg": Extractor(outlook.EXTRACTOR_VERSION, _bytes_only(outlook.msg_to_text)),
    "image": Extractor(images.EXTRACTOR_VERSION, _bytes_only(images.image_to_text)),
}

#: File suffix → document format.
DOCUMENT_FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".eml": "eml",
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
    ".rtf": "rtf",
    ".epub": "epub",
    ".msg": "msg",
    ".mbox": "mbox",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}
#: Formats that hold documents but have no text of their own.
CONTAINER_ONLY = frozenset({"mbox"})


def format_of(name: str) -> str | None:
    return DOCUMENT_FORMATS.get(os.path.splitext(name)[1].lower())


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Extraction:
    """One file's (or embedded document's) extracted text; ``embedded`` is None when it came from the cache."""

    record: CachedExtraction
    embedded: dict[str, Embedded] | None


def _record(extracted: ExtractedText) -> CachedExtraction:
    return CachedExtraction(
        text=extracted.text,
        title=extracted.title,
        author=extracted.author,
        published=extracted.published,
        extra=extracted.extra,
        pages=extracted.pages,
        notices=tuple(extracted.notices),
        children=tuple(CachedChild(step=item.step, filename=item.filename) for item in extracted.embedded),
        ocr_pending=extracted.ocr_pending,
    )


def cached_record(fmt: str, key: str, cache: TextCache | None) -> CachedExtraction | None:
    """The stored extraction for ``key``, unless absent or waiting for an OCR that is now possible."""
    if cache is None:
        return None
    record = cache.get(key, EXTRACTORS[fmt].version)
    if record is None or (record.ocr_pending and ocr_available()):
        return None
    return record


def extract(fmt: str, data: bytes, key: str, options: ReadOptions, cache: TextCache | None) -> Extraction:
    """Extract (or fetch from the cache) the text of ``data``; raises UnreadableDocument when it has none."""
    record = cached_record(fmt, key, cache)
    if record is not None:
        return Extraction(record, None)
    extracted = EXTRACTORS[fmt].read(data, options)
    record = _record(extracted)
    if cache is not None:
        cache.put(key, EXTRACTORS[fmt].version, record)
    return Extraction(record, {item.step: item for item in extracted.embedded})
