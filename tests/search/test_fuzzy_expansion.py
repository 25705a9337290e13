"""Fuzzy terms expand to exactly the words Whoosh's own ``terms_within`` finds, on one or many segments."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query as wq

from caseview.search.query import fuzzy_words
from caseview.workspace import Workspace

PROBES = [
    "anthropc",
    "pentagn",
    "goverment",
    "besant",
    "mythos",
    "acces",
    "secretary",
    "modle",
    "ai",
    "x",
    "claud",
    "teh",
]


@pytest.mark.parametrize("maxdist", [1, 2])
@pytest.mark.parametrize("prefix", [0, 1, 2])
def test_expansion_equals_whoosh_on_a_multi_segment_index(multi_segment: Workspace, maxdist: int, prefix: int) -> None:
    reader = multi_segment.index.searcher().reader()
    assert not reader.is_atomic()
    for probe in PROBES:
        for fieldname in ("body", "title"):
            term = wq.FuzzyTerm(fieldname, probe, maxdist=maxdist, prefixlength=prefix)
            assert fuzzy_words(term, reader) == sorted(term._btexts(reader)), (probe, fieldname)


@pytest.fixture
def one_segment(seed_corpus: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(seed_corpus)
    yield workspace
    workspace.close()


def test_expansion_equals_whoosh_automaton_on_a_one_segment_index(one_segment: Workspace) -> None:
    """One segment: Whoosh's Levenshtein automaton (no transpositions: "teh" is not "the" within one
    edit there) is what the word table and its filters must reproduce, word for word and in order."""
    reader = one_segment.index.searcher().reader()
    assert reader.is_atomic()
    for maxdist in (1, 2):
        for prefix in (0, 1, 2):
            for probe in [*PROBES, "teh", "nad", "recesion", "secretray", "goverments"]:
                if prefix > len(probe):
                    continue  # Whoosh's automaton fails on a prefix longer than the word
                for fieldname in ("body", "exact", "title"):
                    term = wq.FuzzyTerm(fieldname, probe, maxdist=maxdist, prefixlength=prefix)
                    assert fuzzy_words(term, reader) == list(term._btexts(reader)), (probe, fieldname, maxdist, prefix)


def test_a_transposition_is_two_edits_on_one_segment_as_in_whoosh(one_segment: Workspace) -> None:
    reader = one_segment.index.searcher().reader()
    term = wq.FuzzyTerm("exact", "teh", maxdist=1, prefixlength=1)
    assert "the" not in fuzzy_words(term, reader)
    assert "the" in fuzzy_words(wq.FuzzyTerm("exact", "teh", maxdist=2, prefixlength=1), reader)


def test_a_fuzzy_expansion_cut_by_the_deadline_before_any_word_says_it_was_capped(
    multi_segment: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found at 200,000 documents under load: `goverment~` answered 0 documents, not partial, when the
    search's deadline passed while the words were compared. Nothing found in time is not "no match"."""
    from caseview.search import expansion

    reader = multi_segment.index.searcher().reader()
    clock = iter([0.0])  # the first look at the clock is before the deadline, every later one after

    def perf_counter() -> float:
        return next(clock, 10.0)

    monkeypatch.setattr(expansion.time, "perf_counter", perf_counter)
    expanded, capped = expansion.expand_leaf(wq.FuzzyTerm("body", "goverment", maxdist=1), reader, deadline=1.0)
    assert expanded is wq.NullQuery
    assert capped


def test_fuzzy_tags_and_notes_expand_on_the_annotation_index_as_whoosh_does(tmp_path: Path) -> None:
    """tag:/note: leaves are expanded against the annotation index's reader (one segment there too)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The Pentagon issued a designation.", "utf-8")
    (corpus / "b.txt").write_text("Nothing to see here.", "utf-8")
    workspace = Workspace.open(corpus)
    try:
        workspace.annotate_quote("a.txt", "issued a designation", tags=["designation"], note="Checked twice")
        assert [hit.doc_id for hit in workspace.search("tag:designatoin~2").hits] == ["a.txt"]
        assert [hit.doc_id for hit in workspace.search("note:chekced~2").hits] == ["a.txt"]
        searcher = workspace.index.annotations.searcher(workspace.index.searcher().doc_count_all())
        reader = searcher.reader()
        for fieldname, probe in (("tag", "designatoin"), ("note", "chekced"), ("tag", "nothing")):
            for maxdist in (1, 2):
                term = wq.FuzzyTerm(fieldname, probe, maxdist=maxdist, prefixlength=0)
                expected = list(term._btexts(reader))
                assert fuzzy_words(term, reader) == (expected if reader.is_atomic() else sorted(expected))
    finally:
        workspace.close()


def test_a_fuzzy_tag_on_an_empty_annotation_index_matches_nothing(seed_corpus: Path) -> None:
    """Found by the generated-query test: the empty annotation index's reader names no segment."""
    workspace = Workspace.open(seed_corpus)
    try:
        results = workspace.search("tag:designatoin~2 OR note:chekced~")
        assert results.hits == [] and not results.partial
        assert workspace.search("mythos OR tag:x~").total == workspace.search("mythos").total
    finally:
        workspace.close()
