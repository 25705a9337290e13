"""How many documents tell something and how many independent origins they come from, fast.

:class:`OriginIndex` looks a report up by document (the report's own lookups walk its lists), so the
events pane can count the origins of thousands of events. Its answers are the ones
:mod:`.origins` defines: a passage comes from the outlet its sentence cites, else from what it
corresponds to in the document it copies or rewrites, else from its document's origins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from caseview.provenance.models import DocumentProvenance, Independence, Origin, ProvenanceReport, RewritePair

#: How far a claim follows aligned passages (a copy of a rewrite of the origin is two steps).
MAX_PASSAGES = 50


@dataclass(frozen=True)
class Span:
    """A passage of a document: ``doc_id`` and code-point offsets, end exclusive."""

    doc_id: str
    start: int
    end: int


class OriginIndex:
    """A provenance report indexed by document, answering per passage and per set of passages."""

    def __init__(self, report: ProvenanceReport) -> None:
        self.report = report
        self._documents = {document.doc_id: document for document in report.documents}
        self._pairs: dict[str, list[RewritePair]] = defaultdict(list)
        for pair in report.pairs:
            self._pairs[pair.derived].append(pair)
            if pair.origin != pair.derived:
                self._pairs[pair.origin].append(pair)
        self._outlet_docs = {doc.outlet: doc.doc_id for doc in report.documents if doc.outlet}

    def document(self, doc_id: str) -> DocumentProvenance | None:
        return self._documents.get(doc_id)

    def pairs_of(self, doc_id: str) -> tuple[RewritePair, ...]:
        return tuple(self._pairs.get(doc_id, ()))

    def passage_origins(self, span: Span, depth: int = 0) -> tuple[Origin, ...]:
        """Where the passage comes from (see :mod:`caseview.provenance.origins`)."""
        document = self._documents.get(span.doc_id)
        if document is None:
            return ()
        cited = sorted(
            {
                c.source
                for c in document.citations
                if c.kind == "outlet" and not c.own and c.evidence_start < span.end and span.start < c.evidence_end
            }
        )
        if cited:
            found: dict[str, Origin] = {}
            for outlet in cited:
                target = self._documents.get(self._outlet_docs.get(outlet, ""))
                origins = target.origins if target else (Origin(key=f"outlet:{outlet}", label=outlet),)
                for origin in origins:
                    found.setdefault(origin.key, origin)
            return tuple(found[key] for key in sorted(found))
        if depth < 8:  # a chain of copies is short; the bound only guards against a cycle of pairs
            for pair in self._pairs.get(span.doc_id, ()):
                if pair.derived != span.doc_id:
                    continue
                for passage in pair.aligned:
                    if passage.left_start < span.end and span.start < passage.left_end:
                        return self.passage_origins(
                            Span(pair.origin, passage.right_start, passage.right_end), depth + 1
                        )
        return document.origins

    def counterparts(self, span: Span) -> list[Span]:
        """The passages that say the same as ``span`` in the documents its own copies or rewrites (or is copied by)."""
        found = []
        for pair in self._pairs.get(span.doc_id, ()):
            if pair.kind == "copy" and not pair.aligned:
                # An exact copy has the same text, so the same offsets: nothing to align (and none is).
                other = pair.origin if pair.derived == span.doc_id else pair.derived
                found.append(Span(other, span.start, span.end))
                continue
            for aligned in pair.aligned:
                if pair.derived == span.doc_id and aligned.left_start < span.end and span.start < aligned.left_end:
                    found.append(Span(pair.origin, aligned.right_start, aligned.right_end))
                if pair.origin == span.doc_id and aligned.right_start < span.end and span.start < aligned.right_end:
                    found.append(Span(pair.derived, aligned.left_start, aligned.left_end))
        return found

    def telling(self, spans: Iterable[Span]) -> list[Span]:
        """``spans`` and, transitively, the passages that say the same in copies and rewrites."""
        seen: list[Span] = []
        queue = [span for span in spans if span.doc_id in self._documents]
        while queue and len(seen) < MAX_PASSAGES:
            span = queue.pop(0)
            if span in seen:
                continue
            seen.append(span)
            queue += [found for found in self.counterparts(span) if found not in seen]
        return seen

    def independence(self, spans: Sequence[Span]) -> Independence:
        """How many documents the passages are in and their independent origins (no copies followed)."""
        origins: dict[str, Origin] = {}
        for span in spans:
            for origin in self.passage_origins(span):
                origins.setdefault(origin.key, origin)
        return Independence(
            documents=len({span.doc_id for span in spans}), origins=tuple(origins[key] for key in sorted(origins))
        )

    def claim(self, spans: Iterable[Span]) -> tuple[tuple[str, ...], Independence]:
        """The documents that tell what ``spans`` tell (copies and rewrites included) and their origins."""
        told = self.telling(spans)
        return tuple(sorted({span.doc_id for span in told})), self.independence(told)

    def shared_origins(self, first: Iterable[Span], second: Iterable[Span]) -> tuple[Origin, ...]:
        """Origins both sets of passages come from: two claims that corroborate each other only in name."""
        a = self.claim(first)[1].origins
        keys = {origin.key for origin in self.claim(second)[1].origins}
        return tuple(origin for origin in a if origin.key in keys)
