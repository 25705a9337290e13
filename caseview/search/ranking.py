"""Ranked retrieval for the common query shapes, scoring whole posting blocks instead of one document at a time.

Whoosh's collector spends 15–30 µs of Python per matching document (matcher tree, collector, scorer,
one length look-up each), so a term in 45,000 of 200,000 paragraphs takes about a second. Its
block-quality skipping does not help BM25 on short documents. Here a term's postings are read a
block at a time (Whoosh's own decoded id and weight arrays) and scored in one comprehension with
the *same* BM25F formula, statistics and field-length table as Whoosh, so the scores are Whoosh's
(to the last bit for one or two clauses; with more, only the order of the floating-point additions
can differ). Ties rank the lower document number first, as Whoosh's collector does.

Supported: ``Term``, ``And``, ``Or``, ``AndNot``, ``AndMaybe``, ``Not`` inside ``And``, ``Phrase``
(candidates by their words; when the phrase is required, positions are checked only for the best
candidates, as many as the page needs, unless there are few enough to check them all for an exact
total), and any other leaf (date ranges…) through Whoosh's own matcher. Anything else
raises :class:`Unsupported`, and the caller uses Whoosh's collector.

Postings are read by :mod:`caseview.search.postings` (Whoosh internals); whoosh-reloaded is pinned
to 2.7.5 and ``tests/search/test_ranking.py`` compares every result with Whoosh's own.
"""

from __future__ import annotations

import heapq
import math
import time
from dataclasses import dataclass, field
from typing import NamedTuple

from whoosh import query as wq

from caseview.search.pruned import union_candidates
from caseview.search.scoring import (
    OutOfTime,
    Ranker,
    Restriction,
    Scores,
    Unsupported,
    intersect_in_tree_order,
    union_in_tree_order,
)
from caseview.search.whoosh_types import WhooshQuery

__all__ = ["PHRASE_EXACT_LIMIT", "OutOfTime", "Ranked", "Ranker", "ScoredDoc", "Unsupported", "rank"]

#: Up to this many candidates of a required phrase are all checked, for an exact total; above it
#: only the best candidates are, as many as the page of results needs (~15 µs of position decoding
#: each: checking all 3,482 paragraphs of 25,488 with "united states" took 50 ms of CPU).
PHRASE_EXACT_LIMIT = 500


class ScoredDoc(NamedTuple):
    """A document (global docnum) and its score."""

    docnum: int
    score: float


@dataclass
class Ranked:
    """The best ``limit`` documents (best first) and what else is known about the match."""

    top: list[ScoredDoc]
    total: int
    total_is_estimate: bool
    #: For each top document, the fields of the query's leaves that it matched.
    matched_fields: dict[int, frozenset[str]] = field(default_factory=dict)
    #: The deadline passed: these are the best documents found by then (the total an estimate).
    timed_out: bool = False


@dataclass
class _LeafHit:
    """One leaf of the query with the documents it matched, for ``matched_fields``."""

    fieldname: str
    docs: Scores


