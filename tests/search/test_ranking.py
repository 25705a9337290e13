"""The block ranker gives Whoosh's own ranking: same documents, same order, same scores, same fields."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from caseview.search import index as index_module
from caseview.search.query import prepare_query
from caseview.search.ranking import Ranker, Unsupported
from caseview.workspace import Workspace

QUERIES = [
    "government",
    "mythos",
    "anthropic pentagon",
    "access AND model",
    "access OR security",
    "supply chain",
    '"supply chain risk"',
    '"the administration"',
    '"united states"~2',
    "title:anthropic",
    "outlet:times",
    "anthropic NOT pentagon",
    "model ANDMAYBE access",
    "secur*",
    "Bessent~",
    "acess~2",
    "claude^3 model",
    "date:[2020 TO 2030]",
    "anthropic date:[2026 TO 2027]",
    "the",
    "(mythos OR claude) AND (government OR pentagon)",
    "path:003*",
    "NOT mythos",
]


def _paragraph_corpus(seed_corpus: Path, target: Path, copies: int = 2) -> Path:
    """The seed articles split into paragraphs, twice over (so identical scores tie), with sidecar dates."""
    target.mkdir()
    for copy in range(copies):
        for article in sorted(seed_corpus.glob("*.txt")):
            paragraphs = [part.strip() for part in article.read_text("utf-8").split("\n") if part.strip()]
            for number, paragraph in enumerate(paragraphs):
                path = target / f"c{copy}-{article.stem}-{number:03d}.txt"
                path.write_text(paragraph, "utf-8")
                year = 2019 + (number % 9)
                path.with_name(path.name + ".meta.json").write_text(f'{{"date": "{year}-03-0{1 + copy}"}}', "utf-8")
    return target


def _both_rankings(workspace: Workspace, text: str) -> tuple[object, object]:
    index = workspace.index
    searcher, ranker = index._searcher_and_ranker()
    prepared = prepare_query(text, searcher.reader(), index._parser)
    whoosh = index._rank_with_collector(searcher, prepared, 20, 30.0)
    try:
        ours = index._rank_fast(ranker, prepared, 20, time.perf_counter() + 30.0)
    except Unsupported:
        ours = None
    return whoosh, ours


@pytest.fixture
def paragraphs(seed_corpus: Path, tmp_path: Path) -> Workspace:
    workspace = Workspace.open(_paragraph_corpus(seed_corpus, tmp_path / "paragraphs"))
    yield workspace
    workspace.close()


def _assert_same(whoosh, ours, text: str) -> None:
    assert [doc for doc, _, _ in ours.top] == [doc for doc, _, _ in whoosh.top], text
    assert [score for _, score, _ in ours.top] == pytest.approx([score for _, score, _ in whoosh.top], rel=1e-12), text
    assert [fields for _, _, fields in ours.top] == [fields for _, _, fields in whoosh.top], text
    if not whoosh.total_is_estimate:
        assert ours.total == whoosh.total, text


@pytest.mark.parametrize("text", QUERIES)
def test_block_ranking_equals_whoosh_ranking(paragraphs: Workspace, text: str) -> None:
    whoosh, ours = _both_rankings(paragraphs, text)
    if ours is None:
        assert text.startswith("NOT"), f"{text!r} should be ranked by blocks"
        return
    _assert_same(whoosh, ours, text)


def test_block_ranking_skips_deleted_documents_of_older_segments(paragraphs: Workspace) -> None:
    changed = sorted(paragraphs.root.glob("c0-*.txt"))[3]
    changed.write_text(changed.read_text("utf-8") + " government government", "utf-8")
    paragraphs.refresh()
    assert len(paragraphs.index.ix._segments()) > 1
    for text in ("government", '"supply chain"', "anthropic"):
        whoosh, ours = _both_rankings(paragraphs, text)
        _assert_same(whoosh, ours, text)


def test_block_ranking_reads_every_segment_of_an_index_built_in_parts(seed_corpus: Path, tmp_path: Path) -> None:
    corpus = _paragraph_corpus(seed_corpus, tmp_path / "bulk")
    later = {path: path.read_text("utf-8") for path in sorted(corpus.glob("c1-*.txt"))}
    for path in later:
        path.unlink()
    workspace = Workspace.open(corpus)
    for path, text in later.items():
        path.write_text(text, "utf-8")
    workspace.refresh()
    try:
        assert len(workspace.index.ix._segments()) >= 2
        for text in ("government", "anthropic pentagon", '"supply chain risk"', "date:[2020 TO 2024]"):
            whoosh, ours = _both_rankings(workspace, text)
            _assert_same(whoosh, ours, text)
    finally:
        workspace.close()


def test_a_phrase_over_many_candidates_checks_only_enough_of_them(
    paragraphs: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "EXACT_COUNT_LIMIT", 0)  # as on a large index: the total becomes an estimate
    whoosh, ours = _both_rankings(paragraphs, '"the administration"')
    assert [doc for doc, _, _ in ours.top] == [doc for doc, _, _ in whoosh.top]
    assert ours.total_is_estimate


def test_a_custom_weighting_is_not_mirrored(paragraphs: Workspace) -> None:
    from whoosh.scoring import TF_IDF

    with paragraphs.index.ix.searcher(weighting=TF_IDF()) as searcher, pytest.raises(Unsupported):
        Ranker(searcher)


def test_an_and_reads_only_the_blocks_that_can_match(tmp_path: Path) -> None:
    corpus = tmp_path / "blocks"
    corpus.mkdir()
    for number in range(420):
        words = ["common"] * (1 + number % 3) + [f"w{number % 11}", "filler"] * (1 + number % 5)
        if 10 <= number < 16 or 380 <= number < 390:
            words.append("rare")
        if number % 97 == 0:
            words.append("seldom")
        path = corpus / f"d{number:04d}.txt"
        path.write_text(" ".join(words), "utf-8")
        path.with_name(path.name + ".meta.json").write_text(f'{{"date": "{1990 + number % 30}-01-01"}}', "utf-8")
    workspace = Workspace.open(corpus)
    try:
        for text in (
            "rare common",
            "common rare",
            "common AND w3",
            "seldom OR rare",
            "common NOT rare",
            "common date:[2000 TO 2005]",
            "rare date:[1990 TO 2019]",
            '"common common" rare',
            "common ANDMAYBE rare",
        ):
            whoosh, ours = _both_rankings(workspace, text)
            _assert_same(whoosh, ours, text)
    finally:
        workspace.close()


def test_a_large_update_of_an_existing_index_replaces_every_document_once(seed_corpus: Path, tmp_path: Path) -> None:
    workspace = Workspace.open(_paragraph_corpus(seed_corpus, tmp_path / "bulk-update"))
    try:
        changed = sorted(workspace.root.glob("*.txt"))[:30]
        for path in changed:
            path.write_text(path.read_text("utf-8") + " zyzzyva", "utf-8")
        report = workspace.refresh()
        assert len(report.indexed) == 30
        assert workspace.index.doc_count() == len(workspace.documents())
        assert sorted(hit.doc_id for hit in workspace.search("zyzzyva", limit=100).hits) == sorted(
            p.name for p in changed
        )
        whoosh, ours = _both_rankings(workspace, "anthropic")
        _assert_same(whoosh, ours, "anthropic")
    finally:
        workspace.close()


def test_a_phrase_with_more_candidates_than_the_exact_limit_checks_only_what_the_page_needs(
    paragraphs: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from caseview.search import ranking

    monkeypatch.setattr(ranking, "PHRASE_EXACT_LIMIT", 0)
    checked: list[int] = []
    real_phrase_matches = Ranker.phrase_matches

    def counting(self: Ranker, node: object, docnums: list[int], deadline: float) -> set[int]:
        checked.extend(docnums)
        return real_phrase_matches(self, node, docnums, deadline)

    monkeypatch.setattr(Ranker, "phrase_matches", counting)
    index = paragraphs.index
    searcher, ranker = index._searcher_and_ranker()
    prepared = prepare_query('"of the"', searcher.reader(), index._parser)
    candidates = ranker.phrase_candidates(prepared.whoosh_query)
    whoosh = index._rank_with_collector(searcher, prepared, 3, 30.0)
    ours = index._rank_fast(ranker, prepared, 3, time.perf_counter() + 30.0)
    assert [(doc, score) for doc, score, _ in ours.top] == [(doc, score) for doc, score, _ in whoosh.top]
    assert ours.total_is_estimate and len(ours.top) <= ours.total <= len(candidates)
    assert 0 < len(checked) < len(candidates), "every candidate's positions were decoded"


def test_a_term_in_many_blocks_ranks_as_whoosh_without_scoring_every_match(tmp_path: Path) -> None:
    """One word in 900 paragraphs (posting blocks of 128), many of them tied, over two segments, one
    with deletions: the page, its ties in docnum order, scores and total are Whoosh's, and the ranker
    kept a score for only some of the matches."""
    corpus = tmp_path / "many"
    corpus.mkdir()
    for number in range(900):
        words = ["treaty"] * (1 + number % 4) + [f"w{number % 7}"] * (number % 9) + ["filler"]
        (corpus / f"d{number:03d}.txt").write_text(" ".join(words), "utf-8")
    workspace = Workspace.open(corpus)
    try:
        for number in range(0, 900, 37):  # rewritten: deleted in the first segment, added in a second
            path = corpus / f"d{number:03d}.txt"
            path.write_text(path.read_text("utf-8") + " treaty", "utf-8")
        (corpus / "d005.txt").unlink()
        workspace.refresh()
        assert len(workspace.index.ix._segments()) >= 2
        searcher, ranker = workspace.index._searcher_and_ranker()
        for text, limit in (("treaty", 20), ("treaty", 1), ("title:treaty", 20), ("body:treaty^2", 20), ("w3", 50)):
            whoosh, ours = _both_rankings(workspace, text)
            _assert_same(whoosh, ours, text)
            query = prepare_query(text, searcher.reader(), workspace.index._parser).whoosh_query
            term = query if not hasattr(query, "subqueries") else query.subqueries[0]
            page, total = ranker.term_page(term.fieldname, term.text, term.boost, limit)
            everything = ranker.term_scores(term.fieldname, term.text, term.boost)
            assert total == len(everything), text
            assert page.items() <= everything.items(), text
            if text == "treaty":
                assert whoosh.total == 899
                assert len(page) < len(everything) / 2
    finally:
        workspace.close()
