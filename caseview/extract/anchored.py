"""A pattern's matches found without trying it at every position of a text: a match that must hold a
needle (a word or number) and open with one of the few word runs just before it is tried only at
those runs' starts, in order, as ``finditer`` would meet them. Times and counts search this way.
"""

from __future__ import annotations

import re

_WORD_RUN_RE = re.compile(r"\w+")
#: How far before a needle its word runs are first looked for (a few words; widened when short).
_RUNS_REACH = 48


def candidate_starts(text: str, spots: list[int], runs: int) -> list[int]:
    """The starts of the ``runs`` word runs that begin at or before each spot, in order, once each.
    A spot's runs are read from a short stretch before it, widened until it holds more runs than
    asked for (its first run may be cut by the stretch's start) or reaches the text's start."""
    starts: set[int] = set()
    for spot in spots:
        reach = _RUNS_REACH
        while True:
            low = max(0, spot - reach)
            found = [m.start() for m in _WORD_RUN_RE.finditer(text, low, spot + 1)]
            if len(found) > runs or low == 0:
                starts.update(found[-runs:])
                break
            reach *= 4
    return sorted(starts)


def anchored_matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, given every position where a match can start
    (``starts``, ascending): each is tried in turn, and a match's end skips the starts inside it."""
    matches: list[re.Match[str]] = []
    reach = -1
    for start in starts:
        if start < reach:
            continue
        match = pattern.match(text, start)
        if match is not None:
            matches.append(match)
            reach = match.end()
    return matches
