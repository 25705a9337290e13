"""Which stretches of an old text survive unchanged in a new one, and where they went.

A hierarchical diff with :mod:`difflib`: common prefix and suffix first (most edits are local),
then lines, then word tokens inside changed lines, then characters inside short changed runs. A
plain character diff of a 1 MB document would take minutes; this takes milliseconds when the
edits are few, and still lines up a typo fixed inside a 6,000-character single-line paragraph.
The result maps a position of the old text to the new one, and back, through the unchanged parts.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

_LINES = re.compile(r"[^\n]*\n|[^\n]+")
_WORDS = re.compile(r"\S+\s*|\s+")
#: Changed runs longer than this (in characters, both sides together) are not diffed any finer.
_WORD_LEVEL_LIMIT = 200_000
_CHAR_LEVEL_LIMIT = 600
#: Runs of more pieces than this are first split at pieces found once in each text.
_ANCHORED_DIFF_MIN = 64


@dataclass(frozen=True)
class Segment:
    """``old[old_start:old_start+length] == new[new_start:new_start+length]``."""

    old_start: int
    new_start: int
    length: int


def _common_prefix_length(a: str, b: str) -> int:
    # Binary search over slice comparisons: each comparison is a C memcmp, far faster than a char loop.
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix_length(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low


def _diff_pieces(
    old: str, new: str, old_offset: int, new_offset: int, level: int, out: list[Segment], anchored: bool = True
) -> None:
    """Append the equal segments between ``old`` and ``new`` at this level of detail (0 lines, 1 words, 2 chars).

    ``anchored``: first split long runs at pieces found once in each text (not again inside the windows
    between them, so the recursion at one level is one deep).
    """
    if level == 2:
        old_pieces, new_pieces = list(old), list(new)
    else:
        pattern = _LINES if level == 0 else _WORDS
        old_pieces, new_pieces = pattern.findall(old), pattern.findall(new)
    old_positions = _positions(old_pieces)
    new_positions = _positions(new_pieces)
    if anchored and level < 2 and min(len(old_pieces), len(new_pieces)) > _ANCHORED_DIFF_MIN:
        anchors = _unique_anchors(old_pieces, new_pieces)
        if anchors:
            _diff_between_anchors(old, new, old_offset, new_offset, level, out, anchors, old_positions, new_positions)
            return
    # Blank lines and bare spaces recur thousands of times; as match seeds they make difflib quadratic.
    # Marked as junk they still join the matches next to them.
    matcher = SequenceMatcher(_is_blank, old_pieces, new_pieces, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        o1, o2 = old_positions[i1], old_positions[i2]
        n1, n2 = new_positions[j1], new_positions[j2]
        if tag == "equal":
            out.append(Segment(old_offset + o1, new_offset + n1, o2 - o1))
        elif tag == "replace" and level < 2:
            size = (o2 - o1) + (n2 - n1)
            finer = level + 1
            if finer == 1 and size > _WORD_LEVEL_LIMIT:
                continue
            if finer == 2 and size > _CHAR_LEVEL_LIMIT:
                continue
            _diff_pieces(old[o1:o2], new[n1:n2], old_offset + o1, new_offset + n1, finer, out)


def _diff_between_anchors(
    old: str,
    new: str,
    old_offset: int,
    new_offset: int,
    level: int,
    out: list[Segment],
    anchors: list[tuple[int, int]],
    old_positions: list[int],
    new_positions: list[int],
) -> None:
    """Pieces found once in each text, in the same order, are equal; only the windows between them are diffed.

    difflib's matcher rescans its whole range for each longest match: a 12,000-character paragraph
    with one word in twenty changed took a second at the word level. Between anchors the windows are
    small, so the whole stays near-linear (as in "patience" diff).
    """
    previous_i = previous_j = 0
    for i, j in [*anchors, (len(old_positions) - 1, len(new_positions) - 1)]:
        o1, o2 = old_positions[previous_i], old_positions[i]
        n1, n2 = new_positions[previous_j], new_positions[j]
        if o2 > o1 and n2 > n1:
            _diff_pieces(old[o1:o2], new[n1:n2], old_offset + o1, new_offset + n1, level, out, anchored=False)
        if i < len(old_positions) - 1:
            out.append(Segment(old_offset + o2, new_offset + n2, old_positions[i + 1] - o2))
        previous_i, previous_j = i + 1, j + 1


def _unique_anchors(old_pieces: list[str], new_pieces: list[str]) -> list[tuple[int, int]]:
    """Index pairs of the (non-blank) pieces that occur exactly once in each, the longest run in the same order."""
    old_seen: dict[str, int] = {}
    for index, piece in enumerate(old_pieces):
        old_seen[piece] = -1 if piece in old_seen else index
    new_seen: dict[str, int] = {}
    for index, piece in enumerate(new_pieces):
        new_seen[piece] = -1 if piece in new_seen else index
    pairs = [
        (i, new_seen[piece])
        for piece, i in old_seen.items()
        if i >= 0 and new_seen.get(piece, -1) >= 0 and not piece.isspace()
    ]
    pairs.sort()
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by the first) whose second values increase; O(n log n)."""
    tails: list[int] = []  # tails[k]: index in pairs of the smallest end of an increasing run of length k+1
    tail_values: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        k = bisect_left(tail_values, j)
        if k:
            previous[index] = tails[k - 1]
        if k == len(tails):
            tails.append(index)
            tail_values.append(j)
        else:
            tails[k] = index
            tail_values[k] = j
    run: list[tuple[int, int]] = []
    index = tails[-1] if tails else -1
    while index != -1:
        run.append(pairs[index])
        index = previous[index]
    run.reverse()
    return run


