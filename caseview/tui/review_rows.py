"""The review queue as the review screen shows it: each annotation with its original quote and the
candidates in the current text (the best, then its close rivals), read through the workspace (run it
in a worker)."""

from __future__ import annotations

from dataclasses import dataclass

from caseview.annotations.anchoring import AnchorCandidate
from caseview.annotations.errors import AnnotationError
from caseview.workspace import UnknownDocument, Workspace

#: Characters of the current text shown either side of the candidate.
CONTEXT = 120


@dataclass(frozen=True)
class CandidateView:
    """One place the passage may be now, numbered as the analyst chooses it (1 = the best)."""

    number: int
    start: int
    end: int
    score: float
    why: str
    #: The current text: context before, the candidate, context after.
    before: str
    exact: str
    after: str

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


@dataclass(frozen=True)
class ReviewEntry:
    """One annotation in the queue, with everything the screen shows about it."""

    annotation_id: str
    doc_id: str
    title: str
    status: str
    reason: str
    score: float
    tags: tuple[str, ...]
    note: str | None
    #: The original selection and its context, as annotated.
    prefix: str
    exact: str
    suffix: str
    #: The best candidate in the current text: context before, the candidate, context after (None: none).
    candidate: tuple[str, str, str] | None
    candidate_span: tuple[int, int] | None
    #: Every candidate offered, best first (the best few when they are close); empty when none.
    candidates: tuple[CandidateView, ...] = ()


def _views(text: str, offered: tuple[AnchorCandidate, ...]) -> tuple[CandidateView, ...]:
    return tuple(
        CandidateView(
            number=number,
            start=c.start,
            end=c.end,
            score=c.score,
            why=c.why,
            before=text[max(0, c.start - CONTEXT) : c.start],
            exact=text[c.start : c.end],
            after=text[c.end : c.end + CONTEXT],
        )
        for number, c in enumerate(offered, start=1)
        if c.end <= len(text)
    )


def _offered(workspace: Workspace, annotation_id: str) -> tuple[AnchorCandidate, ...]:
    try:
        return workspace.review_candidates(annotation_id)
    except (AnnotationError, UnknownDocument, OSError):
        return ()  # changed again meanwhile or gone: the best candidate alone is shown


def review_entries(workspace: Workspace) -> list[ReviewEntry]:
    """The review queue with the current text around each candidate (reads documents: run in a worker)."""
    titles = {info.id: info.title or info.id for info in workspace.documents()}
    entries = []
    seen: set[str] = set()
    for item in workspace.review_queue():
        annotation = item.annotation
        if annotation.id in seen:
            continue
        seen.add(annotation.id)
        span = annotation.current_span
        candidate = None
        views: tuple[CandidateView, ...] = ()
        if span is not None:
            try:
                text: str | None = workspace.document(annotation.doc_id).text
            except (UnknownDocument, OSError):
                text = None  # the document is gone: no candidate to show
            if text is not None and span[1] <= len(text):
                start, end = span
                candidate = (text[max(0, start - CONTEXT) : start], text[start:end], text[end : end + CONTEXT])
                views = _views(text, _offered(workspace, annotation.id))
        entries.append(
            ReviewEntry(
                annotation_id=annotation.id,
                doc_id=annotation.doc_id,
                title=titles.get(annotation.doc_id, annotation.doc_id),
                status=annotation.anchor.status,
                reason=item.reason,
                score=annotation.anchor.score,
                tags=annotation.tags,
                note=annotation.note,
                prefix=annotation.quote.prefix,
                exact=annotation.quote.exact,
                suffix=annotation.quote.suffix,
                candidate=candidate,
                candidate_span=span if candidate else None,
                candidates=views,
            )
        )
    return entries
