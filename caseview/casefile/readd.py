"""Putting a removed passage back: which removed item a passage added again is, and what comes back.

An analyst who removes a passage from the case and adds it again gets its grade, note and links
back (issue 13, bug 2) — also when it comes back as a new annotation on nearly the same words (the
sentence re-selected with one more word, an overlapping span). A removed passage is the one being
put back when it is the same annotation, or when it is in the same document and the two overlap
substantially: their spans where each is in the document's text now (the annotation's current
anchor, else the quote found again), or, when either cannot be placed, their quotes' words. The
best overlap wins (the latest removal on a tie); a removed passage an item of the case already
matches as closely has been put back and is not used twice; anything less than :data:`MIN_OVERLAP` is another
passage and gets nothing.

Pure functions: where a passage is now comes from a :data:`Locator` the caller supplies.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher

from caseview.casefile.model import CaseFile, Citation, Grade, PassageItem

#: How much two passages must share to be one passage: of their spans, the characters both cover over
#: those either covers; of their quotes, the words in common over the words of both.
MIN_OVERLAP = 0.6


@dataclass(frozen=True)
class TextSpan:
    """Where a passage is in its document's current text."""

    start: int
    end: int


#: Where a passage (its citation and annotation id) is in its document's text now; None when unknown.
Locator = Callable[[Citation, str | None], TextSpan | None]


@dataclass(frozen=True)
class RemovedMatch:
    """The removed passage a passage added again is, and how well the two overlap (0–1)."""

    passage: PassageItem
    overlap: float
    #: The removed item's number (``#2``), when its tombstone kept it.
    number: int | None
    deleted: datetime


@dataclass(frozen=True)
class Restoration:
    """What a passage added again got back from the removed item it is."""

    removed_id: str
    removed_number: int | None
    grade: Grade | None
    note: bool
    links: int

    @property
    def anything(self) -> bool:
        return self.grade is not None or self.note or self.links > 0

    def describe(self) -> str:
        """``grade B2, note and 2 links restored from the removed item #2``."""
        parts = []
        if self.grade is not None:
            parts.append(f"grade {self.grade.code}")
        if self.note:
            parts.append("note")
        if self.links:
            parts.append(f"{self.links} link{'s' if self.links > 1 else ''}")
        what = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts) or "nothing"
        number = f" #{self.removed_number}" if self.removed_number is not None else ""
        return f"{what} restored from the removed item{number}"


def span_overlap(one: TextSpan, other: TextSpan) -> float:
    """The characters both spans cover over the characters either covers (0: apart, 1: the same)."""
    common = min(one.end, other.end) - max(one.start, other.start)
    if common <= 0:
        return 0.0
    return common / (max(one.end, other.end) - min(one.start, other.start))


def quote_overlap(one: str, other: str) -> float:
    """How much of two quotes is the same words in the same order (0–1, case and spacing aside)."""
    words, others = one.casefold().split(), other.casefold().split()
    if not words or not others:
        return 0.0
    matcher = SequenceMatcher(None, words, others, autojunk=False)
    common = sum(block.size for block in matcher.get_matching_blocks())
    return 2 * common / (len(words) + len(others))


def snapshot_locator(reference: Citation) -> Locator:
    """Without the corpus: a citation is where it was added when it was cut from the same text as ``reference``."""

    def locate(citation: Citation, _annotation_id: str | None) -> TextSpan | None:
        if citation.doc_sha256 != reference.doc_sha256:
            return None
        return TextSpan(citation.start, citation.end)

    return locate


def passage_overlap(
    one: Citation, one_annotation: str | None, other: Citation, other_annotation: str | None, locate: Locator
) -> float:
    """How much two passages are one: 1 for the same annotation, 0 in different documents, else by
    their spans now (when both can be placed) or their quotes."""
    if one_annotation is not None and one_annotation == other_annotation:
        return 1.0
    if one.doc_id != other.doc_id:
        return 0.0
    here, there = locate(one, one_annotation), locate(other, other_annotation)
    if here is not None and there is not None:
        return span_overlap(here, there)
    return quote_overlap(one.exact, other.exact)


def removed_match(
    case: CaseFile, citation: Citation, annotation_id: str | None, locate: Locator | None = None
) -> RemovedMatch | None:
    """The removed passage that ``citation`` (of ``annotation_id``) puts back, if any (see the module)."""
    locate = locate or snapshot_locator(citation)
    present = [item for item in case.items if isinstance(item, PassageItem)]
    best: RemovedMatch | None = None
    for tombstone in case.tombstones:
        gone = tombstone.passage
        if gone is None or case.item(gone.id) is not None:
            continue
        overlap = passage_overlap(citation, annotation_id, gone.citation, gone.annotation_id, locate)
        if overlap < MIN_OVERLAP:
            continue
        if any(
            passage_overlap(item.citation, item.annotation_id, gone.citation, gone.annotation_id, locate) >= overlap
            for item in present
        ):
            continue  # put back already (an item is it at least as closely): its grade and links are there
        found = RemovedMatch(gone, overlap, tombstone.number, tombstone.deleted)
        if best is None or (found.overlap, found.deleted) > (best.overlap, best.deleted):
            best = found
    return best
