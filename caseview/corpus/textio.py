"""Bytes → document text, by the one rule every offset depends on (see ARCHITECTURE.md, "Text offsets").

UTF-8 (a leading BOM is dropped), else cp1252 with a note; ``\\r\\n`` and ``\\r`` become ``\\n``;
nothing else is changed, so every offset into the text is stable and reproducible.
"""

from __future__ import annotations

import codecs

from caseview.corpus.problems import ProblemKind


class UnreadableDocument(Exception):
    """A file that cannot become document text; the message says why, for the analyst."""

    def __init__(self, message: str, kind: ProblemKind = "unreadable") -> None:
        super().__init__(message)
        self.kind: ProblemKind = kind


#: Bytes that never occur in text files: NUL and most C0 controls (tab, LF, FF, CR, ESC excepted).
_BINARY_CONTROL = set(range(9)) | {11} | set(range(14, 27)) | set(range(28, 32))


def looks_binary(data: bytes) -> bool:
    """True for data that is clearly not text: a NUL byte, or many control bytes, near the start."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _BINARY_CONTROL)
    return controls > max(8, len(head) // 100)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; the only change made to document text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_document_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes to normalised text; returns ``(text, encoding)``.

    Raises :class:`UnreadableDocument` for binary, empty or undecodable data.
    """
    if not data.strip():
        raise UnreadableDocument("the file is empty")
    if looks_binary(data):
        raise UnreadableDocument("binary content, not text (is it an image or archive with a text extension?)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return normalise_newlines(data.decode("cp1252")), "cp1252"
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            f"neither UTF-8 nor cp1252 (undecodable byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None
