"""The page of an OR found by summing only the documents near it is the page of the whole union, bit for bit."""

from __future__ import annotations

import random

from caseview.search.pruned import union_candidates
from caseview.search.ranking import _ranked_order
from caseview.search.scoring import union_in_tree_order


def _children(rng: random.Random) -> list[dict[int, float]]:
    """Children of very different sizes; some documents hold the same scores in other children (sums
    that tie, or differ only by the order of their additions) and some values repeat (exact ties)."""
    values = [rng.uniform(0.1, 12.0) for _ in range(rng.choice([3, 50, 10_000]))]
    children: list[dict[int, float]] = [{} for _ in range(rng.choice([2, 3, 7, 16, 128]))]
    for child in children:
        for _ in range(rng.choice([0, 1, 30, 300])):
            child[rng.randrange(2_000)] = rng.choice(values)
    for doc in rng.sample(range(2_000, 2_400), 60):  # the same three scores, in another order
        places = rng.sample(range(len(children)), min(3, len(children)))
        for place, value in zip(places, rng.sample(values[:3], min(3, len(values))), strict=False):
            children[place][doc] = value
    return children


def test_the_page_scores_and_total_are_those_of_the_whole_union() -> None:
    rng = random.Random(17)
    pruned_pages = 0
    for case in range(400):
        children = _children(rng)
        copies = [dict(child) for child in children]
        whole = union_in_tree_order([dict(child) for child in children])
        for limit in (1, 5, 20, 100):
            found = union_candidates(children, limit)
            if found is None:
                continue
            pruned_pages += len(found.scores) < len(whole)
            assert found.total == len(whole), case
            ours = _ranked_order(found.scores, limit)
            expected = _ranked_order(whole, limit)
            assert [doc for doc, _ in ours] == [doc for doc, _ in expected], (case, limit)
            assert [score.hex() for _, score in ours] == [score.hex() for _, score in expected], (case, limit)
        assert children == copies  # the leaves' own scores are left as they were
    assert pruned_pages > 300  # most pages left documents out


def test_too_few_documents_to_leave_any_out_sums_them_all() -> None:
    assert union_candidates([{1: 1.0, 2: 2.0}, {2: 1.0}], limit=20) is None
    assert union_candidates([dict.fromkeys(range(100), 1.0), {}], limit=20) is None  # one child: nothing to sum
