"""Counting words for messages: ``1 match``, ``2 matches``, ``1 entity``, ``3 entities``.

Every count caseview prints goes through :func:`plural`, so no message says "1 matches" (issue 13, bug 10).
"""

from __future__ import annotations

#: Nouns whose plural is not made by the rules below.
_IRREGULAR = {"match": "matches", "person": "people", "analysis": "analyses"}


def plural_of(noun: str) -> str:
    """``match`` → ``matches``, ``entity`` → ``entities``, ``doc`` → ``docs``."""
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def plural(count: int, noun: str) -> str:
    """``1 passage``, ``2 passages``, ``0 matches``."""
    return f"{count} {noun if count == 1 else plural_of(noun)}"
