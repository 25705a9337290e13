"""Which passage of one document says what a passage of another says.

Passages are paragraphs (lines), with long paragraphs cut at sentence ends into pieces of about
:data:`PIECE_CHARS` characters, so a 6,000-character single-line article aligns as well as a
neatly paragraphed one. Two passages correspond when they share much of their distinctive vocabulary
(stems weighted by rarity across both documents, compared by weighted Dice): a translation or a
paraphrase keeps names, numbers and many content words even when it changes every sentence, and the
order of a retelling confirms the weaker matches (see :func:`align`).
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
#: Likeness (weighted Dice, 0–1) from which two passages correspond wherever they are.
ALIGN_THRESHOLD = 0.25
#: A weaker likeness, accepted only where it continues the story from an aligned neighbour.
CHAIN_THRESHOLD = 0.08
#: How far (in passages of the right text) a weak counterpart may be from its neighbour's.
CHAIN_REACH = 3
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
    """The left text's passages with their counterpart on the right, and the share aligned.

    Each left passage's candidate counterpart is the right passage most alike (weighted Dice of
    their distinctive vocabulary: what both share, against what either has alone, so neither a long
    passage full of additions nor a short generic one wins by size). A candidate scoring at least
    :data:`ALIGN_THRESHOLD` counts wherever it is: a paragraph may move. A weaker one, down to
    :data:`CHAIN_THRESHOLD`, counts only when it continues the story where an aligned neighbour
    left it (within :data:`CHAIN_REACH` passages of that neighbour's counterpart): a translation
    changes words, but it retells its origin passage after passage, which chance does not.
    A counterpart then grows over the right passages next to it while that makes it more alike —
    a rewrite often merges several short paragraphs (or bullet points) into one.
    """
    left, right = passages(left_text), passages(right_text)
    if not left or not right:
        return (), 0.0
    frequency = Counter(stem for passage in (*left, *right) for stem in passage.stems)
    total = len(left) + len(right)
    weight = {stem: math.log(1 + total / count) for stem, count in frequency.items()}
    best: list[tuple[float, int]] = []
    for passage in left:
        scores = [_dice(passage.stems, other.stems, weight) for other in right]
        index = max(range(len(right)), key=scores.__getitem__)
        best.append((scores[index], index))
    chosen = {i for i, (score, _) in enumerate(best) if score >= ALIGN_THRESHOLD}
    grown = True
    while grown:
        grown = False
        for i, (score, j) in enumerate(best):
            if i in chosen or score < CHAIN_THRESHOLD:
                continue
            if any(k in chosen and abs(best[k][1] - j) <= CHAIN_REACH for k in (i - 1, i + 1)):
                chosen.add(i)
                grown = True
    aligned = []
    for i in sorted(chosen):
        first, last = _grow(left[i].stems, right, best[i][1], weight)
        stems = frozenset().union(*(p.stems for p in right[first : last + 1]))
        aligned.append(
            AlignedPassage(
                left_start=left[i].start,
                left_end=left[i].end,
                right_start=right[first].start,
                right_end=right[last].end,
                score=round(_dice(left[i].stems, stems, weight), 3),
            )
        )
    return tuple(aligned), len(aligned) / len(left)


def _dice(first: frozenset[str], second: frozenset[str], weight: dict[str, float]) -> float:
    """Weighted Dice coefficient: twice the weight both share over the weight of both."""
    shared = sum(weight[stem] for stem in first & second)
    whole = sum(weight[stem] for stem in first) + sum(weight[stem] for stem in second)
    return 2 * shared / whole if whole else 0.0


def _grow(stems: frozenset[str], right: list[Passage], index: int, weight: dict[str, float]) -> tuple[int, int]:
    """The run of right passages around ``index`` (at most :data:`MAX_WINDOW`) most alike ``stems``."""
    first = last = index
    covered = right[index].stems
    score = _dice(stems, covered, weight)
    while last - first + 1 < MAX_WINDOW:
        options = []
        if first > 0:
            options.append((first - 1, last))
        if last + 1 < len(right):
            options.append((first, last + 1))
        scored = [
            (_dice(stems, frozenset().union(*(p.stems for p in right[a : b + 1])), weight), a, b) for a, b in options
        ]
        if not scored:
            break
        better, a, b = max(scored)
        if better <= score:
            break
        score, first, last = better, a, b
    return first, last
