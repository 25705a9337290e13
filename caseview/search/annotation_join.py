"""``tag:`` and ``note:`` clauses answered by the annotation index and joined into the main query.

Each leaf of a query on those fields (a term, a phrase, a prefix/wildcard/fuzzy term expanded
against the annotation index's words) is scored there, by Whoosh's own matcher and BM25F with the
corpus's statistics (see :mod:`caseview.search.annotation_index`), and replaced by an
:class:`AnnotationLeaf`: the documents it matched, by id, with those scores. The rest of the tree
is untouched, so ``tag:x AND pentagon``, ``NOT tag:x`` or ``note:"an exact phrase" OR mythos``
combine the leaf's scores in the order Whoosh always did — the same hits, scores and order as
when the fields were in the main index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher

from caseview.search.annotation_index import ANNOTATION_FIELDS
from caseview.search.expansion import expand_leaf
from caseview.search.whoosh_types import IndexReader, Searcher, WhooshQuery

__all__ = ["AnnotationLeaf", "join_annotations"]


class _LeafMatcher(ListMatcher):  # type: ignore[misc]
    """A list of (main index) docnums and their scores that names its field as the term it matched."""

    def matching_terms(self, id: int | None = None) -> Iterator[tuple[str, Any]]:
        if self.is_active() and (id is None or self.id() == id) and self._term is not None:
            yield self._term

    def copy(self) -> _LeafMatcher:
        return _LeafMatcher(self._ids, self._weights, position=self._i, term=self._term)


class AnnotationLeaf(wq.Query):  # type: ignore[misc]
    """A ``tag:``/``note:`` leaf resolved against the annotation index: its documents' ids and scores."""

    def __init__(self, original: WhooshQuery, scores: Mapping[str, float]) -> None:
        self.original = original
        self.scores = dict(scores)
        self.boost = 1.0  # the original's boost is in its scores already

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AnnotationLeaf) and other.original == self.original and other.scores == self.scores

    def __hash__(self) -> int:
        return hash((AnnotationLeaf, self.original))

    def __repr__(self) -> str:
        return f"AnnotationLeaf({self.original!r}, {len(self.scores)} documents)"

    def __unicode__(self) -> str:
        return str(self.original)

    __str__ = __unicode__

    def is_leaf(self) -> bool:
        return True

    def field(self) -> str:
        name: str = self.original.field()
        return name

    def _term(self) -> tuple[str, Any]:
        return (self.field(), getattr(self.original, "text", None) or " ".join(getattr(self.original, "words", ())))

    def estimate_size(self, ixreader: IndexReader) -> int:
        return len(self.scores)

    def estimate_min_size(self, ixreader: IndexReader) -> int:
        return len(self.scores)

    def matcher(self, searcher: Searcher, context: Any = None) -> Any:
        """The leaf's documents in ``searcher``'s reader (one segment's docnums, or all of them)."""
        reader = searcher.reader()
        found: list[tuple[int, float]] = []
        for doc_id, score in self.scores.items():
            if ("id", doc_id) not in reader:
                continue  # not in this segment (or gone from the corpus since it was tagged)
            for docnum in reader.postings("id", doc_id).all_ids():
                if not reader.is_deleted(docnum):
                    found.append((docnum, score))
        if not found:
            return NullMatcher()
        found.sort()
        return _LeafMatcher([docnum for docnum, _ in found], [score for _, score in found], term=self._term())


def _is_annotation_leaf(node: WhooshQuery) -> bool:
    if not node.is_leaf() or isinstance(node, AnnotationLeaf):
        return False
    name = node.field() if hasattr(node, "field") else None
    return name in ANNOTATION_FIELDS


def _scores(node: WhooshQuery, searcher: Searcher) -> dict[str, float]:
    """Each document ``node`` matches in the annotation index, by id, with Whoosh's score for it there."""
    scores: dict[str, float] = {}
    context = searcher.context(needs_current=True)
    for sub, _offset in searcher.leaf_searchers():
        matcher = node.matcher(sub, context)
        while matcher.is_active():
            scores[str(sub.stored_fields(matcher.id())["doc_id"])] = matcher.score()
            matcher.next()
    return scores


def join_annotations(
    query: WhooshQuery, annotation_searcher: Callable[[], Searcher], deadline: float | None = None
) -> tuple[WhooshQuery, bool]:
    """Replace every ``tag:``/``note:`` leaf of ``query`` by its :class:`AnnotationLeaf` (prefix, wildcard
    and fuzzy terms expanded against the annotation index first); True if an expansion was capped.

    ``annotation_searcher`` is asked only when the query has such a leaf."""
    capped_any = False
    opened: list[Searcher] = []

    def searcher_now() -> Searcher:
        if not opened:
            opened.append(annotation_searcher())
        return opened[0]

    def resolve(leaf: WhooshQuery) -> WhooshQuery:
        if leaf is wq.NullQuery:
            return leaf
        if isinstance(leaf, wq.Or):
            return leaf.apply(resolve)
        return AnnotationLeaf(leaf, _scores(leaf, searcher_now()))

    def visit(node: WhooshQuery) -> WhooshQuery:
        nonlocal capped_any
        if _is_annotation_leaf(node):
            if isinstance(node, wq.MultiTerm) and not isinstance(node, wq.Term):
                expanded, capped = expand_leaf(node, searcher_now().reader(), deadline)
                capped_any = capped_any or capped
                return resolve(expanded)
            return resolve(node)
        if node.is_leaf():
            return node
        return node.apply(visit)

    return visit(query), capped_any
