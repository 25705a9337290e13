"""A page of results is what sorting every match by score (best first, lower docnum among equals) gives."""

from __future__ import annotations

import random

from caseview.search.ranking import ScoredDoc, _ranked_order


def _fully_sorted(scores: dict[int, float], count: int) -> list[ScoredDoc]:
    return sorted((ScoredDoc(doc, value) for doc, value in scores.items()), key=lambda d: (-d.score, d.docnum))[:count]


def test_a_page_of_tied_scores_is_the_lowest_docnums() -> None:
    """A date range scores every match 1.0: the page is its first documents, in docnum order."""
    docs = random.Random(7).sample(range(200_000), 60_000)
    scores = dict.fromkeys(docs, 1.0)
    assert _ranked_order(scores, 20) == _fully_sorted(scores, 20)
    assert [doc for doc, _ in _ranked_order(scores, 20)] == sorted(docs)[:20]


def test_the_page_equals_the_fully_sorted_page_with_and_without_ties() -> None:
    rng = random.Random(11)
    for case in range(300):
        size = rng.choice([0, 1, 5, 19, 20, 21, 64, 500])
        distinct = rng.choice([1, 2, 3, 10, 1000])
        values = [rng.random() for _ in range(distinct)] + [0.0, -0.0]
        docs = rng.sample(range(10 * size + 10), size)
        scores = {doc: rng.choice(values) for doc in docs}
        for count in (0, 1, 10, 20, 50, 1000):
            ours = _ranked_order(scores, count)
            expected = _fully_sorted(scores, count)
            assert ours == expected, (case, count)
            # The same float objects' values, sign of zero included.
            assert [str(score) for _, score in ours] == [str(score) for _, score in expected], (case, count)
