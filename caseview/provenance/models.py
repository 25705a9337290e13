"""The typed results of provenance analysis: citations, rewrite pairs, aligned passages and origins.

Offsets are code-point indices into the document's text, end exclusive, like every offset in
caseview (ARCHITECTURE.md, "Text and offsets").
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

#: What a citation names: a news outlet or agency relayed, a source kept anonymous, or anyone else
#: quoted as the origin of a claim (a person, an agency, a company).
CitationKind = Literal["outlet", "anonymous", "other"]
#: How two documents are related: the same text, the same text with small changes (headline,
#: boilerplate), or the same reporting rewritten (translated, paraphrased).
RewriteKind = Literal["copy", "near-copy", "rewrite"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class SourceText(_Frozen):
    """What provenance analysis needs of a document: its text and what is known of where it is from."""

    doc_id: str
    text: str
    #: The document's own outlet (from its metadata or inferred from publisher cues), if known.
    outlet: str | None = None
    published: date | None = None
    title: str = ""


class Citation(_Frozen):
    """One place where a document names the source of what it reports."""

    doc_id: str
    #: The source as named in the text, canonicalised for outlets ("the FT" → "Financial Times").
    source: str
    kind: CitationKind
    #: The words that make it a citation ("According to Axios"), as offsets into the text.
    start: int
    end: int
    #: The sentence that carries the citation: the evidence an analyst reads.
    evidence_start: int
    evidence_end: int
    evidence: str
    #: True when the document cites its own outlet ("told the FT" in the FT): own reporting, not a relay.
    own: bool = False


class AlignedPassage(_Frozen):
    """A passage of the derived document and the passage of its origin that says the same thing."""

    left_start: int
    left_end: int
    right_start: int
    right_end: int
    #: How much of the left passage's distinctive vocabulary the right one shares (0–1).
    score: float


class RewritePair(_Frozen):
    """Two documents that report the same thing from one origin: ``derived`` relays ``origin``."""

    derived: str
    origin: str
    kind: RewriteKind
    #: 0–1: how sure the pair is (1 for an exact copy).
    score: float
    #: Why, in words an analyst can check: "cites Axios 4 times", "2 shared quotes", …
    reasons: tuple[str, ...]
    #: Whether ``derived``/``origin`` follow from evidence (a citation, dates) or only from document order.
    direction_known: bool
    #: Estimated share of word 5-grams the two texts have in common (resemblance, 0–1).
    resemblance: float
    aligned: tuple[AlignedPassage, ...] = ()
    #: Share of the derived document's passages aligned to the origin (0–1).
    coverage: float = 0.0


class Origin(_Frozen):
    """Where a piece of reporting comes from: a document of the corpus, or an outlet it relays."""

    #: Stable identity: ``doc:<id>`` for a document of the corpus, ``outlet:<name>`` for a cited one.
    key: str
    #: What to show: the outlet's name, or the document's outlet, title or id.
    label: str
    doc_id: str | None = None


class DocumentProvenance(_Frozen):
    """Everything provenance analysis says about one document."""

    doc_id: str
    outlet: str | None
    citations: tuple[Citation, ...]
    #: Documents of the corpus this one copies or rewrites (its ``RewritePair.origin``).
    relays: tuple[str, ...]
    #: Outlets it cites that are not in the corpus (or not matched to a document of it).
    relayed_outlets: tuple[str, ...]
    origins: tuple[Origin, ...]


class Independence(_Frozen):
    """How many documents report something and how many independent origins they come from."""

    documents: int
    origins: tuple[Origin, ...]

    @property
    def summary(self) -> str:
        """``3 documents · 1 origin: Axios``."""
        docs = f"{self.documents} document{'s' if self.documents != 1 else ''}"
        if not self.origins:
            return docs
        count = len(self.origins)
        names = ", ".join(origin.label for origin in self.origins)
        return f"{docs} · {count} origin{'s' if count != 1 else ''}: {names}"


class ProvenanceReport(_Frozen):
    """Citations, rewrite pairs and origins of every document of a corpus."""

    documents: tuple[DocumentProvenance, ...]
    pairs: tuple[RewritePair, ...]

    def document(self, doc_id: str) -> DocumentProvenance | None:
        return next((doc for doc in self.documents if doc.doc_id == doc_id), None)

    def pairs_of(self, doc_id: str) -> tuple[RewritePair, ...]:
        return tuple(pair for pair in self.pairs if doc_id in (pair.derived, pair.origin))

    def independence(self, doc_ids: list[str] | tuple[str, ...] | set[str]) -> Independence:
        """How many of ``doc_ids`` there are and which independent origins they come from."""
        wanted = sorted(set(doc_ids))
        origins: dict[str, Origin] = {}
        for doc_id in wanted:
            provenance = self.document(doc_id)
            for origin in provenance.origins if provenance is not None else ():
                origins.setdefault(origin.key, origin)
        return Independence(documents=len(wanted), origins=tuple(origins[key] for key in sorted(origins)))

    def shared_origins(self, first: str, second: str) -> tuple[Origin, ...]:
        """The origins two documents have in common (empty when they are independent)."""
        a, b = self.document(first), self.document(second)
        if a is None or b is None:
            return ()
        keys = {origin.key for origin in b.origins}
        return tuple(origin for origin in a.origins if origin.key in keys)
