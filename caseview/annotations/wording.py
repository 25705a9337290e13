"""Did an edited passage keep its words? Typo fixes and punctuation keep them; a changed word does not.

"Moved" promises the analyst the same words elsewhere: "explicitly opposed expanding" rewritten as
"openly opposed widening" is another statement, and goes to review however similar its letters.
A typo fix ("governmnet" → "government"), a changed quote mark, dash or space keeps the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from caseview.annotations.textdiff import DiffMap

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Rewording:
    """One run of words that changed: what the passage said, and what the text says now."""

    before: str
    after: str


def rewordings(old: str, new: str) -> list[Rewording]:
    """The runs of words of ``old`` that ``new`` changed (not counting typo fixes, case, spacing or punctuation)."""
    runs: list[list[int]] = []  # [old_start, old_end, new_start, new_end] of each changed run, widened to words
    old_at = new_at = 0
    for segment in [*DiffMap(old, new).segments, None]:
        old_end = segment.old_start if segment else len(old)
        new_end = segment.new_start if segment else len(new)
        if old_end > old_at or new_end > new_at:
            run = [*_widened(old, old_at, old_end), *_widened(new, new_at, new_end)]
            if runs and (run[0] <= runs[-1][1] or run[2] <= runs[-1][3]):
                runs[-1][1], runs[-1][3] = max(runs[-1][1], run[1]), max(runs[-1][3], run[3])  # one word, two changes
            else:
                runs.append(run)
        if segment:
            old_at, new_at = segment.old_start + segment.length, segment.new_start + segment.length
    found = []
    for old_start, old_end, new_start, new_end in runs:
        before, after = _WORD.findall(old[old_start:old_end]), _WORD.findall(new[new_start:new_end])
        if not _same_words(before, after):
            found.append(Rewording(" ".join(before), " ".join(after)))
    return found


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    """``text[start:end]`` widened to the whole words it touches (a change inside a word takes the word)."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _same_words(before: list[str], after: list[str]) -> bool:
    return len(before) == len(after) and all(_typo_of(a.lower(), b.lower()) for a, b in zip(before, after, strict=True))


def _typo_of(a: str, b: str) -> bool:
    """True if ``b`` is ``a`` with a typo fixed: short words and numbers must match exactly ("not"/"now", "5"/"6")."""
    if a == b:
        return True
    if any(char.isdigit() for char in a + b) or min(len(a), len(b)) <= 4:
        return False
    allowed = 1 if max(len(a), len(b)) <= 8 else 2
    return _edit_distance(a, b, allowed) <= allowed


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), or ``limit + 1`` once it is known to exceed it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]
