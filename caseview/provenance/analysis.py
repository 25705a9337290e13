"""Provenance of a whole corpus in one call: citations, rewrite pairs, then origins."""

from __future__ import annotations

from collections.abc import Iterable

from caseview.provenance.attribution import find_citations
from caseview.provenance.models import ProvenanceReport, SourceText
from caseview.provenance.origins import trace_documents
from caseview.provenance.pairs import find_pairs
from caseview.provenance.profile import build_profile


def analyse_provenance(sources: Iterable[SourceText]) -> ProvenanceReport:
    """Who cites whom, who copies whom, and where each document's reporting comes from."""
    profiles = [
        build_profile(source, find_citations(source.doc_id, source.text, source.outlet))
        for source in sorted(sources, key=lambda source: source.doc_id)
    ]
    pairs = find_pairs(profiles)
    return ProvenanceReport(documents=tuple(trace_documents(profiles, pairs)), pairs=tuple(pairs))
