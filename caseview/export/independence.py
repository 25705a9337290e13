"""Source independence for the memo: the rewrite and relay chains behind a case, and per claim its origins.

Pure functions from a :class:`~caseview.casefile.resolve.CaseView` and a
:class:`~caseview.provenance.ProvenanceReport` (computed over the whole corpus by whoever exports)
to small typed rows, which the Markdown and HTML writers only format and the JSON export carries
as data. A claim is a case item that cites a passage (a passage, or an event with its evidence);
the documents behind it are its own, those whose aligned passage says the same in a copy or
rewrite, and those of the items linked to it as *supports* or *same event*; its independent
origins are where those passages come from (:func:`caseview.provenance.origins.passage_origins`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from caseview.casefile.model import EventItem, PassageItem, Relation
from caseview.casefile.resolve import CaseView, ResolvedItem
from caseview.provenance import Independence, Origin, ProvenanceReport, RewritePair
from caseview.provenance.counting import OriginIndex, Span

#: Links whose two ends report the same thing, so their documents count together.
_SAME_CLAIM = frozenset({Relation.SUPPORTS, Relation.SAME_EVENT})


@dataclass(frozen=True)
class RewriteChain:
    """``derived`` copies or rewrites ``pair.origin``, whose own origins are ``origin_labels``."""

    pair: RewritePair
    origin_labels: str

    @property
    def sentence(self) -> str:
        """``002 ≈ 003 rewrite (Axios): cites Axios 4 times; …``."""
        pair = self.pair
        labels = f" ({self.origin_labels})" if self.origin_labels else ""
        reasons = f": {'; '.join(pair.reasons)}" if pair.reasons else ""
        return f"{pair.derived} ≈ {pair.origin} {pair.kind}{labels}{reasons}"


@dataclass(frozen=True)
class RelayChain:
    """``doc_id`` relays ``outlet``, which is not a document of the corpus."""

    doc_id: str
    outlet: str
    citations: int

    @property
    def sentence(self) -> str:
        times = "once" if self.citations == 1 else f"{self.citations} times"
        return f"{self.doc_id} relays {self.outlet} (not in the corpus): cites it {times}"


@dataclass(frozen=True)
class Claim:
    """A case item that cites a passage, the documents that report it and their independent origins."""

    entry: ResolvedItem
    documents: tuple[str, ...]
    independence: Independence


@dataclass(frozen=True)
class SourceIndependence:
    """What the memo's "Source independence" section says."""

    #: The case's documents and the independent origins they come from.
    overall: Independence
    chains: tuple[RewriteChain | RelayChain, ...]
    claims: tuple[Claim, ...]
    #: Case documents the report does not know (added to the corpus after it was computed, or gone).
    unknown: tuple[str, ...]


def _labels(report: ProvenanceReport, doc_id: str) -> str:
    document = report.document(doc_id)
    return ", ".join(origin.label for origin in document.origins) if document else ""


def _cited_passage(entry: ResolvedItem) -> Span | None:
    """Where the item's passage is in the document now; None when it cannot be found there."""
    location = entry.location
    if entry.doc is None or entry.doc.missing or location is None or location.start is None or location.end is None:
        return None
    if isinstance(entry.item, (PassageItem, EventItem)):
        return Span(entry.doc.doc_id, location.start, location.end)
    return None


def _claim_spans(view: CaseView, index: OriginIndex, entry: ResolvedItem) -> list[Span]:
    """The item's own passage and those of the items linked to it as reporting the same thing."""
    own = _cited_passage(entry)
    if own is None or index.document(own.doc_id) is None:
        return []
    spans = [own]
    for resolved in view.links:
        if resolved.link.relation not in _SAME_CLAIM or resolved.source is None or resolved.target is None:
            continue
        if resolved.source.id == entry.id:
            other = resolved.target
        elif resolved.target.id == entry.id:
            other = resolved.source
        else:
            continue
        linked = _cited_passage(other)
        if linked is not None and index.document(linked.doc_id) is not None:
            spans.append(linked)
    return spans


def item_claims(view: CaseView, report: ProvenanceReport) -> dict[str, Claim]:
    """Each case item that cites a passage (by id): the documents that tell it and their origins."""
    index = OriginIndex(report)
    claims = {}
    for entry in view.items:
        spans = _claim_spans(view, index, entry)
        if spans:
            documents, independence = index.claim(spans)
            claims[entry.id] = Claim(entry, documents, independence)
    return claims


