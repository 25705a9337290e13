"""The best documents of an OR of many terms, without summing every match in Whoosh's tree order.

A prefix term stands for up to 128 words: ``con*`` at 200,000 paragraphs is an OR whose words
match 186,000 times in 102,000 paragraphs. Whoosh adds a document's scores in the order-preserving
binary tree of its union matchers, and merging the dictionaries of that tree level by level took
378,000 Python steps, twice the matches, a third of the search. Here every match is added once,
in any order, and only the documents whose sum comes close to the page's last one are summed again
in the tree's order. Two sums of the same positive numbers in different orders differ by less than
128 roundings (a few parts in 10¹⁴); "close" is a part in 10⁹, so every document left out has at
least ``limit`` documents scoring *above* it in Whoosh's order too, never equal: the page, its
order among equal scores (the lower document first) and every score are Whoosh's, and the total
is every document counted.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from heapq import nlargest

from caseview.search.scoring import Scores, union_in_tree_order

#: How far below the page's last sum (in any order) a document's sum may be and still be summed
#: again in the tree's order: far above what the order of 128 additions can change.
_SLACK = 1e-9


@dataclass(frozen=True)
class Candidates:
    """The scores of the only documents that can be among the best ``limit``, and how many match."""

    scores: Scores
    total: int


def union_candidates(children: list[Scores], limit: int) -> Candidates | None:
    """The documents of the union of ``children`` (each a leaf's scores, in the OR's order) that can
    be among its best ``limit``, with their scores summed as :func:`union_in_tree_order` sums them;
    ``None`` when there is nothing to leave out (then sum them all)."""
    live = [child for child in children if child]
    if len(live) < 2 or limit <= 0:
        return None
    largest = max(live, key=len)
    sums = dict(largest)
    get = sums.get
    for child in live:
        if child is largest:
            continue
        for doc, value in child.items():
            previous = get(doc)
            sums[doc] = value if previous is None else previous + value
    if len(sums) <= limit:
        return None
    threshold = nlargest(limit, sums.values())[-1] * (1 - _SLACK)
    near = {doc for doc, value in sums.items() if value >= threshold}
    return Candidates(_restricted_union(children, near), len(sums))


def _restricted_union(children: list[Scores], docs: Collection[int]) -> Scores:
    """The union in tree order of ``children`` restricted to ``docs``: every child keeps its place
    in the tree (an empty one too), so each document's sum is grouped as in the whole union."""
    return union_in_tree_order([{doc: child[doc] for doc in child.keys() & docs} for child in children])
