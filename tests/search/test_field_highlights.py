"""Hits on the entity, tag and note fields show the passages behind them, not the document's start."""

from pathlib import Path

from caseview.workspace import Workspace


def _matched_texts(workspace: Workspace, query: str) -> dict[str, list[str]]:
    return {
        hit.doc_id: [workspace.document(hit.doc_id).text[m.start : m.end] for m in hit.matches]
        for hit in workspace.search(query).hits
    }


def test_an_entity_search_finds_every_spelling_and_marks_the_mentions(prepared_seed_corpus: Path) -> None:
    found = _matched_texts(Workspace.open(prepared_seed_corpus), 'entity:"Scott Bessent"')
    assert found["002_029d7ec1a1d3b899.txt"] == ["Scott Besant"]
    assert found["003_dcac92be05b45050.txt"] == ["Scott Bessent"]


def test_a_tag_search_marks_the_tagged_passage(prepared_seed_corpus: Path) -> None:
    workspace = Workspace.open(prepared_seed_corpus)
    workspace.annotate_quote("004_8f20206c802690a7.txt", "have been authorized to use", tags=["access-expansion"])
    found = _matched_texts(workspace, "tag:access-expansion")
    assert found == {"004_8f20206c802690a7.txt": ["have been authorized to use"]}
    (hit,) = workspace.search("tag:access-expansion").hits
    assert "have been authorized to use" in hit.snippets[0].text


def test_a_note_search_marks_the_annotated_passage(prepared_seed_corpus: Path) -> None:
    workspace = Workspace.open(prepared_seed_corpus)
    workspace.annotate_quote(
        "001_c0973cc29b59132c.txt", "has explicitly opposed expanding", tags=["opposition"], note="Contradicts 004"
    )
    assert _matched_texts(workspace, "note:contradicting") == {
        "001_c0973cc29b59132c.txt": ["has explicitly opposed expanding"]
    }


def test_a_negated_tag_marks_nothing(prepared_seed_corpus: Path) -> None:
    workspace = Workspace.open(prepared_seed_corpus)
    workspace.annotate_quote("004_8f20206c802690a7.txt", "have been authorized to use", tags=["access-expansion"])
    found = _matched_texts(workspace, "authorized NOT tag:access-expansion")
    assert "004_8f20206c802690a7.txt" not in found
    found = _matched_texts(workspace, "authorized NOT tag:other")
    assert "have been authorized to use" not in found["004_8f20206c802690a7.txt"]