class _Evaluation:
    """One query's evaluation: scores per node, phrase checks deferred where they only filter."""

    def __init__(self, ranker: Ranker, deadline: float) -> None:
        self.ranker = ranker
        self.deadline = deadline
        self.leaves: list[_LeafHit] = []
        #: Phrases every result must still satisfy (checked only for the documents shown).
        self.deferred: list[WhooshQuery] = []

    def _check_time(self) -> None:
        if time.perf_counter() > self.deadline:
            raise OutOfTime

    def evaluate(self, node: WhooshQuery, required: bool, restrict: Restriction = None) -> Scores:
        """Scores of the documents matching ``node``; ``required``: every result must match it.

        With ``restrict``, only documents in it are evaluated (the others cannot be results): an AND
        evaluates its most selective part first and the rest only for the documents that part found.
        """
        self._check_time()
        if node is wq.NullQuery or isinstance(node, wq.NullQuery.__class__):
            return {}
        if isinstance(node, wq.Term):
            scores = self.ranker.term_scores(node.fieldname, node.text, node.boost, restrict)
            self.leaves.append(_LeafHit(node.fieldname, scores))
            return scores
        if isinstance(node, wq.Phrase):
            candidates = self.ranker.phrase_candidates(node, restrict)
            self.leaves.append(_LeafHit(node.fieldname, candidates))
            if required:
                self.deferred.append(node)
                return candidates
            matching = self.ranker.phrase_matches(node, list(candidates), self.deadline)
            return {doc: value for doc, value in candidates.items() if doc in matching}
        if isinstance(node, wq.AndNot):
            positive = self.evaluate(node.a, required, restrict)
            negative = self.evaluate(node.b, False, positive.keys())
            return _boosted({doc: value for doc, value in positive.items() if doc not in negative}, node.boost)
        if isinstance(node, wq.AndMaybe):
            required_part = self.evaluate(node.a, required, restrict)
            optional = self.evaluate(node.b, False, required_part.keys())
            combined = {
                doc: value + optional[doc] if doc in optional else value for doc, value in required_part.items()
            }
            return _boosted(combined, node.boost)
        if isinstance(node, wq.And):
            positives = [child for child in node.subqueries if not isinstance(child, wq.Not)]
            negatives = [child.query for child in node.subqueries if isinstance(child, wq.Not)]
            if not positives:
                raise Unsupported("a purely negative query")
            results: list[Scores] = [{} for _ in positives]
            for position in sorted(range(len(positives)), key=lambda i: _estimated_size(positives[i], self.ranker)):
                results[position] = self.evaluate(positives[position], required, restrict)
                if not results[position]:
                    return {}
                restrict = results[position].keys()
            scores = intersect_in_tree_order(results)
            for negative in negatives:
                # Whoosh intersects with an InverseMatcher, which scores every document it lets through 1.0.
                excluded = self.evaluate(negative, False, scores.keys())
                scores = {doc: value + 1.0 for doc, value in scores.items() if doc not in excluded}
            return _boosted(scores, node.boost)
        if isinstance(node, wq.Or):
            if getattr(node, "scale", None) or getattr(node, "minmatch", 0):
                raise Unsupported("Or with scale or minmatch")
            if any(isinstance(child, wq.Not) for child in node.subqueries):
                raise Unsupported("a negation inside OR")
            return _boosted(
                union_in_tree_order([self.evaluate(child, False, restrict) for child in node.subqueries]), node.boost
            )
        if isinstance(node, wq.Not) or not node.is_leaf():
            raise Unsupported(type(node).__name__)
        scores = self.ranker.leaf_scores(node, restrict)
        leaf_field = node.field() if hasattr(node, "field") else None
        if leaf_field:
            self.leaves.append(_LeafHit(leaf_field, scores))
        return scores


def _estimated_size(node: WhooshQuery, ranker: Ranker) -> float:
    """Whoosh's ``estimate_size`` of ``node`` (what an AND evaluates first), from the cached term infos
    and term lists for terms, phrases, date ranges and their ANDs and ORs: Whoosh's own walks the
    on-disk term table for a date range, a third of ``war date:[1941 TO 1945]``'s time."""
    try:
        return float(_estimate(node, ranker))
    except Exception:  # a query kind Whoosh cannot estimate: evaluate it last
        return float("inf")


def _estimate(node: WhooshQuery, ranker: Ranker) -> int:
    """``node.estimate_size(reader)`` as Whoosh computes it (the same sums, minima and caps)."""
    reader = ranker.searcher.reader()
    if isinstance(node, wq.Term):
        if node.fieldname not in reader.schema:
            return 0
        try:
            btext = node.text if isinstance(node.text, bytes) else reader.schema[node.fieldname].to_bytes(node.text)
        except ValueError:
            return 0
        return ranker.doc_frequency(node.fieldname, btext)
    if isinstance(node, wq.Phrase):  # Whoosh: the AND of its words
        return min(_estimate(wq.Term(node.fieldname, word), ranker) for word in node.words)
    if isinstance(node, wq.NumericRange):
        constant = ranker._constant_score_terms(node)
        if constant is not None:  # the compiled ORs of tier terms and ranges: their frequencies summed
            return sum(ranker.doc_frequency(fieldname, btext) for fieldname, btext in constant[1])
    if type(node) in (wq.And, wq.Or):
        sizes = [_estimate(child, ranker) for child in node.subqueries]
        if isinstance(node, wq.And):
            return min(sizes)
        count: int = reader.doc_count()
        return min(sum(sizes), count)
    estimated: int = node.estimate_size(reader)
    return estimated


