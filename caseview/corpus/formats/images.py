"""Image files (PNG, JPEG, TIFF): their text by OCR when Tesseract is installed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from caseview.corpus.formats.extracted import ExtractedText
from caseview.corpus.formats.ocr import INSTALL_HINT, OCRFailed, ocr_available, ocr_image_file
from caseview.corpus.textio import UnreadableDocument

# Its version (the text cache's key) is in the registry, caseview/corpus/extraction.py: bump it there
# whenever a change here would change some document's text.

_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def image_to_text(data: bytes) -> ExtractedText:
    if not data.startswith(_SIGNATURES):
        raise UnreadableDocument("not a PNG, JPEG or TIFF image (corrupt, or named for another format)")
    if not ocr_available():
        raise UnreadableDocument(f"an image has no text layer; {INSTALL_HINT} it", "no-text-layer")
    with tempfile.TemporaryDirectory(prefix="caseview-ocr-") as folder:
        image = Path(folder) / "image"
        image.write_bytes(data)
        try:
            text = ocr_image_file(image)
        except OCRFailed as error:
            raise UnreadableDocument(f"OCR failed: {error}") from None
    if not text.strip():
        raise UnreadableDocument("OCR found no text in the image")
    return ExtractedText(text=text)
