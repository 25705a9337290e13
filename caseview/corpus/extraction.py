"""Which reader reads which format, and extraction through the text cache.

A reader turns bytes into :class:`ExtractedText`; this module runs it at most once per (bytes,
extractor version) when a :class:`TextCache` is given, and lists the documents inside a file.

The registry names each reader by module and function and holds its version, so it is imported
only when a file of its format is really read, not when a cached text is looked up (see
ARCHITECTURE.md, "Start-up"): a search that shows a PDF's snippet from the text cache never loads
PDFium, and scanning a folder loads no reader at all.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass

from caseview.corpus.formats.extracted import Embedded, ExtractedText, ReadOptions
from caseview.corpus.formats.ocr import ocr_available
from caseview.corpus.textcache import CachedChild, CachedExtraction, TextCache


@dataclass(frozen=True)
class Extractor:
    """A format's reader and its version.

    The version is bumped whenever a change to the reader would change some document's text (cached
    texts are keyed by it); it lives here, not in the reader, so a cache lookup imports no reader.
    """

    version: str
    read: Callable[[bytes, ReadOptions], ExtractedText]


@dataclass(frozen=True)
class NamedReader:
    """A reader named by its module and function, imported on the first file of its format read."""

    module: str
    function: str
    #: Whether it takes the :class:`ReadOptions` (a PDF's password); the others take the bytes only.
    takes_options: bool = False

    def __call__(self, data: bytes, options: ReadOptions) -> ExtractedText:
        reader: Callable[..., ExtractedText] = getattr(importlib.import_module(self.module), self.function)
        return reader(data, options) if self.takes_options else reader(data)


def _reader(module: str, function: str, takes_options: bool = False) -> NamedReader:
    return NamedReader(f"caseview.corpus.formats.{module}", function, takes_options)


#: Formats whose text is extracted (and cached); txt, md and html are decoded directly (textio).
EXTRACTORS: dict[str, Extractor] = {
    # pdf-2: a metadata title that only names the source file is dropped (cached texts read again).
    "pdf": Extractor("pdf-2", _reader("pdf", "pdf_to_text", takes_options=True)),
    "docx": Extractor("office-1", _reader("office", "docx_to_text")),
    "odt": Extractor("office-1", _reader("office", "odt_to_text")),
    "rtf": Extractor("rtf-1", _reader("rtf", "rtf_to_text")),
    "epub": Extractor("epub-1", _reader("epub", "epub_to_text")),
    "eml": Extractor("eml-1", _reader("mail", "eml_to_text")),
    "mbox": Extractor("mbox-1", _reader("mail", "mbox_to_text")),
    "msg": Extractor("msg-1", _reader("outlook", "msg_to_text")),
    "image": Extractor("image-1", _reader("images", "image_to_text")),
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