def _boosted(scores: Scores, boost: float) -> Scores:
    return scores if boost == 1.0 else {doc: value * boost for doc, value in scores.items()}


def _ranked_order(scores: Scores, count: int) -> list[ScoredDoc]:
    """The ``count`` best documents: highest score first, lower docnum first among equals (as Whoosh).

    The page is what sorting every document by ``(-score, docnum)`` and keeping ``count`` gives,
    without sorting them all: the ``count``-th best score (found among bare floats, at C speed)
    splits the documents into those above it (fewer than ``count``, sorted) and those tied with it,
    of which only the lowest docnums are needed. A date range scores every match alike: 60,000
    tied documents were sorted whole for a page of 20.
    """
    if count <= 0 or not scores:
        return []
    if len(scores) <= count:
        return _page(sorted(scores.items(), key=_best_first))
    best = heapq.nlargest(count, scores.values())
    threshold = best[-1]
    if best[0] == threshold and list(scores.values()).count(threshold) == len(scores):
        # Every match scores alike (a date range alone): no Python loop over them at all.
        return [ScoredDoc(doc, scores[doc]) for doc in heapq.nsmallest(count, scores)]
    # One pass over the matches: those at or above the page's last score, as plain pairs (a
    # ScoredDoc is made by a Python function: only for the page).
    chosen = [(doc, value) for doc, value in scores.items() if value >= threshold]
    if len(chosen) <= 4 * count:
        chosen.sort(key=_best_first)
        return _page(chosen[:count])
    above = [pair for pair in chosen if pair[1] > threshold]
    above.sort(key=_best_first)
    tied = heapq.nsmallest(count - len(above), [doc for doc, value in chosen if value == threshold])
    return _page(above) + [ScoredDoc(doc, scores[doc]) for doc in tied]


def _page(pairs: list[tuple[int, float]]) -> list[ScoredDoc]:
    return [ScoredDoc(doc, value) for doc, value in pairs]


def _best_first(pair: tuple[int, float]) -> tuple[float, int]:
    return -pair[1], pair[0]


def rank(ranker: Ranker, query: WhooshQuery, limit: int, exact_count_limit: int, deadline: float) -> Ranked:
    """The top ``limit`` documents for ``query``; raises :class:`Unsupported`, or :class:`OutOfTime` when
    the deadline passes before it has any (with some, they come back marked ``timed_out``: the
    words of an OR scored in time, the candidates of a phrase verified in time)."""
    evaluation = _Evaluation(ranker, deadline)
    terms = [query] if type(query) is wq.Term else list(query.subqueries) if _plain_or(query) else []
    single = _only_term_found(terms, ranker)
    if single is not None:
        # One term (a word in the body, not in any title): its page without a score for every match.
        page, total = ranker.term_page(single.fieldname, single.text, single.boost, limit)
        evaluation.leaves = [_LeafHit(term.fieldname, page if term is single else {}) for term in terms]
        return _ranked(evaluation, _ranked_order(page, limit), total, False)
    if _plain_or(query):
        # Each word's scores, then only the documents that can reach the page summed (caseview.search.pruned).
        children: list[Scores] = []
        try:
            for child in query.subqueries:
                children.append(evaluation.evaluate(child, False))
        except OutOfTime:
            if not children:
                raise
            # Every document found matches the OR: the best by the words scored in time.
            partial = union_in_tree_order(children)
            return _ranked(evaluation, _ranked_order(partial, limit), len(partial), True, timed_out=True)
        pruned = union_candidates(children, limit)
        if pruned is not None:
            return _ranked(evaluation, _ranked_order(pruned.scores, limit), pruned.total, False)
        scores = union_in_tree_order(children)
    else:
        scores = evaluation.evaluate(query, required=True)
    estimate = False
    total = len(scores)
    if evaluation.deferred:
        if len(scores) <= min(exact_count_limit, PHRASE_EXACT_LIMIT):
            # Few enough candidates: check them all, for an exact total.
            for phrase in evaluation.deferred:
                matching = ranker.phrase_matches(phrase, list(scores), deadline)
                scores = {doc: value for doc, value in scores.items() if doc in matching}
            top = _ranked_order(scores, limit)
            total = len(scores)
        else:
            # Positions are decoded only for the best candidates, as many as the page needs; the
            # total is the candidates times the share of those checked that held the phrase.
            top, checked = _verified_top(ranker, evaluation.deferred, scores, limit, deadline)
            total = round(len(scores) * checked.verified / checked.checked) if checked.checked else 0
            total = max(total, len(top))
            return _ranked(evaluation, top, total, True, timed_out=checked.timed_out)
    else:
        top = _ranked_order(scores, limit)
    return _ranked(evaluation, top, total, estimate)


