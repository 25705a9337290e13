"""The provenance graph: each document → the origins it relays, and the origin of one passage.

A document's origins are, in order of evidence:

1. the origins of the documents it copies or rewrites (its rewrite pairs);
2. otherwise the outlets it cites most as its source — the document of the corpus from that outlet
   when there is one, else the outlet itself ("The Wall Street Journal", not in the corpus);
3. otherwise the document itself: its own reporting (or commentary).

Documents of one outlet are one origin (two Axios stories are not independent of each other).
A passage's origin is narrower: the outlet its own sentence cites, else the origin of the passage it
corresponds to in a rewrite, else its document's origins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from caseview.provenance.models import (
    Citation,
    DocumentProvenance,
    Independence,
    Origin,
    ProvenanceReport,
    RewritePair,
)
from caseview.provenance.profile import Profile


def _self_origin(profile: Profile) -> Origin:
    if profile.outlet:
        return Origin(key=f"outlet:{profile.outlet}", label=profile.outlet, doc_id=profile.doc_id)
    label = profile.source.title.strip() or profile.doc_id
    return Origin(
        key=f"doc:{profile.doc_id}", label=label if len(label) <= 60 else label[:59] + "…", doc_id=profile.doc_id
    )


def _outlet_origin(outlet: str, outlet_docs: Mapping[str, str]) -> Origin:
    return Origin(key=f"outlet:{outlet}", label=outlet, doc_id=outlet_docs.get(outlet))


def trace_documents(profiles: Sequence[Profile], pairs: Sequence[RewritePair]) -> list[DocumentProvenance]:
    """Every document's provenance: its citations, what it relays and its origins."""
    by_id = {profile.doc_id: profile for profile in profiles}
    outlet_docs: dict[str, str] = {}
    for profile in sorted(profiles, key=lambda p: (p.source.published is None, p.source.published, p.doc_id)):
        if profile.outlet:
            outlet_docs.setdefault(profile.outlet, profile.doc_id)
    relays: dict[str, list[str]] = {profile.doc_id: [] for profile in profiles}
    for pair in pairs:
        relays[pair.derived].append(pair.origin)
    resolved: dict[str, tuple[Origin, ...]] = {}

    def origins_of(doc_id: str, visiting: frozenset[str]) -> tuple[Origin, ...]:
        if doc_id in resolved:
            return resolved[doc_id]
        profile = by_id[doc_id]
        found: dict[str, Origin] = {}
        for target in relays[doc_id]:
            if target not in visiting:
                for origin in origins_of(target, visiting | {doc_id}):
                    found.setdefault(origin.key, origin)
        if not found:
            counts = Counter(c.source for c in profile.citations if c.kind == "outlet" and not c.own)
            if counts:
                top = max(counts.values())
                for outlet in sorted(name for name, count in counts.items() if count == top):
                    origin = _outlet_origin(outlet, outlet_docs)
                    found.setdefault(origin.key, origin)
        if not found:
            origin = _self_origin(profile)
            found[origin.key] = origin
        result = tuple(found[key] for key in sorted(found))
        resolved[doc_id] = result
        return result

    documents = []
    for profile in profiles:
        cited = {c.source for c in profile.citations if c.kind == "outlet" and not c.own}
        relayed_docs = tuple(dict.fromkeys(relays[profile.doc_id]))
        matched_outlets = {by_id[target].outlet for target in relayed_docs}
        documents.append(
            DocumentProvenance(
                doc_id=profile.doc_id,
                outlet=profile.outlet,
                citations=profile.citations,
                relays=relayed_docs,
                relayed_outlets=tuple(sorted(cited - matched_outlets)),
                origins=origins_of(profile.doc_id, frozenset()),
            )
        )
    return documents


def passage_origins(report: ProvenanceReport, doc_id: str, start: int, end: int) -> tuple[Origin, ...]:
    """Where the passage ``start:end`` of ``doc_id`` comes from (see the module docstring)."""
    document = report.document(doc_id)
    if document is None:
        return ()
    outlet_docs = {doc.outlet: doc.doc_id for doc in report.documents if doc.outlet}
    cited = _citations_over(document.citations, start, end)
    if cited:
        origins: dict[str, Origin] = {}
        for outlet in cited:
            target = outlet_docs.get(outlet)
            target_doc = report.document(target) if target else None
            for origin in target_doc.origins if target_doc else (_outlet_origin(outlet, outlet_docs),):
                origins.setdefault(origin.key, origin)
        return tuple(origins[key] for key in sorted(origins))
    for pair in report.pairs:
        if pair.derived != doc_id:
            continue
        for passage in pair.aligned:
            if passage.left_start < end and start < passage.left_end:
                return passage_origins(report, pair.origin, passage.right_start, passage.right_end)
    return document.origins


def independence_of_passages(report: ProvenanceReport, passages: Sequence[tuple[str, int, int]]) -> Independence:
    """How many documents the passages ``(doc_id, start, end)`` are in, and their independent origins."""
    origins: dict[str, Origin] = {}
    for doc_id, start, end in passages:
        for origin in passage_origins(report, doc_id, start, end):
            origins.setdefault(origin.key, origin)
    documents = len({doc_id for doc_id, _, _ in passages})
    return Independence(documents=documents, origins=tuple(origins[key] for key in sorted(origins)))


def _citations_over(citations: Sequence[Citation], start: int, end: int) -> list[str]:
    """Outlets (not the document's own) cited in the sentences the passage overlaps."""
    return sorted(
        {
            c.source
            for c in citations
            if c.kind == "outlet" and not c.own and c.evidence_start < end and start < c.evidence_end
        }
    )
