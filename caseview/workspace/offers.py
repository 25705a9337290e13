"""Annotations offered on copies and rewrites: listing, accepting and dismissing them (issue 16).

The workspace's side of :mod:`caseview.provenance.offers`: it supplies the documents' texts and
the annotations, turns an accepted offer into an annotation of the other document (through the
annotation service, so it is undone like any other) and records dismissals in
``caseview-offers.json``. Nothing is annotated without the analyst's say.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from caseview.annotations.model import Annotation
from caseview.annotations.service import AnnotationService
from caseview.corpus import Document
from caseview.provenance import ProvenanceReport
from caseview.provenance.counting import OriginIndex
from caseview.provenance.offer_store import dismiss_offer, dismissed_offers, offers_path
from caseview.provenance.offers import AnnotationOffer, open_offers


class OfferDesk:
    """Offers of one corpus: the annotations, the provenance report and the analyst's decisions."""

    def __init__(
        self,
        root: Path,
        quarantine_dir: Path,
        annotations: AnnotationService,
        document: Callable[[str], Document],
    ) -> None:
        self.path = offers_path(root)
        self.quarantine_dir = quarantine_dir
        self.annotations = annotations
        self.document = document

    def open(self, report: ProvenanceReport) -> list[AnnotationOffer]:
        """The offers the analyst has not decided yet, strongest first."""

        @lru_cache(maxsize=64)
        def text_of(doc_id: str) -> str:
            return self.document(doc_id).text

        index = OriginIndex(report)
        paired = {doc_id for pair in report.pairs for doc_id in (pair.derived, pair.origin)}
        annotations = [a for a in self.annotations.list() if a.doc_id in paired]
        found = open_offers(annotations, index, text_of, dismissed_offers(self.path, self.quarantine_dir))
        return sorted(found, key=lambda offer: (-offer.score, offer.source_doc, offer.target_doc, offer.start))

    def accept(self, offer: AnnotationOffer) -> Annotation:
        """Annotate the offered passage with the annotation's tags and note (SpanError if the text changed)."""
        return self.annotations.add_span(offer.target_doc, offer.start, offer.end, tags=offer.tags, note=offer.note)

    def dismiss(self, offer: AnnotationOffer) -> None:
        """Do not offer this again."""
        dismiss_offer(self.path, self.quarantine_dir, offer.key)