def _is_blank(piece: str) -> bool:
    return piece.isspace()


def _positions(pieces: list[str]) -> list[int]:
    positions = [0]
    for piece in pieces:
        positions.append(positions[-1] + len(piece))
    return positions


class DiffMap:
    """The unchanged segments of ``old`` in ``new``, with position mapping both ways."""

    def __init__(self, old: str, new: str) -> None:
        self.old_length, self.new_length = len(old), len(new)
        segments: list[Segment] = []
        prefix = _common_prefix_length(old, new)
        suffix = _common_suffix_length(old[prefix:], new[prefix:])
        if prefix:
            segments.append(Segment(0, 0, prefix))
        old_middle, new_middle = old[prefix : len(old) - suffix], new[prefix : len(new) - suffix]
        if old_middle and new_middle:
            _diff_pieces(old_middle, new_middle, prefix, prefix, 0, segments)
        if suffix:
            segments.append(Segment(len(old) - suffix, len(new) - suffix, suffix))
        self.segments = _merge_adjacent(segments)
        self._old_starts = [segment.old_start for segment in self.segments]
        self._new_starts = [segment.new_start for segment in self.segments]

    @property
    def unchanged(self) -> int:
        """How many characters the two texts have in common, in order (the sum of the segments)."""
        return sum(segment.length for segment in self.segments)

    def _segment_at_old(self, position: int) -> int | None:
        index = bisect_right(self._old_starts, position) - 1
        if index >= 0 and position < self.segments[index].old_start + self.segments[index].length:
            return index
        return None

    def _segment_at_new(self, position: int) -> int | None:
        index = bisect_right(self._new_starts, position) - 1
        if index >= 0 and position < self.segments[index].new_start + self.segments[index].length:
            return index
        return None

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Where ``old[start:end]`` is in the new text, when it survived untouched; else None."""
        index = self._segment_at_old(start)
        if index is None or self._segment_at_old(end - 1) != index:
            return None
        shift = self.segments[index].new_start - self.segments[index].old_start
        return start + shift, end + shift

    def map_span_back(self, start: int, end: int) -> tuple[int, int] | None:
        """Where ``new[start:end]`` was in the old text, when it was there untouched; else None."""
        index = self._segment_at_new(start)
        if index is None or self._segment_at_new(end - 1) != index:
            return None
        shift = self.segments[index].old_start - self.segments[index].new_start
        return start + shift, end + shift

    def map_boundary(self, position: int, *, towards_end: bool) -> int:
        """An old boundary position in the new text; inside a changed run, that run's start or end."""
        index = bisect_right(self._old_starts, position) - 1
        if index >= 0:
            segment = self.segments[index]
            end = segment.old_start + segment.length
            if position < end or (position == end and not towards_end):
                return position - segment.old_start + segment.new_start
        # In a changed run: between segment ``index`` (or the text start) and ``index + 1`` (or the end).
        if towards_end:
            return self.segments[index + 1].new_start if index + 1 < len(self.segments) else self.new_length
        if index >= 0:
            segment = self.segments[index]
            return segment.new_start + segment.length
        return 0

    def surviving_in(self, old_start: int, old_end: int, new_start: int, new_end: int) -> int:
        """How many characters of ``old[old_start:old_end]`` survive inside ``new[new_start:new_end]``."""
        total = 0
        first = max(0, bisect_right(self._old_starts, old_start) - 1)
        for segment in self.segments[first:]:
            if segment.old_start >= old_end:
                break
            low = max(old_start, segment.old_start)
            high = min(old_end, segment.old_start + segment.length)
            if high <= low:
                continue
            shift = segment.new_start - segment.old_start
            mapped_low, mapped_high = max(low + shift, new_start), min(high + shift, new_end)
            if mapped_high > mapped_low:
                total += mapped_high - mapped_low
        return total

    def old_chars_in(self, new_start: int, new_end: int) -> int:
        """How many characters of ``new[new_start:new_end]`` were already in the old text."""
        total = 0
        first = max(0, bisect_right(self._new_starts, new_start) - 1)
        for segment in self.segments[first:]:
            if segment.new_start >= new_end:
                break
            low = max(new_start, segment.new_start)
            high = min(new_end, segment.new_start + segment.length)
            if high > low:
                total += high - low
        return total


def diff_ratio(a: str, b: str) -> float:
    """Like difflib's ``ratio()`` (2 × characters in common / both lengths), from the hierarchical diff.

    Near-linear where difflib's character alignment is quadratic: for long passages (a 12,000-character
    paragraph took seconds), where the two agree on all but a few words and both give the same answer.
    """
    if not a and not b:
        return 1.0
    return 2 * DiffMap(a, b).unchanged / (len(a) + len(b))


def _merge_adjacent(segments: list[Segment]) -> list[Segment]:
    merged: list[Segment] = []
    for segment in segments:
        if segment.length <= 0:
            continue
        if merged:
            last = merged[-1]
            if last.old_start + last.length == segment.old_start and last.new_start + last.length == segment.new_start:
                merged[-1] = Segment(last.old_start, last.new_start, last.length + segment.length)
                continue
        merged.append(segment)
    return merged