def reported_by(claim: Claim) -> str:
    """The line under an item in the memo: "2 documents · 1 origin: Axios (002_…, 003_…)"."""
    return f"{claim.independence.summary} ({', '.join(claim.documents)})"


@dataclass(frozen=True)
class Corroboration:
    """Two case items linked as reporting the same thing, and the origins both come from."""

    first: ResolvedItem
    second: ResolvedItem
    shared: tuple[Origin, ...]

    @property
    def sentence(self) -> str:
        """``#1 and #2 both come from Axios (003_…txt)``: what the analyst should know before counting both."""
        names = ", ".join(
            f"{origin.label} ({origin.doc_id})" if origin.doc_id and origin.doc_id != origin.label else origin.label
            for origin in self.shared
        )
        return f"#{self.first.number} and #{self.second.number} both come from {names}"


def corroboration(view: CaseView, report: ProvenanceReport, first: str, second: str) -> Corroboration | None:
    """Whether items ``first`` and ``second`` trace to a common origin (None when independent or unknown).

    Each item counts on its own (its passage and the copies of it), not with what it is linked to,
    so linking two items does not make them share an origin by itself.
    """
    index = OriginIndex(report)
    entries = {entry.id: entry for entry in view.items}
    a, b = entries.get(first), entries.get(second)
    if a is None or b is None:
        return None
    a_span, b_span = _cited_passage(a), _cited_passage(b)
    if a_span is None or b_span is None:
        return None
    shared = index.shared_origins([a_span], [b_span])
    return Corroboration(a, b, shared) if shared else None


def source_independence(view: CaseView, report: ProvenanceReport) -> SourceIndependence:
    """The chains behind the case's documents and, per claim, its documents and independent origins."""
    case_docs = [doc.doc_id for doc in view.sources]
    known = [doc_id for doc_id in case_docs if report.document(doc_id) is not None]
    wanted = set(known)
    chains: list[RewriteChain | RelayChain] = [
        RewriteChain(pair, _labels(report, pair.origin))
        for pair in report.pairs
        if pair.derived in wanted or pair.origin in wanted
    ]
    for doc_id in known:
        document = report.document(doc_id)
        assert document is not None
        counts = Counter(c.source for c in document.citations if c.kind == "outlet" and not c.own)
        chains += [RelayChain(doc_id, outlet, counts[outlet]) for outlet in document.relayed_outlets]
    claims = list(item_claims(view, report).values())
    return SourceIndependence(
        overall=report.independence(known),
        chains=tuple(chains),
        claims=tuple(claims),
        unknown=tuple(doc_id for doc_id in case_docs if doc_id not in wanted),
    )


def relevant_report(view: CaseView, report: ProvenanceReport) -> ProvenanceReport:
    """The part of ``report`` about the case's documents, the documents paired with them and their origins."""
    wanted = {doc.doc_id for doc in view.documents.values()}
    pairs = tuple(pair for pair in report.pairs if pair.derived in wanted or pair.origin in wanted)
    wanted |= {doc_id for pair in pairs for doc_id in (pair.derived, pair.origin)}
    for doc_id in list(wanted):
        document = report.document(doc_id)
        wanted |= {origin.doc_id for origin in document.origins if origin.doc_id} if document else set()
    return ProvenanceReport(
        documents=tuple(document for document in report.documents if document.doc_id in wanted), pairs=pairs
    )


class ClaimJson(BaseModel):
    """One claim in the JSON export: the item, the documents behind it and its independent origins."""

    model_config = ConfigDict(frozen=True)

    item: str
    documents: tuple[str, ...]
    independence: Independence
    summary: str


class ProvenanceJson(BaseModel):
    """``cv:provenance`` in the JSON export."""

    model_config = ConfigDict(frozen=True)

    summary: str
    claims: tuple[ClaimJson, ...]
    chains: tuple[str, ...]
    report: ProvenanceReport


def provenance_json(view: CaseView, report: ProvenanceReport) -> ProvenanceJson:
    digest = source_independence(view, report)
    return ProvenanceJson(
        summary=digest.overall.summary,
        claims=tuple(
            ClaimJson(
                item=claim.entry.id,
                documents=claim.documents,
                independence=claim.independence,
                summary=claim.independence.summary,
            )
            for claim in digest.claims
        ),
        chains=tuple(chain.sentence for chain in digest.chains),
        report=relevant_report(view, report),
    )
