"""Issue 13, bug 10: a fuzzy term ranks its closest words first. ``Besant~2`` matches "Bessent" and
"best" (two edits each); the article naming Bessent ranks ahead of one that only says "best", even
when that one says it often."""

from __future__ import annotations

from pathlib import Path

from caseview.search.expansion import fuzzy_weight
from caseview.workspace import Workspace


def test_the_closest_word_weighs_most() -> None:
    assert fuzzy_weight("besant", "besant") == 1.0
    assert fuzzy_weight("besant", "bessent") > fuzzy_weight("besant", "best") > 0


def test_besant_finds_bessent_before_best(tmp_path: Path) -> None:
    corpus = tmp_path / "fuzzy"
    corpus.mkdir()
    (corpus / "a_best.txt").write_text(
        "Best practices\nThe best advice, the best team and the best plan: best of all, best wishes.\n",
        encoding="utf-8",
    )
    (corpus / "b_treasury.txt").write_text(
        "Treasury talks\nTreasury Secretary Scott Bessent met the company's chief executive on Monday.\n",
        encoding="utf-8",
    )
    workspace = Workspace(corpus)
    try:
        workspace.refresh()
        hits = workspace.search("Besant~2").hits
    finally:
        workspace.close()
    assert [hit.doc_id for hit in hits] == ["b_treasury.txt", "a_best.txt"]
