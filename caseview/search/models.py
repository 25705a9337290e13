"""What a search returns: ranked hits whose matches are offsets into the document text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch ``text[start:end]`` of a document to mark as matched, handed to the highlighter."""

    start: int
    end: int


#: Passages of one document the index cannot see but a hit should show as matched (entity mentions,
#: tagged or noted passages): called with the document's id and its text, once per hit shown.
ExtraSpans = Callable[[str, str], Sequence[Span]]


class Match(BaseModel):
    """One matched word or phrase: ``text[start:end]`` of the document is exactly the match."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int


class Snippet(BaseModel):
    """A window of document text around matches; ``start``/``end`` are offsets into the document."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int
    end: int
    matches: list[Match]
    #: The page of a paged document (PDF) the snippet starts on; None for a document without pages.
    page: int | None = None


class Hit(BaseModel):
    model_config = ConfigDict(frozen=True)

    doc_id: str
    title: str
    outlet: str | None
    published: date | None
    score: float
    rank: int
    #: Every match in the body text, in document order (empty when only another field matched).
    matches: list[Match]
    snippets: list[Snippet]
    #: Fields other than the body that matched (e.g. "title", "tag"), to explain a hit with no body match.
    matched_fields: list[str]


class SearchResults(BaseModel):
    model_config = ConfigDict(frozen=True)

    query: str
    #: Number of matching documents (an estimate on very large indexes; see ``total_is_estimate``).
    total: int
    total_is_estimate: bool
    hits: list[Hit]
    #: True when a time limit or bounded prefix/fuzzy expansion may have left better results out.
    partial: bool
    partial_reason: str | None
    elapsed_ms: float
