"""The analyst's annotation on a passage, and how to make one from a selection; see ARCHITECTURE.md, offsets.

An annotation remembers *what* was selected three ways, so it can be found again after the document
changes: the quote with 32 characters of context (TextQuoteSelector), the code-point offsets
(TextPositionSelector) and a snapshot of the whole annotated text (TimeState ``cached``). These
three are the original selection and are never rewritten by re-anchoring; where the passage is in
the *current* text is recorded separately in :class:`AnchorState` (``cv:anchor``).
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from typing import Literal, TypedDict, Unpack

from pydantic import BaseModel, ConfigDict, Field, JsonValue, field_validator, model_validator

from caseview.annotations.errors import SpanError
from caseview.corpus import Document

#: Characters of context kept on each side of a quote.
CONTEXT_CHARS = 32

Motivation = Literal[
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
]
NoteFormat = Literal["text/plain", "text/markdown"]
AnchorStatus = Literal["anchored", "moved", "needs-review", "orphaned"]


def utc_now() -> datetime:
    """Now in UTC, to the second (what we write as ``…Z``)."""
    return datetime.now(UTC).replace(microsecond=0)


def new_annotation_id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def new_revision() -> str:
    """A fresh revision token: every change to an annotation gets one, so merges can tell edits apart."""
    return secrets.token_hex(8)


class Creator(BaseModel):
    """Who made an annotation (a W3C ``Person`` agent)."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(min_length=1)


class TextQuote(BaseModel):
    """The selected text and up to 32 characters either side, as they were when it was selected."""

    model_config = ConfigDict(frozen=True)

    exact: str = Field(min_length=1)
    prefix: str = ""
    suffix: str = ""


class TextPosition(BaseModel):
    """Code-point offsets into the annotated text, end exclusive."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> TextPosition:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        return self


class AnchorState(BaseModel):
    """Where the passage is in the document's current text, as last checked (``cv:anchor``).

    ``doc_sha256`` is the hash of the text this was checked against; ``start``/``end`` are offsets
    into that text (absent when orphaned). ``score`` is the confidence in [0, 1].
    """

    model_config = ConfigDict(frozen=True)

    status: AnchorStatus = "anchored"
    score: float = Field(default=1.0, ge=0.0, le=1.0)
    doc_sha256: str
    start: int | None = None
    end: int | None = None
    #: Why re-anchoring decided so, in words for the analyst (empty when it was never re-anchored).
    reason: str = ""
    #: The analyst saw it in the review queue and chose to leave it as it is (out of the queue until
    #: the document changes again).
    dismissed: bool = False


class AnnotationChanges(TypedDict, total=False):
    """What a new revision of an annotation may change (everything else is kept)."""

    tags: tuple[str, ...] | list[str]
    note: str | None
    note_format: NoteFormat
    motivation: Motivation
    anchor: AnchorState
    conflicts: tuple[Annotation, ...]


class Annotation(BaseModel):
    """One annotation on one passage of one document: tags, an optional note, and its target."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=r"^urn:uuid:[0-9a-f-]{36}$")
    doc_id: str = Field(min_length=1)
    motivation: Motivation
    tags: tuple[str, ...] = ()
    note: str | None = None
    note_format: NoteFormat = "text/plain"
    creator: Creator
    created: datetime
    modified: datetime
    quote: TextQuote
    position: TextPosition
    #: When the annotated version of the text was seen (TimeState ``sourceDate``).
    source_date: datetime
    #: Content hash of the annotated text; its snapshot is ``.caseview/snapshots/<hash>.txt``.
    snapshot_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    anchor: AnchorState
    #: Changes with every edit; merges compare it with the revision an edit was based on.
    rev: str = Field(min_length=1)
    #: Other versions of this annotation made concurrently from the same base (kept, never dropped).
    conflicts: tuple[Annotation, ...] = ()
    #: Bodies caseview does not edit (other purposes, a second note…), kept as they were written.
    extra_bodies: tuple[dict[str, JsonValue], ...] = ()
    #: Top-level keys caseview does not know (added by another tool or by hand), kept as they were.
    extra: dict[str, JsonValue] = Field(default_factory=dict)

    @field_validator("tags", mode="before")
    @classmethod
    def _clean_tags(cls, value: object) -> object:
        if isinstance(value, (list, tuple)):
            return normalise_tags(value)
        return value

    @field_validator("created", "modified", "source_date")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        if value.tzinfo is None:
            raise ValueError("timestamps must carry a time zone")
        return value.astimezone(UTC).replace(microsecond=0)

    @property
    def has_conflict(self) -> bool:
        return bool(self.conflicts)

    @property
    def current_span(self) -> tuple[int, int] | None:
        """Offsets of the passage in the text ``anchor.doc_sha256`` names, or None when not located."""
        if self.anchor.start is None or self.anchor.end is None:
            return None
        return self.anchor.start, self.anchor.end

    def revised(self, **changes: Unpack[AnnotationChanges]) -> Annotation:
        """A new revision of this annotation: the changes, a new ``rev`` and ``modified`` now."""
        data = self.model_dump()
        data.update(changes)
        data["rev"] = new_revision()
        data["modified"] = max(utc_now(), self.created)
        return Annotation.model_validate(data)


