"""A seeded generator of hostile queries: valid ones, broken ones and odd ones, mixed.

Random sequences over the query language's pieces (words, fields, operators, parentheses, quotes,
ranges with real and impossible dates, wildcards, fuzzy marks, control characters and stray
punctuation), so the parser and the search meet shapes nobody wrote a test for.
"""

from __future__ import annotations

import random

WORDS = [
    "mythos",
    "pentagon",
    "bessent",
    "supply",
    "chain",
    "risk",
    "the",
    "to",
    "be",
    "a",
    "anthropic",
    "Hegseth",
    "claude",
    "état",
    "naïve",
    "東京",
    "x",
    "AND",
    "OR",
    "NOT",
    "and",
    "or",
    "not",
    "TO",
]
FIELDS = ["title", "outlet", "date", "entity", "tag", "note", "body", "path", "id", "exact", "titel", "Date", "TAG"]
OPERATORS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "NOT NOT", "AND AND", "OR NOT"]
DATES = [
    "2026",
    "2026-04",
    "2026-04-01",
    "20260401",
    "0000",
    "9999",
    "0001",
    "2026-00-00",
    "2026-02-30",
    "2026-13-01",
    "2026-04-31",
    "1900-02-29",
    "2000-02-29",
    "2026-4-1",
    "",
    " ",
    "april",
    "2026-04-01T10:00",
    "99999",
]
# fmt: off
ODD = [
    "*", "?", "~", "~2", "~9", "^2", "\\", "'", "`", "[", "]", "{", "}", ":", "::", "/", "+", "-", "!", "\x1b[31m",
    "\x00", "\x07", "\u202e", "\t", "\n", "\r", " ", "..", "%", "&&", "||", "=", "<", ">", "\x9b",
]
# fmt: on


def _piece(rng: random.Random, depth: int) -> str:
    roll = rng.random()
    if roll < 0.30:
        word = rng.choice(WORDS)
        if rng.random() < 0.15:
            word += rng.choice(["*", "?", "~", "~1", "~2", "~3", "~0", "~4", "*ab", "?b"])
        return word
    if roll < 0.36:
        return f"date:{rng.choice(DATES)}{rng.choice(['', '', '*', '~'])}"
    if roll < 0.42:
        return f"{rng.choice(FIELDS)}:{_piece(rng, depth + 1) if depth < 3 else rng.choice(WORDS)}"
    if roll < 0.52:
        opening, closing = rng.choice(["[]", "{}", "[}", "{]", "[)", "(]"])
        field = rng.choice(["date:", "title:", "", "tag:"])
        joint = rng.choice(["TO", "to", "", "TO TO"])
        return f"{field}{opening}{rng.choice(DATES)} {joint} {rng.choice(DATES)}{closing}"
    if roll < 0.62:
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 6)))
        return f'"{words}"' + rng.choice(["", "", "~2", "~", '"'])
    if roll < 0.72:
        return rng.choice(OPERATORS)
    if roll < 0.82 and depth < 4:
        return "(" + query(rng, depth + 1) + rng.choice([")", ")", ")", ""])
    if roll < 0.86:
        return rng.choice(["(", ")", "((", "))"])
    return rng.choice(ODD)


def query(rng: random.Random, depth: int = 0) -> str:
    """One random query (possibly empty or broken)."""
    count = rng.randint(1, 7 if depth == 0 else 4)
    separator = rng.choice([" ", " ", " ", "", "  "])
    return separator.join(_piece(rng, depth) for _ in range(count))


def queries(seed: int, count: int) -> list[str]:
    """``count`` queries from one seed: the same list every run, so a failure can be replayed."""
    rng = random.Random(seed)
    return [query(rng) for _ in range(count)]
