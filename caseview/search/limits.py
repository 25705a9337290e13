"""How big a query may be, so every search ends within its time limit.

Whoosh's parser takes time that grows faster than the query (1,500 ANDed terms took 3 s to parse
alone), and every term is a posting list to walk. A query past these limits is refused with a
message saying which limit and by how much, before anything is parsed; the limits are far above
what an analyst types or pastes (a 100-word quote, a 100-term list of names).
"""

from __future__ import annotations

#: Characters in one query.
MAX_QUERY_CHARS = 4000
#: Search terms in one query (a quoted phrase counts once, a field with its value counts once).
MAX_QUERY_TERMS = 100
#: Words in one quoted phrase.
MAX_PHRASE_WORDS = 100
#: Parentheses inside parentheses.
MAX_NESTING = 20
_SPLIT = "(split it into several searches)"


def too_long(length: int) -> str | None:
    """Why a query of ``length`` characters is refused, or ``None`` if it is not too long."""
    if length <= MAX_QUERY_CHARS:
        return None
    return f"the query is {length:,} characters long; at most {MAX_QUERY_CHARS:,} are searched {_SPLIT}"


def too_many_terms(count: int) -> str | None:
    if count <= MAX_QUERY_TERMS:
        return None
    return f"the query has {count:,} search terms; at most {MAX_QUERY_TERMS:,} are searched {_SPLIT}"


def phrase_too_long(words: int) -> str | None:
    if words <= MAX_PHRASE_WORDS:
        return None
    return f"this phrase has {words:,} words; at most {MAX_PHRASE_WORDS:,} are searched (quote a shorter part of it)"


def too_deep(depth: int) -> str | None:
    if depth <= MAX_NESTING:
        return None
    return f"parentheses are nested more than {MAX_NESTING} deep here"
