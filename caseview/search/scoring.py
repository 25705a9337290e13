"""BM25F scores of the leaves of a query (terms, phrases, ranges), read a posting block at a time.

:class:`Ranker` holds one searcher's statistics (per-field length tables and BM25F norms) and scores
a term's postings a whole block at a time with Whoosh's own formula, statistics and field lengths;
the helpers combine children's scores in the same order-preserving binary tree as Whoosh's
matchers, so sums are added in Whoosh's order. :mod:`caseview.search.ranking` walks a query with them.
"""

from __future__ import annotations

import heapq
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass
from math import log
from weakref import WeakKeyDictionary

from whoosh import query as wq
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from caseview.search.postings import PostingValue, Unsupported, block_values, blocks, length_bytes
from caseview.search.term_infos import TermInfo, term_info
from caseview.search.term_lists import ranged_terms
from caseview.search.whoosh_types import IndexReader, Searcher, WhooshQuery

__all__ = [
    "OutOfTime",
    "Ranker",
    "Restriction",
    "Scores",
    "Unsupported",
    "in_order",
    "intersect_in_tree_order",
    "union_in_tree_order",
]

Scores = dict[int, float]
#: Global docnums a node need only be evaluated for (``None``: every document).
Restriction = Collection[int] | None


#: A term with at least this many postings scores those of frequency 1 from a table of its 256 values.
_TABLE_FROM = 1024

#: Each segment reader's encoded field lengths, per field: they never change for a segment.
_segment_lengths: WeakKeyDictionary[IndexReader, dict[str, bytes]] = WeakKeyDictionary()
_lengths_lock = threading.Lock()


def carry_over_lengths(old: IndexReader, new: IndexReader) -> None:
    """Give ``new``, a reader of the same segment as ``old``, the length tables read through ``old``."""
    with _lengths_lock:
        lengths = _segment_lengths.get(old)
        if lengths:
            _segment_lengths.setdefault(new, {}).update(lengths)


class OutOfTime(Exception):
    """The deadline passed while ranking."""


@dataclass
class _Segment:
    searcher: Searcher
    offset: int
    deleted: frozenset[int]


