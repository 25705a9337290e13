"""Scores of an OR are summed in Whoosh's binary tree, bit for bit, whichever side is merged into which."""

from __future__ import annotations

import random

from caseview.search.scoring import union_in_tree_order


def _whoosh_tree(children: list[dict[int, float]]) -> dict[int, float]:
    """The union as Whoosh's UnionMatcher tree adds it: left + right at every node."""
    if len(children) == 1:
        return dict(children[0])
    middle = len(children) // 2
    left, right = _whoosh_tree(children[:middle]), _whoosh_tree(children[middle:])
    return {
        doc: left[doc] + right[doc] if doc in left and doc in right else left.get(doc, right.get(doc, 0.0))
        for doc in left.keys() | right.keys()
    }


def test_union_sums_are_whoosh_tree_sums_bit_for_bit() -> None:
    rng = random.Random(5)
    for _ in range(200):
        children = []
        for _ in range(rng.choice([1, 2, 3, 5, 8, 17, 128])):
            size = rng.choice([0, 1, 10, 100, 400])  # sides of very different sizes
            children.append({rng.randrange(600): rng.uniform(0.1, 9.0) * 10 ** rng.randint(-3, 3) for _ in range(size)})
        copies = [dict(child) for child in children]
        merged = union_in_tree_order(children)
        expected = _whoosh_tree(children)
        assert merged.keys() == expected.keys()
        assert all(merged[doc].hex() == expected[doc].hex() for doc in expected)
        assert children == copies  # a child's own scores are never merged into