def _only_term_found(terms: list[WhooshQuery], ranker: Ranker) -> WhooshQuery | None:
    """The one term of ``terms`` that is in the index, if only one is (the others match nothing)."""
    found = []
    for term in terms:
        if term.fieldname not in ranker.searcher.schema:
            continue
        try:
            if ranker.doc_frequency(term.fieldname, term.text):
                found.append(term)
        except ValueError:  # a text the field cannot hold
            return None
    return found[0] if len(found) == 1 else None


def _plain_or(query: WhooshQuery) -> bool:
    """An OR of terms (a prefix, wildcard or fuzzy term's words) that :func:`union_candidates` can rank."""
    return (
        type(query) is wq.Or
        and len(query.subqueries) > 1
        and query.boost == 1.0
        and not getattr(query, "scale", None)
        and not getattr(query, "minmatch", 0)
        and all(type(child) is wq.Term for child in query.subqueries)
    )


def _ranked(
    evaluation: _Evaluation, top: list[ScoredDoc], total: int, estimate: bool, timed_out: bool = False
) -> Ranked:
    matched = {doc: frozenset(leaf.fieldname for leaf in evaluation.leaves if doc in leaf.docs) for doc, _ in top}
    return Ranked(top=top, total=total, total_is_estimate=estimate, matched_fields=matched, timed_out=timed_out)


@dataclass
class _Checked:
    """How many phrase candidates were checked, and how many of them held the phrase."""

    checked: int = 0
    verified: int = 0
    #: The deadline passed before enough candidates were checked: the page holds those that were.
    timed_out: bool = False


def _verified_top(
    ranker: Ranker, phrases: list[WhooshQuery], scores: Scores, limit: int, deadline: float
) -> tuple[list[ScoredDoc], _Checked]:
    """The best ``limit`` candidates that really contain the phrases, checking as few as needed.

    The first batch (the best ``2 * limit`` candidates, about a millisecond) is checked even past
    the deadline, so that a search out of time still shows the best candidates that hold the
    phrase; past it, the candidates verified by then are the page (marked ``timed_out``)."""
    wanted = max(limit * 2, 16)
    checked = 0
    verified: list[ScoredDoc] = []
    while True:
        batch = _ranked_order(scores, wanted)[checked:]
        if not batch:
            return verified[:limit], _Checked(checked, len(verified))
        docnums = [doc for doc, _ in batch]
        matching = set(docnums)
        try:
            for phrase in phrases:
                matching &= ranker.phrase_matches(phrase, docnums, deadline if checked else math.inf)
        except OutOfTime:
            if not verified:
                raise  # nothing to show: what is left of the time goes to Whoosh's collector
            return verified[:limit], _Checked(checked, len(verified), timed_out=True)
        verified.extend(item for item in batch if item[0] in matching)
        checked += len(batch)
        if len(verified) >= limit or checked >= len(scores):
            return verified[:limit], _Checked(checked, len(verified))
        wanted *= 4