class Ranker:
    """Ranks queries against one searcher; caches per-field length tables for the searcher's lifetime."""

    def __init__(self, searcher: Searcher) -> None:
        weighting = searcher.weighting
        if type(weighting) is not BM25F or weighting._field_B:
            raise Unsupported("only the default BM25F weighting is mirrored")
        self.searcher = searcher
        self.B: float = weighting.B
        self.K1: float = weighting.K1
        self.segments = [
            _Segment(sub, offset, frozenset(getattr(sub.reader(), "deleted_docs_set", ())))
            for sub, offset in searcher.leaf_searchers()
        ]
        self._norms: dict[str, list[float]] = {}

    # -- statistics --------------------------------------------------------------------------
    def _length_bytes(self, index: int, fieldname: str) -> bytes:
        """The encoded length of ``fieldname`` in each document of segment ``index`` (0 = none).

        Kept with the segment's reader, which a reopened searcher keeps for an unchanged segment.
        """
        reader = self.segments[index].searcher.reader()
        with _lengths_lock:
            cached = _segment_lengths.get(reader, {}).get(fieldname)
        if cached is None:
            cached = length_bytes(reader, fieldname)
            with _lengths_lock:
                cached = _segment_lengths.setdefault(reader, {}).setdefault(fieldname, cached)
        return cached

    def _norm_table(self, fieldname: str) -> list[float]:
        """``K1 * ((1 - B) + B * fl / avgfl)`` for each encoded length, exactly as ``whoosh.scoring.bm25`` has it."""
        table = self._norms.get(fieldname)
        if table is None:
            avgfl: float = self.searcher.avg_field_length(fieldname) or 1
            B, K1 = self.B, self.K1
            table = [K1 * ((1 - B) + B * byte_to_length(code) / avgfl) for code in range(256)]
            self._norms[fieldname] = table
        return table

    def _term_infos(self, fieldname: str, btext: bytes) -> list[TermInfo | None]:
        """The term's info in each segment (``None`` where it is absent), from the segments' caches."""
        return [term_info(segment.searcher.reader(), fieldname, btext) for segment in self.segments]

    def _idf(self, fieldname: str, btext: bytes, infos: list[TermInfo | None]) -> float:
        """Whoosh's idf (``WeightingModel.idf``: ``log(N / (n + 1)) + 1``, ``n`` summed over the
        segments as ``MultiReader.doc_frequency`` sums it), from the cached term infos."""
        frequency = sum(int(info.doc_frequency()) for info in infos if info is not None)
        return float(log(self.searcher.doc_count_all() / (frequency + 1)) + 1)

    def doc_frequency(self, fieldname: str, text: str | bytes) -> int:
        """Whoosh's ``doc_frequency`` of a term, from the cached term infos."""
        field_obj = self.searcher.schema[fieldname]
        btext = text if isinstance(text, bytes) else field_obj.to_bytes(text)
        infos = self._term_infos(fieldname, btext)
        return sum(int(info.doc_frequency()) for info in infos if info is not None)

    # -- leaves ------------------------------------------------------------------------------
    def _local_wanted(self, restrict: Restriction, index: int) -> tuple[list[int], set[int]] | None:
        """The restriction as sorted segment-local docnums (and as a set), or None for no restriction."""
        if restrict is None:
            return None
        if len(self.segments) == 1:
            local = sorted(restrict)  # global docnums are the segment's own: no pass in Python
            return local, set(local)
        segment = self.segments[index]
        low = segment.offset
        high = low + segment.searcher.reader().doc_count_all()
        local = sorted(doc - low for doc in restrict if low <= doc < high)
        return local, set(local)

    def term_scores(
        self, fieldname: str, text: str | bytes, boost: float = 1.0, restrict: Restriction = None
    ) -> Scores:
        """Documents containing the term (only those in ``restrict``, if given), with the BM25F score
        (times ``boost``) Whoosh gives them."""
        searcher = self.searcher
        if fieldname not in searcher.schema:
            return {}
        field_obj = searcher.schema[fieldname]
        btext = text if isinstance(text, bytes) else field_obj.to_bytes(text)
        infos = self._term_infos(fieldname, btext)
        if not any(info is not None for info in infos):
            return {}
        scorable = field_obj.scorable
        if scorable:
            idf = self._idf(fieldname, btext, infos)
            k1_plus_1 = self.K1 + 1
            norm = self._norm_table(fieldname)
            # Most postings of a paragraph corpus have a term frequency of 1: their score depends on
            # the length code alone, so a term with many postings looks it up in a table made with
            # the very same operations (bit-identical) instead of computing it per posting.
            once: list[float] | None = None
            if sum(int(info.doc_frequency()) for info in infos if info is not None) >= _TABLE_FROM:
                once = [idf * ((1.0 * k1_plus_1) / (1.0 + code_norm)) for code_norm in norm]
                if boost != 1.0:
                    once = [value * boost for value in once]
        scores: Scores = {}
        for index, segment in enumerate(self.segments):
            reader = segment.searcher.reader()
            if infos[index] is None:
                continue
            offset = segment.offset
            deleted = segment.deleted
            lengths = self._length_bytes(index, fieldname) if scorable else b""
            wanted = self._local_wanted(restrict, index)
            if wanted is not None and not wanted[0]:
                continue
            keep = wanted[1] if wanted is not None else None
            for ids, weights in blocks(reader, fieldname, btext, wanted[0] if wanted else None):
                if keep is not None and scorable and not deleted:
                    # Restricted (the second word of an AND or a phrase): the postings kept are
                    # scored in the same pass that picks them. ``x * 1.0 == x``, so the boost
                    # multiplies every score as in the unrestricted branches below, bit for bit.
                    if once is not None:
                        scores.update(
                            {
                                doc + offset: once[lengths[doc]]
                                if tf == 1.0
                                else idf * ((tf * k1_plus_1) / (tf + norm[lengths[doc]])) * boost
                                for doc, tf in zip(ids, weights, strict=True)
                                if doc in keep
                            }
                        )
                    else:
                        scores.update(
                            {
                                doc + offset: idf * ((tf * k1_plus_1) / (tf + norm[lengths[doc]])) * boost
                                for doc, tf in zip(ids, weights, strict=True)
                                if doc in keep
                            }
                        )
                    continue
                if keep is not None:
                    kept = [i for i, doc in enumerate(ids) if doc in keep]
                    if len(kept) < len(ids):
                        ids, weights = [ids[i] for i in kept], [weights[i] for i in kept]
                if scorable:
                    # Whoosh: idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * fl / avgfl))), times
                    # the boost after (its WrappingMatcher), in one pass.
                    if once is not None and boost != 1.0:
                        values = [
                            once[lengths[doc]]
                            if tf == 1.0
                            else idf * ((tf * k1_plus_1) / (tf + norm[lengths[doc]])) * boost
                            for doc, tf in zip(ids, weights, strict=True)
                        ]
                    elif once is not None:
                        values = [
                            once[lengths[doc]] if tf == 1.0 else idf * ((tf * k1_plus_1) / (tf + norm[lengths[doc]]))
                            for doc, tf in zip(ids, weights, strict=True)
                        ]
                    elif boost != 1.0:
                        values = [
                            idf * ((tf * k1_plus_1) / (tf + norm[lengths[doc]])) * boost
                            for doc, tf in zip(ids, weights, strict=True)
                        ]
                    else:
                        values = [
                            idf * ((tf * k1_plus_1) / (tf + norm[lengths[doc]]))
                            for doc, tf in zip(ids, weights, strict=True)
                        ]
                else:
                    values = [tf * boost for tf in weights] if boost != 1.0 else list(weights)
                if deleted:
                    scores.update(
                        (doc + offset, value) for doc, value in zip(ids, values, strict=True) if doc not in deleted
                    )
                elif offset:
                    scores.update(zip([doc + offset for doc in ids], values, strict=True))
                else:
                    scores.update(zip(ids, values, strict=True))
        return scores

    def term_page(self, fieldname: str, text: str | bytes, boost: float, limit: int) -> tuple[Scores, int]:
        """The documents of one term that can be among its best ``limit`` (with more, and Whoosh's
        scores), and how many documents have the term, without a dictionary of every match.

        Documents come in increasing docnum order: one that does not beat the ``limit``-th best score
        seen so far has ``limit`` documents before it that score at least as much, so it cannot be on
        the page (among equal scores the lower docnum ranks first), and a block whose best score does
        not beat it is passed over whole.
        """
        field_obj = self.searcher.schema[fieldname]
        btext = text if isinstance(text, bytes) else field_obj.to_bytes(text)
        infos = self._term_infos(fieldname, btext)
        if not field_obj.scorable or limit <= 0:
            scores = self.term_scores(fieldname, btext, boost)
            return scores, len(scores)
        if not any(info is not None for info in infos):
            return {}, 0
        idf = self._idf(fieldname, btext, infos)
        k1_plus_1 = self.K1 + 1
        norm = self._norm_table(fieldname)
        once: list[float] | None = None  # as in term_scores: the same values, bit for bit
        if sum(int(info.doc_frequency()) for info in infos if info is not None) >= _TABLE_FROM:
            once = [idf * ((1.0 * k1_plus_1) / (1.0 + code_norm)) for code_norm in norm]
            if boost != 1.0:
                once = [value * boost for value in once]
        page: Scores = {}
        best: list[float] = []  # the ``limit`` best scores so far, the lowest first
        total = 0
        for index, segment in enumerate(self.segments):
            if infos[index] is None:
                continue
            reader = segment.searcher.reader()
            offset = segment.offset
            deleted = segment.deleted
            lengths = self._length_bytes(index, fieldname)
            for ids, weights in blocks(reader, fieldname, btext):
                # ``x * 1.0 == x``: with the boost always applied, term_scores' values bit for bit.
                if once is not None:
                    values = [
                        once[lengths[doc]]
                        if tf == 1.0
                        else idf * ((tf * k1_plus_1) / (tf + norm[lengths[doc]])) * boost
                        for doc, tf in zip(ids, weights, strict=True)
                    ]
                else:
                    values = [
                        idf * ((tf * k1_plus_1) / (tf + norm[lengths[doc]])) * boost
                        for doc, tf in zip(ids, weights, strict=True)
                    ]
                if deleted:
                    kept = [(doc, value) for doc, value in zip(ids, values, strict=True) if doc not in deleted]
                    total += len(kept)
                else:
                    total += len(ids)
                    if len(best) == limit and max(values) <= best[0]:
                        continue
                    kept = list(zip(ids, values, strict=True))
                for doc, value in kept:
                    if len(best) < limit:
                        heapq.heappush(best, value)
                        page[doc + offset] = value
                    elif value > best[0]:
                        heapq.heapreplace(best, value)
                        page[doc + offset] = value
        return page, total

    def leaf_scores(self, node: WhooshQuery, restrict: Restriction = None) -> Scores:
        """Any other leaf query (ranges, …): its documents and scores as Whoosh's own matcher gives them."""
        constant = self._constant_score_terms(node)
        if constant is not None:
            score, terms = constant
            return dict.fromkeys(self.docs_with_any(terms, restrict), score)
        scores: Scores = {}
        context = self.searcher.context(needs_current=True)
        for index, segment in enumerate(self.segments):
            matcher = node.matcher(segment.searcher, context)
            offset = segment.offset
            wanted = self._local_wanted(restrict, index)
            if wanted is None:
                while matcher.is_active():
                    scores[matcher.id() + offset] = matcher.score()
                    matcher.next()
                continue
            for doc in wanted[0]:
                if not matcher.is_active():
                    break
                matcher.skip_to(doc)
                if matcher.is_active() and matcher.id() == doc:
                    scores[doc + offset] = matcher.score()
        return scores

    def _constant_score_terms(self, node: WhooshQuery) -> tuple[float, list[tuple[str, bytes]]] | None:
        """For a constant-scoring range (``date:[…]``): its score and the index terms it stands for."""
        if not isinstance(node, wq.NumericRange) or not node.constantscore:
            return None
        reader = self.searcher.reader()
        compiled = node._compile_query(reader)
        if compiled is wq.NullQuery:
            return node.boost, []
        if not isinstance(compiled, wq.ConstantScoreQuery):
            return None
        terms: list[tuple[str, bytes]] = []
        pending = [compiled.child]
        while pending:
            part = pending.pop()
            if isinstance(part, wq.Term):
                text = part.text if isinstance(part.text, bytes) else reader.schema[part.fieldname].to_bytes(part.text)
                terms.append((part.fieldname, text))
            elif isinstance(part, wq.TermRange):
                terms.extend((part.fieldname, btext) for btext, _ in ranged_terms(reader, part))
            elif isinstance(part, wq.Or):
                pending.extend(part.subqueries)
            else:
                return None
        return compiled.score, terms

    def docs_with_any(self, terms: list[tuple[str, bytes]], restrict: Restriction = None) -> set[int]:
        """Global docnums (not deleted) having any of ``terms`` (only those in ``restrict``, if given)."""
        found: set[int] = set()
        for index, segment in enumerate(self.segments):
            reader = segment.searcher.reader()
            wanted = self._local_wanted(restrict, index)
            if wanted is not None and not wanted[0]:
                continue
            local: set[int] = set()
            for fieldname, btext in terms:
                if term_info(reader, fieldname, btext) is not None:
                    for ids, _ in blocks(reader, fieldname, btext, wanted[0] if wanted else None):
                        local.update(ids)
            if wanted is not None:
                local &= wanted[1]
            local -= segment.deleted
            offset = segment.offset
            found.update(doc + offset for doc in local) if offset else found.update(local)
        return found

    # -- phrases -----------------------------------------------------------------------------
    def phrase_candidates(self, node: WhooshQuery, restrict: Restriction = None) -> Scores:
        """Documents with every word of the phrase, scored as Whoosh scores the phrase (the sum of its words)."""
        if not node.words:
            return {}
        # The rarest word first; the others are read only for the documents that have it.
        order = sorted(range(len(node.words)), key=lambda i: self.doc_frequency(node.fieldname, node.words[i]))
        word_scores: list[Scores] = [{} for _ in node.words]
        for position in order:
            word_scores[position] = self.term_scores(node.fieldname, node.words[position], restrict=restrict)
            if not word_scores[position]:
                return {}
            restrict = word_scores[position].keys()
        combined = intersect_in_tree_order(word_scores)
        if node.boost != 1.0:
            combined = {doc: value * node.boost for doc, value in combined.items()}
        return combined

    def phrase_matches(self, node: WhooshQuery, docnums: Collection[int], deadline: float) -> set[int]:
        """Which of ``docnums`` contain the phrase (words in order, at most ``slop`` apart).

        Positions are decoded only from the posting blocks that hold one of ``docnums``.
        """
        field_obj = self.searcher.schema[node.fieldname]
        decode = field_obj.format.decoder("positions")
        btexts = [field_obj.to_bytes(word) for word in node.words]
        found: set[int] = set()
        for index, segment in enumerate(self.segments):
            wanted = self._local_wanted(docnums, index)
            if wanted is None or not wanted[0]:
                continue
            local, local_set = wanted
            reader = segment.searcher.reader()
            per_word: list[dict[int, PostingValue]] = []
            for btext in btexts:
                if term_info(reader, node.fieldname, btext) is None:
                    break
                values: dict[int, PostingValue] = {}
                for ids, encoded in block_values(reader, node.fieldname, btext, local):
                    values.update((doc, value) for doc, value in zip(ids, encoded, strict=True) if doc in local_set)
                per_word.append(values)
            else:
                for doc in local:
                    if time.perf_counter() > deadline:
                        raise OutOfTime
                    if all(doc in values for values in per_word) and in_order(
                        [decode(values[doc]) for values in per_word], node.slop
                    ):
                        found.add(doc + segment.offset)
        return found


