"""The document model: one file of the corpus, its normalised text and its metadata."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict, Field

from caseview.corpus.pages import page_at
from caseview.corpus.problems import ProblemKind
from caseview.corpus.pubdate import DatePrecision, PublicationDate, published_label

#: URI scheme prefix for stable document ids, used as the W3C annotation ``target.source``.
DOC_URI_PREFIX = "urn:caseview:doc:"


def doc_uri(doc_id: str) -> str:
    """The URI form of a document id: ``urn:caseview:doc:`` + the percent-encoded relative path."""
    return DOC_URI_PREFIX + quote(doc_id, safe="/")


def doc_id_for(path: Path, root: Path) -> str:
    """A document's stable id: its path relative to the corpus root, in POSIX form."""
    return PurePosixPath(path.relative_to(root).as_posix()).as_posix()


def text_sha256(text: str) -> str:
    """The content hash of normalised text (UTF-8), used to notice a document changed."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class DocumentMeta(BaseModel):
    """What we know about a document beyond its text. Every field may be unknown."""

    model_config = ConfigDict(frozen=True)

    title: str = ""
    outlet: str | None = None
    #: The first day of the publication date (kept a plain date for the search index, panes and
    #: exports); ``published_precision`` says whether the day, only the month or only the year is known.
    published: date | None = None
    published_precision: DatePrecision = "day"
    #: A lower bound when the date itself is unknown ("relays a report of 2026-04-29"): orders, never dates.
    published_after: date | None = None
    #: How the date is known ("URL carries the date", "dateline", "meta.json", ...).
    date_source: str | None = None
    url: str | None = None
    author: str | None = None
    #: Where the title came from: "sidecar", "front-matter", "html", "email", "inferred", "filename".
    title_source: str = "inferred"

    @property
    def publication(self) -> PublicationDate | None:
        """The publication date with its precision, or None when undated."""
        if self.published is None:
            return None
        return PublicationDate(value=self.published, precision=self.published_precision)

    @property
    def published_label(self) -> str:
        """ "2026-04-17", "April 2026", "not before 2026-04-29" or "undated"."""
        return published_label(self.published, self.published_precision, self.published_after)


class Document(BaseModel):
    """One readable document: the text every offset in caseview points into (see ARCHITECTURE.md, "Text offsets")."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Path relative to the corpus root, POSIX form.")
    path: Path
    format: str = Field(
        description="txt, md, html, eml, pdf, docx, odt, rtf, epub, msg, image (see loader.FORMAT_NAMES)"
    )
    text: str
    meta: DocumentMeta
    sha256: str
    size: int = Field(description="Size of the file on disk in bytes.")
    mtime_ns: int
    #: Set when the bytes were not UTF-8 and were decoded as cp1252.
    encoding: str = "utf-8"
    #: Code-point offsets where each page starts (the first is 0), for paged formats (PDF); empty otherwise.
    pages: tuple[int, ...] = ()
    #: The id of the document this one was found in (an e-mail's attachment, a mailbox's message).
    parent: str | None = None

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding ``offset``, or None for a document without pages."""
        return page_at(self.pages, offset)

    @property
    def uri(self) -> str:
        return doc_uri(self.id)

    @property
    def title(self) -> str:
        return self.meta.title or self.id


class CorpusWarning(BaseModel):
    """A file that was skipped or read with a caveat, said once and clearly."""

    model_config = ConfigDict(frozen=True)

    path: str = Field(description="Path relative to the corpus root (or as given, if outside).")
    reason: str
    skipped: bool = True
    kind: ProblemKind = "unreadable"

    def __str__(self) -> str:
        verb = "skipped" if self.skipped else "note"
        return f"{self.path}: {verb}: {self.reason}"
