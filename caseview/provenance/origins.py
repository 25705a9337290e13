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

from caseview.provenance.counting import OriginIndex, Span
from caseview.provenance.models import (
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
    return OriginIndex(report).passage_origins(Span(doc_id, start, end))


def independence_of_passages(report: ProvenanceReport, passages: Sequence[Span]) -> Independence:
    """How many documents the passages are in, and their independent origins."""
    return OriginIndex(report).independence(passages)
