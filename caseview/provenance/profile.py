"""A document's provenance profile: the features computed once per document and shared by every step."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from caseview.provenance.features import Quote, names, numbers, quotes, shingle_hashes, sketch, words
from caseview.provenance.models import Citation, SourceText
from caseview.provenance.outlets import canonical_outlet


@dataclass(frozen=True, eq=False)
class Profile:
    """What pair detection and origin tracing need of one document."""

    source: SourceText
    outlet: str | None
    #: SHA-256 of the text's words (case and spacing ignored): equal for exact copies.
    fingerprint: str
    sketch: frozenset[int]
    quotes: tuple[Quote, ...]
    numbers: frozenset[str]
    #: Names, lowercased → as first written.
    names: dict[str, str]
    citations: tuple[Citation, ...]

    @property
    def doc_id(self) -> str:
        return self.source.doc_id

    @property
    def cited_outlets(self) -> frozenset[str]:
        """Outlets cited as a source, other than the document's own."""
        return frozenset(c.source for c in self.citations if c.kind == "outlet" and not c.own)

    def citation_count(self, outlet: str) -> int:
        return sum(1 for c in self.citations if c.kind == "outlet" and c.source == outlet and not c.own)


def build_profile(source: SourceText, citations: Sequence[Citation]) -> Profile:
    text = source.text
    return Profile(
        source=source,
        outlet=canonical_outlet(source.outlet),
        fingerprint=hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest(),
        sketch=sketch(shingle_hashes(text)),
        quotes=tuple(quotes(text)),
        numbers=frozenset(numbers(text)),
        names=names(text),
        citations=tuple(citations),
    )
