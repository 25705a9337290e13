"""Which passage of one document says what a passage of another says.

Passages are paragraphs (lines), with long paragraphs cut at sentence ends into pieces of about
:data:`PIECE_CHARS` characters, so a 6,000-character single-line article aligns as well as a
neatly paragraphed one. Two passages correspond when the left one's distinctive vocabulary (stems
weighted by rarity across both documents) is largely found in the right one: a translation or a
paraphrase keeps names, numbers and most content words even when it changes every sentence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from caseview.corpus.metadata import is_boilerplate
from caseview.extract.sentences import split_sentences
from caseview.provenance.features import content_stems
from caseview.provenance.models import AlignedPassage

#: Paragraphs longer than this are cut into pieces at sentence ends.
PIECE_CHARS = 700
#: A passage needs this many content words to be aligned at all (headlines and bylines are not).
MIN_PASSAGE_WORDS = 8
#: Share of the left passage's weighted vocabulary the right one must have.
ALIGN_THRESHOLD = 0.34
#: A weaker correspondence, accepted only where the order of its strong neighbours puts it.
CHAIN_THRESHOLD = 0.2
#: Consecutive passages of the right text that may together correspond to one passage on the left.
MAX_WINDOW = 3
#: Lines that are publisher furniture wherever they appear: disclaimers, subscription prompts.
_FURNITURE_RE = re.compile(
    r"investment advice|at your own risk|all rights reserved|subscribe to|sign up for|newsletter|"
    r"read (?:it )?on the original site|cookie",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    stems: frozenset[str]


def passages(text: str) -> list[Passage]:
    """The alignable passages of a text, in order: paragraphs (or pieces of long ones) with enough words."""
    found: list[Passage] = []
    position = 0
    for line in text.split("\n"):
        line_start, position = position, position + len(line) + 1
        if not line.strip() or is_boilerplate(line):
            continue
        for start, end in _pieces(text, line_start, line_start + len(line)):
            stems = content_stems(text[start:end])
            if len(stems) >= MIN_PASSAGE_WORDS and not _FURNITURE_RE.search(text, start, end):
                found.append(Passage(start, end, frozenset(stems)))
    return found


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    if end - start <= PIECE_CHARS:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    piece_start = piece_end = start
    for sentence_start, sentence_end in split_sentences(text[start:end]):
        if piece_end > piece_start and start + sentence_end - piece_start > PIECE_CHARS:
            pieces.append((piece_start, piece_end))
            piece_start = start + sentence_start
        piece_end = start + sentence_end
    if piece_end > piece_start:
        pieces.append((piece_start, piece_end))
    return pieces


def align(left_text: str, right_text: str) -> tuple[tuple[AlignedPassage, ...], float]:
    """The left text's passages with their best counterpart on the right, and the share aligned.

    A counterpart may be up to :data:`MAX_WINDOW` consecutive passages: a rewrite often merges
    several short paragraphs (or bullet points) of its origin into one.
    """
    left, right = passages(left_text), passages(right_text)
    if not left or not right:
        return (), 0.0
    frequency = Counter(stem for passage in (*left, *right) for stem in passage.stems)
    total = len(left) + len(right)
    weight = {stem: math.log(1 + total / count) for stem, count in frequency.items()}
    windows = [
        (right[i].start, right[i + size - 1].end, frozenset().union(*(p.stems for p in right[i : i + size])))
        for size in range(1, MAX_WINDOW + 1)
        for i in range(len(right) - size + 1)
    ]
    # Every window a left passage could correspond to. A strong correspondence counts wherever it is
    # (a paragraph may move); a weaker one only where the story's order puts it, between the places
    # its strong neighbours correspond to: a rewrite retells its origin in order, chance does not.
    options: list[list[tuple[float, tuple[int, int]]]] = []
    for passage in left:
        own = sum(weight[stem] for stem in passage.stems)
        scored = []
        for start, end, stems in windows:
            score = sum(weight[stem] for stem in passage.stems & stems) / own if own else 0.0
            if score >= CHAIN_THRESHOLD:
                scored.append((score, (start, end)))
        options.append(scored)
    chosen: dict[int, tuple[float, tuple[int, int]]] = {}
    for index, scored in enumerate(options):
        strongest = _strongest(scored)
        if strongest is not None and strongest[0] >= ALIGN_THRESHOLD:
            chosen[index] = strongest
    strong = sorted(chosen)
    for index, scored in enumerate(options):
        if index in chosen:
            continue
        before = [i for i in strong if i < index]
        after = [i for i in strong if i > index]
        if not before or not after:
            continue
        low, high = chosen[before[-1]][1][0], chosen[after[0]][1][1]
        in_order = [option for option in scored if low <= option[1][0] and option[1][1] <= high]
        weak = _strongest(in_order)
        if weak is not None:
            chosen[index] = weak
    aligned = [
        AlignedPassage(
            left_start=left[index].start,
            left_end=left[index].end,
            right_start=span[0],
            right_end=span[1],
            score=round(score, 3),
        )
        for index, (score, span) in sorted(chosen.items())
    ]
    return tuple(aligned), len(aligned) / len(left)


def _strongest(scored: list[tuple[float, tuple[int, int]]]) -> tuple[float, tuple[int, int]] | None:
    """The best-scoring option, preferring the shorter window when two score within 0.05 of each other."""
    best: tuple[float, tuple[int, int]] | None = None
    for option in scored:
        if (
            best is None
            or option[0] > best[0] + 0.05
            or (option[0] > best[0] and option[1][1] - option[1][0] < best[1][1] - best[1][0])
        ):
            best = option
    return best


def _inside(chain: list[tuple[int, tuple[float, tuple[int, int]]]], index: int) -> bool:
    """Whether a weak link of the chain lies between two strong ones (it is then likely a real counterpart)."""
    before = any(i < index and option[0] >= ALIGN_THRESHOLD for i, option in chain)
    after = any(i > index and option[0] >= ALIGN_THRESHOLD for i, option in chain)
    return before and after
