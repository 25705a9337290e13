"""Annotations follow copies: a passage tagged in one document, offered on its counterpart in a copy or rewrite.

When the analyst tags a passage of Axios's story, the same claim sits in the documents that copy or
rewrite it. This module finds where, for the analyst to accept or dismiss (nothing is annotated
silently):

1. in a copy, the re-anchoring ladder of :mod:`caseview.annotations.anchoring` finds the quote
   itself (or an edited version of it) in the other document — the machinery that follows a
   passage through an edit follows it into a copy just as well;
2. in a rewrite (translated, paraphrased), the quote is not there: the offer is the passage the
   alignment says corresponds, narrowed to its sentences most alike the quote.

Pure functions; the workspace supplies the texts and keeps the analyst's decisions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict

from caseview.annotations.anchoring import reanchor
from caseview.annotations.model import Annotation, TextPosition
from caseview.extract.sentences import split_sentences
from caseview.provenance.counting import OriginIndex, Span
from caseview.provenance.features import content_stems

OfferMethod = Literal["copy", "aligned"]
#: Re-anchoring score from which a quote found with confidence (not "needs review") is offered as the same words.
COPY_SCORE = 0.6
#: Share of the quote's content words a sentence of the counterpart must have to narrow the offer to it.
NARROW_SCORE = 0.15


class AnnotationOffer(BaseModel):
    """An annotation's tags and note offered on the corresponding passage of another document."""

    model_config = ConfigDict(frozen=True)

    #: Stable identity of the offer: the document, the words and the tags (:func:`offer_key`).
    key: str
    annotation_id: str
    source_doc: str
    source_exact: str
    target_doc: str
    start: int
    end: int
    exact: str
    tags: tuple[str, ...]
    note: str | None
    #: ``copy``: the quote itself was found; ``aligned``: the passage that says the same in a rewrite.
    method: OfferMethod
    score: float


def offer_key(target_doc: str, start: int, end: int, tags: Iterable[str]) -> str:
    """What a dismissal remembers: these tags on this passage of that document (``doc|start-end|tags``),
    whichever annotation offered them — once one offer is accepted, the new annotation offers the
    same passage of a third copy again, and a dismissed passage should stay dismissed."""
    return f"{target_doc}|{start}-{end}|{','.join(sorted(tags))}"


def _dismissed_spans(dismissed: Iterable[str]) -> dict[tuple[str, str], list[tuple[int, int]]]:
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for key in dismissed:
        doc, _, rest = key.partition("|")
        where, _, tags = rest.partition("|")
        first, _, last = where.partition("-")
        if first.isdigit() and last.isdigit():
            spans.setdefault((doc, tags), []).append((int(first), int(last)))
    return spans


def _current_span(annotation: Annotation) -> Span | None:
    anchor = annotation.anchor
    if anchor.status == "orphaned" or anchor.start is None or anchor.end is None:
        return None
    return Span(annotation.doc_id, anchor.start, anchor.end)


def _narrowed(text: str, spans: list[Span], quote: str) -> tuple[int, int, float]:
    """Within the counterparts ``spans``, the sentence (or two neighbouring ones) that holds most of the
    quote's content words (the shorter one when two hold about as many); the first counterpart whole
    when no sentence holds :data:`NARROW_SCORE` of them."""
    wanted = set(content_stems(quote))
    first = spans[0]
    best = (first.start, first.end, 0.0)
    if not wanted:
        return best
    for span in spans:
        sentences = [(span.start + a, span.start + b) for a, b in split_sentences(text[span.start : span.end])]
        for a, b in sentences + [(x[0], y[1]) for x, y in pairwise(sentences)]:
            score = len(wanted & set(content_stems(text[a:b]))) / len(wanted)
            shorter = b - a < best[1] - best[0]
            if score > best[2] + 0.05 or (abs(score - best[2]) <= 0.05 and shorter and score >= NARROW_SCORE):
                best = (a, b, score)
    return best if best[2] >= NARROW_SCORE else (first.start, first.end, best[2])


def offers_for(annotation: Annotation, index: OriginIndex, text_of: Callable[[str], str]) -> list[AnnotationOffer]:
    """Where ``annotation`` could follow: one offer per document that copies, rewrites or is copied by its own."""
    span = _current_span(annotation)
    if span is None:
        return []
    found = []
    counterparts = index.counterparts(span)
    for pair in index.pairs_of(span.doc_id):
        other = pair.origin if pair.derived == span.doc_id else pair.derived
        text = text_of(other)
        anchored = reanchor(annotation.quote, TextPosition(start=span.start, end=span.end), text)
        method: OfferMethod
        confident = anchored.status in ("anchored", "moved") and anchored.score >= COPY_SCORE
        if confident and anchored.start is not None and anchored.end is not None:
            start, end, score, method = anchored.start, anchored.end, anchored.score, "copy"
        else:
            spans = [c for c in counterparts if c.doc_id == other]
            if not spans:
                continue
            start, end, score = _narrowed(text, spans, annotation.quote.exact)
            method = "aligned"
        found.append(
            AnnotationOffer(
                key=offer_key(other, start, end, annotation.tags),
                annotation_id=annotation.id,
                source_doc=span.doc_id,
                source_exact=annotation.quote.exact,
                target_doc=other,
                start=start,
                end=end,
                exact=text[start:end],
                tags=annotation.tags,
                note=annotation.note,
                method=method,
                score=round(score, 3),
            )
        )
    return found


def open_offers(
    annotations: Iterable[Annotation],
    index: OriginIndex,
    text_of: Callable[[str], str],
    dismissed: frozenset[str] = frozenset(),
) -> list[AnnotationOffer]:
    """Every offer not yet decided: not dismissed, and not taken (no annotation there with the same tags)."""
    annotations = list(annotations)
    taken: dict[str, list[Annotation]] = {}
    for annotation in annotations:
        taken.setdefault(annotation.doc_id, []).append(annotation)
    refused = _dismissed_spans(dismissed)
    offers: dict[str, AnnotationOffer] = {}
    for annotation in annotations:
        if not annotation.tags and not annotation.note:
            continue  # nothing to carry over
        for offer in offers_for(annotation, index, text_of):
            spans = refused.get((offer.target_doc, ",".join(sorted(offer.tags))), [])
            if any(start < offer.end and offer.start < end for start, end in spans):
                continue
            if _already_there(offer, taken.get(offer.target_doc, [])):
                continue
            if offer.key not in offers or offers[offer.key].score < offer.score:
                offers[offer.key] = offer
    return list(offers.values())


def _already_there(offer: AnnotationOffer, annotations: list[Annotation]) -> bool:
    for annotation in annotations:
        span = _current_span(annotation)
        overlaps = span is not None and span.start < offer.end and offer.start < span.end
        if overlaps and set(offer.tags) <= set(annotation.tags):
            return True
    return False
