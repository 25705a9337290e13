"""Searching a real Whoosh index of the seeds: every kind of query, with offsets that slice exactly."""

from pathlib import Path

import pytest

from caseview.search import QuerySyntaxError
from caseview.search.schema import body_analyzer
from caseview.workspace import Workspace


@pytest.fixture
def workspace(prepared_seed_corpus: Path) -> Workspace:
    return Workspace.open(prepared_seed_corpus)


def _matched_texts(workspace: Workspace, query: str) -> dict[str, list[str]]:
    results = workspace.search(query, limit=20)
    return {
        hit.doc_id: [workspace.document(hit.doc_id).text[m.start : m.end] for m in hit.matches] for hit in results.hits
    }


def test_a_phrase_finds_the_hyphenated_spelling_too(workspace: Workspace) -> None:
    found = _matched_texts(workspace, '"supply chain risk"')
    assert sorted(found) == ["000_465b9804960b177b.txt", "002_029d7ec1a1d3b899.txt", "003_dcac92be05b45050.txt"]
    assert found["000_465b9804960b177b.txt"] == ["supply-chain risk"]
    assert set(found["003_dcac92be05b45050.txt"]) == {"supply chain risk"}


def test_a_phrase_is_exact_words_in_order(workspace: Workspace) -> None:
    assert _matched_texts(workspace, '"risk chain supply"') == {}


def test_a_word_matches_its_stemmed_forms_at_exact_offsets(workspace: Workspace) -> None:
    found = _matched_texts(workspace, "designations")
    words = {word.lower() for texts in found.values() for word in texts}
    assert {"designation", "designations"} <= words
    assert {token.text for word in words for token in body_analyzer()(word)} == {"design"}


def test_fuzzy_finds_the_other_spelling(workspace: Workspace) -> None:
    found = _matched_texts(workspace, "Besant~2")
    assert "Bessent" in found["003_dcac92be05b45050.txt"]
    assert "Besant" in found["002_029d7ec1a1d3b899.txt"]


def test_prefix_matches_every_word_with_that_start(workspace: Workspace) -> None:
    found = _matched_texts(workspace, "vulnerab*")
    words = {word.lower() for texts in found.values() for word in texts}
    assert words and all(word.startswith("vulnerab") for word in words)


def test_boolean_and_not_with_a_title_field(workspace: Workspace) -> None:
    results = workspace.search("title:Mythos AND NOT Pentagon")
    assert [hit.doc_id for hit in results.hits] == ["004_8f20206c802690a7.txt"]
    assert results.hits[0].matched_fields == ["title"]


def test_or_and_grouping(workspace: Workspace) -> None:
    found = _matched_texts(workspace, "(Hegseth OR Wiles) AND Treasury")
    assert "000_465b9804960b177b.txt" in found
    assert all(set(texts) <= {"Hegseth", "Wiles", "Treasury"} for texts in found.values())


def test_negated_words_are_not_highlighted(workspace: Workspace) -> None:
    found = _matched_texts(workspace, "Mythos NOT Hegseth")
    assert found and all(set(texts) == {"Mythos"} for texts in found.values())


def test_outlet_field(workspace: Workspace) -> None:
    assert [hit.doc_id for hit in workspace.search("outlet:axios").hits] == ["003_dcac92be05b45050.txt"]


def test_a_date_range_uses_sidecar_dates(prepared_seed_corpus: Path) -> None:
    # The seeds' sidecars date 000 2026-04-16 and 003 2026-04-29; 003's is rewritten into May.
    (prepared_seed_corpus / "003_dcac92be05b45050.txt.meta.json").write_text('{"date": "2026-05-20"}')
    workspace = Workspace.open(prepared_seed_corpus)
    assert [hit.doc_id for hit in workspace.search("date:[2026-04-01 TO 2026-04-30]").hits] == [
        "000_465b9804960b177b.txt"
    ]
    assert [hit.doc_id for hit in workspace.search("date:[2026-05-01 TO 2026-05-31]").hits] == [
        "003_dcac92be05b45050.txt"
    ]
    assert workspace.search("date:[2026-03-01 TO 2026-03-31]").hits == []


def test_snippets_contain_their_matches(workspace: Workspace) -> None:
    for hit in workspace.search('"supply chain risk"').hits:
        text = workspace.document(hit.doc_id).text
        for snippet in hit.snippets:
            assert text[snippet.start : snippet.end] == snippet.text
            for match in snippet.matches:
                assert snippet.start <= match.start < match.end <= snippet.end


def test_matches_beyond_32k_characters_are_found(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text("filler " * 10_000 + "needle at the end")
    workspace = Workspace.open(tmp_path)
    hit = workspace.search("needle").hits[0]
    assert [(m.start, m.end) for m in hit.matches] == [(70_000, 70_006)]


def test_only_stop_words_still_search_literally(workspace: Workspace) -> None:
    assert workspace.search('"to be"').total >= 1


def test_the_total_counts_every_matching_document(workspace: Workspace) -> None:
    results = workspace.search("Anthropic", limit=2)
    assert results.total == 5 and len(results.hits) == 2 and not results.total_is_estimate


def test_a_malformed_query_raises_a_specific_error(workspace: Workspace) -> None:
    with pytest.raises(QuerySyntaxError, match="AND needs a search term"):
        workspace.search("AND AND (")
