"""Prefix, wildcard and fuzzy terms expanded against the index, to a bounded number of its words.

At most ``MAX_EXPANSION`` index terms (the most frequent first) stand for one such term, so that
``con*`` on a large index costs milliseconds rather than seconds; a capped expansion marks the
results as partial.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections.abc import Iterable
from itertools import islice

from whoosh import query as wq
from whoosh.query.terms import PatternQuery
from whoosh.support.levenshtein import distance as edit_distance  # what Whoosh's terms_within uses

from caseview.search.edit_distance import damerau_within, levenshtein_within
from caseview.search.term_lists import doc_frequency, prefixed_terms, ranged_terms, words_by_length
from caseview.search.whoosh_types import IndexReader, WhooshQuery

#: Index terms one prefix/wildcard/fuzzy term may expand to.
MAX_EXPANSION = 128
#: Candidate terms looked at to choose the most frequent ones, before giving up on completeness.
MAX_EXPANSION_SCAN = 20_000


def _expand(term_query: WhooshQuery, reader: IndexReader, deadline: float | None) -> tuple[WhooshQuery, bool]:
    """Replace a prefix/wildcard/fuzzy term by an OR of its most frequent index terms; True if capped.

    Past ``deadline`` (a ``time.perf_counter()`` value) the scan stops with the words found so far.
    """
    fieldname = term_query.field()
    candidates: list[tuple[int, bytes | str]] = []
    capped = False
    if deadline is not None and time.perf_counter() > deadline:
        # No time left to expand: the term stands for itself as written ("anthropic~2" for
        # "anthropic"), which narrows rather than widens an AND, and the results say partial. A
        # range has no text of its own: it stands for nothing.
        text = getattr(term_query, "text", None)
        if not isinstance(text, str):
            return wq.NullQuery, True
        return wq.Term(fieldname, text, boost=term_query.boost), True
    fuzzy = isinstance(term_query, wq.FuzzyTerm)
    for count, (btext, frequency) in enumerate(_expansion(term_query, reader, deadline)):
        if count >= MAX_EXPANSION_SCAN or (deadline is not None and time.perf_counter() > deadline):
            capped = True
            break
        candidates.append((frequency, btext))
    # A fuzzy expansion stopped by the deadline returns what it found, maybe nothing: still capped.
    capped = capped or (fuzzy and deadline is not None and time.perf_counter() > deadline)
    if len(candidates) > MAX_EXPANSION:
        capped = True
        candidates.sort(key=lambda pair: -pair[0])
        candidates = candidates[:MAX_EXPANSION]
    field_obj = reader.schema[fieldname]
    # Fuzzy expansion yields str, the others bytes.
    words = [btext if isinstance(btext, str) else field_obj.from_bytes(btext) for _, btext in candidates]
    if isinstance(term_query, wq.FuzzyTerm):
        terms = [
            wq.Term(fieldname, word, boost=term_query.boost * fuzzy_weight(term_query.text, word)) for word in words
        ]
    else:
        terms = [wq.Term(fieldname, word, boost=term_query.boost) for word in words]
    if not terms:
        return wq.NullQuery, capped  # nothing found in time is a partial answer, not "no match"
    return (terms[0] if len(terms) == 1 else wq.Or(terms)), capped


def _expansion(
    term_query: WhooshQuery, reader: IndexReader, deadline: float | None
) -> Iterable[tuple[bytes | str, int]]:
    """The words ``term_query`` stands for, in Whoosh's order (byte order), each with its document
    frequency: prefixes, patterns and ranges from the cached term lists, the other kinds as Whoosh
    expands them."""
    fieldname = term_query.field()
    if fieldname in reader.schema and isinstance(term_query, PatternQuery):
        field_obj = reader.schema[fieldname]
        if isinstance(term_query, wq.Prefix):
            return prefixed_terms(reader, fieldname, field_obj.to_bytes(term_query.text))
        # Wildcard and Regex: Whoosh's own _btexts, over the cached words instead of the term table.
        pattern = re.compile(term_query._get_pattern())
        literal = term_query._find_prefix(term_query.text)
        prefix = field_obj.to_bytes(literal) if literal else b""
        from_bytes = field_obj.from_bytes
        return [pair for pair in prefixed_terms(reader, fieldname, prefix) if pattern.match(from_bytes(pair[0]))]
    if isinstance(term_query, wq.FuzzyTerm) and fieldname in reader.schema:
        to_bytes = reader.schema[fieldname].to_bytes
        return (
            (word, doc_frequency(reader, fieldname, to_bytes(word)))
            for word in fuzzy_words(term_query, reader, deadline)
        )
    if isinstance(term_query, wq.TermRange):
        return ranged_terms(reader, term_query)
    return ((btext, reader.doc_frequency(fieldname, btext)) for btext in term_query._btexts(reader))


def expand_leaf(term_query: WhooshQuery, reader: IndexReader, deadline: float | None) -> tuple[WhooshQuery, bool]:
    """One prefix/wildcard/fuzzy leaf expanded against ``reader`` (the annotation index's, for ``tag:``/``note:``)."""
    return _expand(term_query, reader, deadline)


def fuzzy_weight(wanted: str, word: str) -> float:
    """How much a word a fuzzy term matched counts, in (0, 1]: fully for the word itself or one edit
    away, a third less for every further edit or letter of difference in length. So ``Besant~2``
    ranks "bessent" (2 edits, one letter longer) well ahead of "best" (2 edits, two letters shorter),
    however often "best" occurs (issue 13, bug 10)."""
    steps = edit_distance(word, wanted) + abs(len(word) - len(wanted))
    return float(min(1.0, (1 / 3) ** (steps - 1)))


def fuzzy_words(term_query: WhooshQuery, reader: IndexReader, deadline: float | None = None) -> list[str]:
    """The words a ``FuzzyTerm`` expands to: exactly Whoosh's, without scanning every word.

    Whoosh compares every word of the field with a Damerau-Levenshtein distance in Python on a
    multi-segment reader (seconds at 200,000 documents), and on one segment builds a Levenshtein
    automaton in Python and seeks through the term table with it (0.3–0.9 s for ``recesion~2`` at
    200,000 documents). Here the field's words come from the cached word table
    (:func:`~caseview.search.term_lists.words_by_length`: grouped by length, sorted), and only the
    words with the prefix (found by bisection), a length within the distance and no more letters
    missing or new than edits allowed are compared (:mod:`~caseview.search.edit_distance`), by the
    distance Whoosh uses for that reader: plain Levenshtein for one segment (what its automaton
    accepts), Damerau-Levenshtein for several. Length and letters are necessary conditions, so the
    words are Whoosh's, in its (byte) order.
    """
    fieldname: str = term_query.fieldname
    if fieldname not in reader.schema or reader.schema[fieldname].separate_spelling():
        return _whoosh_fuzzy_words(term_query, reader, deadline)
    text: str = term_query.text
    maxdist: int = term_query.maxdist
    prefix = text[: term_query.prefixlength]
    within = levenshtein_within if reader.is_atomic() else damerau_within
    letters = set(text)
    found = []
    table = words_by_length(reader, fieldname)
    for length in range(max(len(prefix), len(text) - maxdist), len(text) + maxdist + 1):
        if deadline is not None and time.perf_counter() > deadline:
            break
        words = table.get(length)
        if not words:
            continue
        for word in islice(words, bisect_left(words, prefix) if prefix else 0, None):
            if prefix and not word.startswith(prefix):
                break  # sorted: the words with the prefix are together
            # An edit brings in at most one letter the text lacks, and takes away at most one it has.
            if (
                len(letters.difference(word)) <= maxdist
                and len(set(word).difference(letters)) <= maxdist
                and within(word, text, maxdist)
            ):
                found.append(word)
    return sorted(found)


def _whoosh_fuzzy_words(term_query: WhooshQuery, reader: IndexReader, deadline: float | None) -> list[str]:
    """Whoosh's own expansion (a field with a separate spelling field, or none in the schema)."""
    found: list[str] = []
    for btext in term_query._btexts(reader):
        found.append(btext)
        if deadline is not None and time.perf_counter() > deadline:
            break  # the caller sees the deadline passed and marks the expansion capped
    return sorted(found)


def bound_expansions(
    query: WhooshQuery, reader: IndexReader, deadline: float | None = None
) -> tuple[WhooshQuery, bool]:
    """Expand every multi-term leaf of ``query`` against ``reader``; True if any expansion was capped.

    Past ``deadline`` the expansions still to do stand for their own text (and count as capped): a search
    of a hundred fuzzy terms ends in time rather than after the last one is expanded.
    """
    capped_any = False

    def visit(node: WhooshQuery) -> WhooshQuery:
        nonlocal capped_any
        if isinstance(node, wq.MultiTerm) and not isinstance(node, wq.Term):
            expanded, capped = _expand(node, reader, deadline)
            capped_any = capped_any or capped
            return expanded
        if node.is_leaf():
            return node
        return node.apply(visit)

    return visit(query).normalize(), capped_any
