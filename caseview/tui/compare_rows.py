"""Two documents of a copy or rewrite side by side: which passages correspond, what one adds or drops.

Pure: a :class:`~caseview.provenance.RewritePair` and the two texts in, rows out (issue 16). The rows
follow the derived document; a passage of the origin that nothing corresponds to is placed after
the last row whose counterpart comes before it, so both columns read in their own order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from caseview.provenance import RewritePair
from caseview.provenance.alignment import passages

CompareKind = Literal["same", "adds", "drops"]


@dataclass(frozen=True)
class CompareRow:
    """One line of the compare view: a passage of the derived document, of the origin, or both."""

    kind: CompareKind
    left: tuple[int, int] | None
    right: tuple[int, int] | None
    score: float | None = None


@dataclass(frozen=True)
class Comparison:
    """One pair with both texts, as the compare view shows it."""

    pair: RewritePair
    derived_text: str
    origin_text: str


def compare_rows(pair: RewritePair, derived_text: str, origin_text: str) -> list[CompareRow]:
    """``same`` rows for aligned passages, ``adds`` for the derived one's own, ``drops`` for the origin's left out."""
    aligned = {passage.left_start: passage for passage in pair.aligned}
    keyed: list[tuple[float, CompareRow]] = []
    covered: list[tuple[int, int]] = []
    ends: list[tuple[int, int]] = []  # (position in the derived document's order, end of its counterpart)
    for position, passage in enumerate(passages(derived_text)):
        match = aligned.get(passage.start)
        if match is None:
            keyed.append((position, CompareRow("adds", (passage.start, passage.end), None)))
            continue
        span = (match.right_start, match.right_end)
        keyed.append((position, CompareRow("same", (passage.start, passage.end), span, match.score)))
        covered.append(span)
        ends.append((position, match.right_end))
    for passage in passages(origin_text):
        if any(start < passage.end and passage.start < end for start, end in covered):
            continue
        before = [position for position, end in ends if end <= passage.start]
        place = (max(before) if before else -1) + 0.5
        keyed.append((place, CompareRow("drops", None, (passage.start, passage.end))))
    keyed.sort(key=lambda entry: (entry[0], entry[1].right[0] if entry[1].right else 0))
    return [row for _, row in keyed]
