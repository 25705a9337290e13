"""What every format reader returns: the text, where its pages start, what the file said about itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from caseview.corpus.problems import Notice


@dataclass(frozen=True)
class Embedded:
    """A document inside another one (an attachment, a mailbox message), read only when needed."""

    #: The id step naming it inside its container (``/report.pdf``, ``#a@b``), already escaped.
    step: str
    #: Its own file name, whose suffix says its format (a mailbox message is ``message.eml``).
    filename: str
    #: Its bytes; called once, when the embedded document is read.
    load: Callable[[], bytes]


@dataclass
class ExtractedText:
    """Text pulled out of a structured file, with any metadata the file itself carried."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: Code-point offsets where each page starts (paged formats only).
    pages: tuple[int, ...] = ()
    #: Caveats for the analyst, one line each ("4 pages have no text layer; …").
    notices: list[Notice] = field(default_factory=list)
    #: Documents inside this one (attachments, messages).
    embedded: list[Embedded] = field(default_factory=list)
    #: Some pages or images went unread only because Tesseract is not installed (read again once it is).
    ocr_pending: bool = False


@dataclass(frozen=True)
class ReadOptions:
    """What a reader may need beyond the bytes: a password, the nesting depth it is read at."""

    password: str | None = None
    depth: int = 0