def in_order(positions: list[list[int]], slop: int) -> bool:
    """Whoosh's ordered SpanNear: each word 1..slop positions after the previous one."""
    frontier = set(positions[0])
    for following in positions[1:]:
        frontier = (
            {p for p in following if any(1 <= p - q <= slop for q in frontier)}
            if slop > 1
            else {p for p in following if p - 1 in frontier}
        )
        if not frontier:
            return False
    return True


def intersect_in_tree_order(children: list[Scores]) -> Scores:
    """Documents in every child; the score is the sum in Whoosh's order-preserving binary tree."""
    if len(children) == 1:
        return children[0]
    middle = len(children) // 2
    left = intersect_in_tree_order(children[:middle])
    right = intersect_in_tree_order(children[middle:])
    if len(left) > len(right):
        return {doc: left[doc] + value for doc, value in right.items() if doc in left}
    return {doc: value + right[doc] for doc, value in left.items() if doc in right}


def union_in_tree_order(children: list[Scores]) -> Scores:
    """Documents in any child; scores summed in Whoosh's order-preserving binary tree of unions."""
    if len(children) == 1:
        return children[0]
    middle = len(children) // 2
    left = union_in_tree_order(children[:middle])
    right = union_in_tree_order(children[middle:])
    # The smaller side is merged into the larger: floating-point addition is commutative (only its
    # grouping, the tree, changes a sum), so ``previous + value`` is Whoosh's left + right either
    # way, and a Python step is taken per document of the smaller side only. A side merged here is
    # merged into in place; a child's own dict (a leaf's scores, kept for its matched fields) is copied.
    if len(right) > len(left):
        larger, smaller, made_here = right, left, len(children) - middle > 1
    else:
        larger, smaller, made_here = left, right, middle > 1
    merged = larger if made_here else dict(larger)
    get = merged.get
    for doc, value in smaller.items():
        previous = get(doc)
        merged[doc] = value if previous is None else previous + value
    return merged
