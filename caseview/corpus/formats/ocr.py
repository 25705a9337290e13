"""Optical character recognition through the ``tesseract`` command, when it is installed.

The command is optional (the ``tesseract-ocr`` system package): without it, pages and images without
a text layer are named in one notice per document and the rest of the corpus opens.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from caseview.corpus.formats.textclean import clean_layout_text

#: A page or image that takes longer than this is given up (named, never a hang).
OCR_TIMEOUT_S = 180.0
#: Rendering resolution for scanned PDF pages: Tesseract reads best at about 300 dpi.
OCR_DPI = 300
INSTALL_HINT = "install tesseract-ocr to read"


class OCRFailed(Exception):
    """Tesseract ran but gave no text; the message says why."""


def tesseract_command() -> str | None:
    """The path of ``tesseract``, or None when it is not installed (``$CASEVIEW_TESSERACT`` overrides)."""
    configured = os.environ.get("CASEVIEW_TESSERACT")
    if configured is not None:
        return shutil.which(configured) if configured else None
    return shutil.which("tesseract")


def ocr_available() -> bool:
    return tesseract_command() is not None


def ocr_image_file(path: Path) -> str:
    """The text Tesseract reads in the image at ``path`` (PNG, JPEG, TIFF, PGM…), cleaned for search."""
    command = tesseract_command()
    if command is None:
        raise OCRFailed("tesseract is not installed")
    environment = dict(os.environ, OMP_THREAD_LIMIT="1")  # one core per page: the workers share the machine
    try:
        completed = subprocess.run(
            [command, str(path), "stdout", "-l", "eng", "--psm", "3"],
            capture_output=True,
            timeout=OCR_TIMEOUT_S,
            env=environment,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise OCRFailed(f"tesseract took longer than {OCR_TIMEOUT_S:.0f} s") from None
    except OSError as error:
        raise OCRFailed(f"tesseract could not run: {error.strerror or error}") from None
    if completed.returncode != 0:
        first_line = completed.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        raise OCRFailed(f"tesseract failed ({first_line[0] if first_line else completed.returncode})")
    return clean_layout_text(completed.stdout.decode("utf-8", "replace"))


def ocr_grey_pixels(width: int, height: int, pixels: bytes) -> str:
    """OCR of an 8-bit greyscale raster (rows of ``width`` bytes), passed to Tesseract as a PGM file."""
    with tempfile.TemporaryDirectory(prefix="caseview-ocr-") as folder:
        image = Path(folder) / "page.pgm"
        image.write_bytes(b"P5\n%d %d\n255\n" % (width, height) + pixels)
        return ocr_image_file(image)
