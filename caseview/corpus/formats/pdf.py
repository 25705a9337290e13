"""PDF: the text layer page by page (PDFium through pypdfium2), OCR for pages that have none.

Reading order is PDFium's. Nothing in the file is run: no form environment is initialised, so
PDFium never executes the document's JavaScript, and links or external references are not followed.
"""

from __future__ import annotations

import re
import threading

import pypdfium2
import pypdfium2.raw as pdfium_c

from caseview.corpus.formats.dates import pdf_date
from caseview.corpus.formats.extracted import ExtractedText, ReadOptions
from caseview.corpus.formats.ocr import INSTALL_HINT, OCR_DPI, OCRFailed, ocr_available, ocr_grey_pixels
from caseview.corpus.formats.textclean import clean_layout_text
from caseview.corpus.pages import join_pages
from caseview.corpus.problems import Notice
from caseview.corpus.progress import page_done
from caseview.corpus.textio import UnreadableDocument

# Its version (the text cache's key) is in the registry, caseview/corpus/extraction.py: bump it there
# whenever a change here would change some document's text.

#: More pages than this is not a document an analyst reads; named and skipped.
MAX_PAGES = 20_000

# PDFium is not thread-safe: one document at a time per process (the index workers are processes).
_PDFIUM_LOCK = threading.Lock()


def _open(data: bytes, password: str | None) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data, password=password)
    except pypdfium2.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            if password:
                raise UnreadableDocument(
                    "encrypted, and the password in its .meta.json is wrong", "encrypted"
                ) from None
            raise UnreadableDocument(
                'encrypted; give the password as "password" in its .meta.json to read it', "encrypted"
            ) from None
        if error.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise UnreadableDocument("encrypted with an unsupported security handler", "encrypted") from None
        raise UnreadableDocument("not a readable PDF (corrupt or truncated)") from None


def _has_images(page: pypdfium2.PdfPage) -> bool:
    return next(iter(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4)), None) is not None


def _ocr_page(page: pypdfium2.PdfPage) -> str:
    bitmap = page.render(scale=OCR_DPI / 72, grayscale=True)
    try:
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        raw = bytes(bitmap.buffer)
    finally:
        bitmap.close()
    pixels = raw if stride == width else b"".join(raw[row * stride : row * stride + width] for row in range(height))
    return ocr_grey_pixels(width, height, pixels)


def pdf_to_text(data: bytes, options: ReadOptions) -> ExtractedText:
    """The text of every page, pages joined by a blank line, with where each page starts."""
    with _PDFIUM_LOCK:
        document = _open(data, options.password)
        try:
            return _read_pages(document)
        finally:
            document.close()


def _read_pages(document: pypdfium2.PdfDocument) -> ExtractedText:
    count = len(document)
    if count > MAX_PAGES:
        raise UnreadableDocument(f"{count:,} pages, more than the {MAX_PAGES:,} caseview reads", "limit")
    can_ocr = ocr_available()
    texts: list[str] = []
    unread: list[int] = []
    failed: list[str] = []
    for number in range(1, count + 1):
        page = document[number - 1]
        try:
            textpage = page.get_textpage()
            try:
                text = clean_layout_text(textpage.get_text_range())
            finally:
                textpage.close()
            if not text.strip() and _has_images(page):
                if can_ocr:
                    try:
                        text = _ocr_page(page)
                    except OCRFailed as error:
                        failed.append(f"page {number}: {error}")
                else:
                    unread.append(number)
        except pypdfium2.PdfiumError:
            failed.append(f"page {number}: cannot be read")
            text = ""
        finally:
            page.close()
        texts.append(text)
        page_done(number, count)
    text, pages = join_pages(texts)
    notices: list[Notice] = []
    if unread:
        many = len(unread) > 1
        notices.append(
            Notice(
                kind="no-text-layer",
                message=f"{len(unread)} page{'s have' if many else ' has'} no text layer; "
                f"{INSTALL_HINT} {'them' if many else 'it'}",
            )
        )
    if failed:
        notices.append(
            Notice(kind="partial", message=f"text not read on {len(failed)} page(s): " + "; ".join(failed[:3]))
        )
    metadata = document.get_metadata_dict(skip_empty=True)
    if not text.strip():
        if unread:
            raise UnreadableDocument(notices[0].message, "no-text-layer")
        raise UnreadableDocument("the PDF has no text")
    return ExtractedText(
        text=text,
        title=_meaningful_title(metadata.get("Title")),
        author=_meaningful(metadata.get("Author")),
        published=pdf_date(metadata.get("CreationDate", "")),
        pages=pages,
        notices=notices,
        ocr_pending=bool(unread),
    )


#: A metadata title that only names the file the PDF was made from ("memo.html", "draft.docx",
#: "Microsoft Word - draft.docx", a file: URL): what a printer driver or a browser's "save as PDF"
#: writes, never the document's title. The first line of the text says more.
_FILE_NAME_TITLE = re.compile(
    r"^microsoft (?:word|powerpoint|excel) - |^file:|^[a-z]:\\|^/"
    r"|\.(?:html?|docx?|odt|rtf|txt|pdf|pptx?|xlsx?|md)$",
    re.IGNORECASE,
)


def _meaningful_title(value: str | None) -> str | None:
    """The metadata title, unless it is a placeholder or only the name of the file it was made from."""
    title = _meaningful(value)
    if title is None or _FILE_NAME_TITLE.search(title):
        return None
    return title


def _meaningful(value: str | None) -> str | None:
    """A metadata value, unless it is a PDF writer's placeholder ("untitled", "anonymous")."""
    if not value or value.strip().lower() in {"untitled", "anonymous", "unknown", "unspecified"}:
        return None
    return value.strip()
