"""A term's block scores are Whoosh's own matcher scores, bit for bit, for rare and frequent terms, with a boost."""

from __future__ import annotations

import random
from pathlib import Path

from whoosh import query as wq

from caseview.search import scoring
from caseview.search.scoring import Ranker
from caseview.workspace import Workspace

WORDS = ["harbour", "ledger", "pilot", "quarry", "salt", "timber", "vessel", "wharf"]


def _corpus(root: Path, documents: int = 1600) -> Path:
    """Short documents of varied length in which some words occur once, others several times."""
    rng = random.Random(3)
    root.mkdir()
    for number in range(documents):
        words = [rng.choice(WORDS[:2]) for _ in range(rng.randint(1, 4))]  # frequent, tf often 1
        words += [WORDS[3 + number % 5]] * rng.choice([1, 1, 1, 2, 3])  # rarer, tf up to 3
        words += ["filler"] * rng.randint(0, 30)
        rng.shuffle(words)
        (root / f"d{number:05d}.txt").write_text(" ".join(words), "utf-8")
    return root


def test_term_scores_equal_whoosh_matcher_scores_bit_for_bit(tmp_path: Path) -> None:
    workspace = Workspace.open(_corpus(tmp_path / "c"))
    try:
        searcher = workspace.index.searcher()
        ranker = Ranker(searcher)
        frequent = 0
        for fieldname in ("body", "exact"):
            for word in WORDS:
                text = next(token.text for token in searcher.schema[fieldname].analyzer(word))
                frequent += ranker.doc_frequency(fieldname, text) >= scoring._TABLE_FROM
                for boost in (1.0, 1.7):
                    matcher = wq.Term(fieldname, text, boost=boost).matcher(searcher, searcher.context())
                    expected: dict[int, float] = {}
                    while matcher.is_active():
                        expected[matcher.id()] = matcher.score()
                        matcher.next()
                    ours = ranker.term_scores(fieldname, text, boost)
                    assert ours.keys() == expected.keys(), (fieldname, word, boost)
                    assert all(ours[doc].hex() == expected[doc].hex() for doc in expected), (fieldname, word, boost)
        assert frequent >= 2  # the table of frequency-1 scores was used
    finally:
        workspace.close()
