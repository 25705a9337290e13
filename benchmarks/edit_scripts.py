"""Random, realistic edits of a document that keep track of where every annotated span truly went.

Used by ``reanchor_bench.py``: the truth is known because every edit is applied here, span by span,
so a re-anchoring result can be graded as correct, silently wrong, or flagged for review.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

_WORD = re.compile(r"[A-Za-z]{4,}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
REPLACEMENT_WORDS = (
    "officials",
    "government",
    "agreement",
    "security",
    "program",
    "review",
    "report",
    "decision",
    "committee",
    "company",
    "access",
    "model",
    "policy",
    "federal",
    "national",
)
FILLER_SENTENCES = (
    "The department did not respond to a request for comment.",
    "Officials declined to say when a decision would be made.",
    "The company said it would continue to cooperate with regulators.",
    "Several lawmakers have asked for a briefing on the matter.",
    "Critics said the process had been rushed from the start.",
    "A spokesperson said the review was routine and ongoing.",
)


@dataclass
class TrackedSpan:
    """An annotated span and where its text truly is now (``deleted`` once none of it is left)."""

    start: int
    end: int
    deleted: bool = False
    changed: int = 0  # characters of the span that were replaced or deleted
    surviving: int = -1  # characters of the original span still in the text (set on creation)

    def __post_init__(self) -> None:
        if self.surviving < 0:
            self.surviving = self.end - self.start


@dataclass
class EditedText:
    text: str
    spans: list[TrackedSpan]
    log: list[str] = field(default_factory=list)

    def replace(self, position: int, delete: int, insert: str) -> None:
        """Replace ``text[position:position+delete]`` with ``insert``, moving every span along."""
        self.text = self.text[:position] + insert + self.text[position + delete :]
        edit_end, shift = position + delete, len(insert) - delete
        for span in self.spans:
            if span.deleted or position >= span.end:
                continue  # already gone, or the edit is after the span (an insertion at its end too)
            if edit_end <= span.start:
                span.start += shift  # the edit is before the span (an insertion at its start too)
                span.end += shift
                continue
            removed = min(edit_end, span.end) - max(position, span.start)
            span.surviving -= removed
            span.changed += removed + (len(insert) if position >= span.start and edit_end <= span.end else 0)
            new_start = span.start if position > span.start else position
            new_end = span.end + shift if edit_end < span.end else position + len(insert)
            span.start, span.end = new_start, new_end
            if span.surviving <= 0 or span.end <= span.start:
                span.deleted = True

    def move(self, start: int, end: int, target: int) -> None:
        """Move ``text[start:end]`` so it begins at ``target`` of the text without it; spans go along."""
        block = self.text[start:end]
        rest = self.text[:start] + self.text[end:]
        target = min(target, len(rest))
        self.text = rest[:target] + block + rest[target:]
        length = end - start
        for span in self.spans:
            if span.deleted:
                continue
            if start <= span.start and span.end <= end:
                span.start, span.end = span.start - start + target, span.end - start + target
                continue
            # Outside the block: first shifted left by the removal, then right by the insertion.
            s, e = span.start, span.end
            if s >= end:
                s, e = s - length, e - length
            if s >= target:
                s, e = s + length, e + length
            span.start, span.end = s, e


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, cut at sentence ends and line breaks; end excludes the spacing."""
    bounds = []
    for line in re.finditer(r"[^\n]+", text):
        cursor = line.start()
        for cut in _SENTENCE_END.finditer(line.group()):
            bounds.append((cursor, line.start() + cut.start()))
            cursor = line.start() + cut.end()
        bounds.append((cursor, line.end()))
    return [(s, e) for s, e in bounds if e - s > 20]


def typo_fix(doc: EditedText, rng: random.Random) -> None:
    words = list(_WORD.finditer(doc.text))
    if not words:
        return
    word = rng.choice(words)
    i = rng.randrange(word.start() + 1, word.end() - 1)
    doc.replace(i, 2, doc.text[i + 1] + doc.text[i])  # swap two letters
    doc.log.append("typo")


def word_change(doc: EditedText, rng: random.Random) -> None:
    words = list(_WORD.finditer(doc.text))
    if not words:
        return
    word = rng.choice(words)
    doc.replace(word.start(), word.end() - word.start(), rng.choice(REPLACEMENT_WORDS))
    doc.log.append("word")


def insert_sentence(doc: EditedText, rng: random.Random) -> None:
    bounds = sentence_bounds(doc.text)
    if not bounds:
        return
    _, end = rng.choice(bounds)
    doc.replace(end, 0, " " + rng.choice(FILLER_SENTENCES))
    doc.log.append("insert-sentence")


def delete_sentence(doc: EditedText, rng: random.Random) -> None:
    bounds = sentence_bounds(doc.text)
    if len(bounds) < 3:
        return
    start, end = rng.choice(bounds)
    while end < len(doc.text) and doc.text[end] == " ":
        end += 1
    doc.replace(start, end - start, "")
    doc.log.append("delete-sentence")


def move_paragraph(doc: EditedText, rng: random.Random) -> None:
    lines = [m for m in re.finditer(r"[^\n]*\n", doc.text) if m.end() - m.start() > 1]
    if len(lines) < 3:
        return
    block = rng.choice(lines)
    rest_length = len(doc.text) - (block.end() - block.start())
    targets = [0] + [m.end() for m in re.finditer(r"\n", doc.text[: block.start()] + doc.text[block.end() :])]
    targets = [t for t in targets if t <= rest_length and t != block.start()]
    if not targets:
        return
    doc.move(block.start(), block.end(), rng.choice(targets))
    doc.log.append("move-paragraph")


def duplicate_lookalike(doc: EditedText, rng: random.Random) -> None:
    """Insert near an annotated passage a copy of its sentence with one word of the passage changed.

    A near-duplicate, never an exact one: an exact copy followed by deleting the original is a move,
    which no re-anchoring (or reader) could tell apart, so the truth would be undecidable.
    """
    live = [s for s in doc.spans if not s.deleted]
    bounds = sentence_bounds(doc.text)
    if not live or not bounds:
        return
    span = rng.choice(live)
    containing = [b for b in bounds if b[0] <= span.start < b[1]] or [min(bounds, key=lambda b: abs(b[0] - span.start))]
    start, end = containing[0]
    end = max(end, min(span.end, len(doc.text)))
    sentence = doc.text[start:end]
    offset = span.start - start
    words = [w for w in _WORD.finditer(sentence) if w.start() >= offset and w.end() <= offset + span.end - span.start]
    if not words:
        return
    word = rng.choice(words)
    replacement = rng.choice([w for w in REPLACEMENT_WORDS if w != word.group()])
    sentence = sentence[: word.start()] + replacement + sentence[word.end() :]
    where = rng.choice([end, start, rng.choice(bounds)[1]])
    if where == start:
        doc.replace(where, 0, sentence + " ")
    else:
        doc.replace(where, 0, " " + sentence)
    doc.log.append("lookalike")


EDITS = {
    "typo": typo_fix,
    "word": word_change,
    "insert-sentence": insert_sentence,
    "delete-sentence": delete_sentence,
    "move-paragraph": move_paragraph,
    "lookalike": duplicate_lookalike,
}