def normalise_tags(tags: object) -> tuple[str, ...]:
    """Tags stripped of surrounding space, empty ones refused, duplicates dropped (first kept)."""
    cleaned: list[str] = []
    for tag in tags:  # type: ignore[attr-defined]
        if not isinstance(tag, str):
            raise ValueError(f"a tag must be text, not {type(tag).__name__}")
        tag = " ".join(tag.split())
        if not tag:
            raise ValueError("a tag cannot be empty")
        if any(ord(ch) < 32 for ch in tag):
            raise ValueError(f"a tag cannot contain control characters: {tag!r}")
        if tag not in cleaned:
            cleaned.append(tag)
    return tuple(cleaned)


def default_motivation(tags: tuple[str, ...], note: str | None) -> Motivation:
    """``tagging`` when there are tags, ``commenting`` for a note alone, else ``highlighting``."""
    if tags:
        return "tagging"
    if note:
        return "commenting"
    return "highlighting"


def quote_for_span(text: str, start: int, end: int) -> TextQuote:
    """The TextQuoteSelector of ``text[start:end]``: the exact text and 32 characters of context."""
    return TextQuote(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def check_span(document: Document, start: int, end: int) -> None:
    """Raise :class:`SpanError` unless ``start:end`` is a non-empty span inside the document."""
    length = len(document.text)
    if start < 0 or end > length:
        raise SpanError(f"span {start}:{end} is outside {document.id}, whose text has {length} characters (0:{length})")
    if end <= start:
        raise SpanError(f"span {start}:{end} is empty: the end must be greater than the start")
    if not document.text[start:end].strip():
        raise SpanError(f"span {start}:{end} of {document.id} holds only white space")


def find_quote(document: Document, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Offsets of the ``occurrence``-th (1 = first) appearance of ``quote`` in the document."""
    if not quote.strip():
        raise SpanError("the quote is empty")
    if occurrence < 1:
        raise SpanError(f"occurrence must be 1 or more (1 = first), not {occurrence}")
    found = 0
    index = document.text.find(quote)
    while index != -1:
        found += 1
        if found == occurrence:
            return index, index + len(quote)
        index = document.text.find(quote, index + 1)
    if found == 0:
        raise SpanError(f"the quote {_short(quote)} is not in {document.id}")
    raise SpanError(
        f"the quote {_short(quote)} appears {found} time{'s' if found > 1 else ''} in {document.id}, "
        f"so there is no occurrence {occurrence}"
    )


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def annotation_for_span(
    document: Document,
    start: int,
    end: int,
    *,
    creator: Creator,
    tags: tuple[str, ...] | list[str] = (),
    note: str | None = None,
    note_format: NoteFormat = "text/plain",
    motivation: Motivation | None = None,
) -> Annotation:
    """A new annotation on ``document.text[start:end]``; refuses empty or out-of-range spans."""
    check_span(document, start, end)
    try:
        clean_tags = normalise_tags(tags)
    except ValueError as error:
        raise SpanError(str(error)) from None
    note = note if note and note.strip() else None
    now = utc_now()
    return Annotation(
        id=new_annotation_id(),
        doc_id=document.id,
        motivation=motivation or default_motivation(clean_tags, note),
        tags=clean_tags,
        note=note,
        note_format=note_format,
        creator=creator,
        created=now,
        modified=now,
        quote=quote_for_span(document.text, start, end),
        position=TextPosition(start=start, end=end),
        source_date=now,
        snapshot_sha256=document.sha256,
        anchor=AnchorState(status="anchored", score=1.0, doc_sha256=document.sha256, start=start, end=end),
        rev=new_revision(),
    )


def annotation_for_quote(
    document: Document,
    quote: str,
    occurrence: int = 1,
    *,
    creator: Creator,
    tags: tuple[str, ...] | list[str] = (),
    note: str | None = None,
    note_format: NoteFormat = "text/plain",
    motivation: Motivation | None = None,
) -> Annotation:
    """A new annotation on the ``occurrence``-th appearance of ``quote`` (1 = first)."""
    start, end = find_quote(document, quote, occurrence)
    return annotation_for_span(
        document, start, end, creator=creator, tags=tags, note=note, note_format=note_format, motivation=motivation
    )
