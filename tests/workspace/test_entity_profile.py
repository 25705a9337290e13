"""Entity profiles on a real folder: documents, mentions in their sentences, co-occurrence by sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.workspace import Workspace

A = (
    "The Pentagon met Anthropic on Monday. Anthropic later spoke to the White House.\n\n"
    "The Pentagon and Anthropic signed a deal. OpenAI stayed away.\n"
)
B = "Anthropic and the Pentagon argued again. The White House said nothing.\n"


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    return Workspace.open(tmp_path)


def test_profile_counts_sentences_shared_most_first(workspace: Workspace) -> None:
    """Pentagon shares three sentences (two documents) with Anthropic, the White House one, OpenAI none."""
    profile = workspace.entity_profile("org:anthropic")
    assert [(c.name, c.sentences, c.documents) for c in profile.co_occurring] == [
        ("Pentagon", 3, 2),
        ("White House", 1, 1),
    ]


def test_profile_lists_documents_and_every_mention_in_its_sentence(workspace: Workspace) -> None:
    """Documents by mention count; each mention with the sentence around it, offsets into the text."""
    profile = workspace.entity_profile("org:anthropic")
    assert [(d.doc_id, d.mentions) for d in profile.documents] == [("a.txt", 3), ("b.txt", 1)]
    assert [m.sentence for m in profile.mentions] == [
        "The Pentagon met Anthropic on Monday.",
        "Anthropic later spoke to the White House.",
        "The Pentagon and Anthropic signed a deal.",
        "Anthropic and the Pentagon argued again.",
    ]
    first = profile.mentions[0]
    assert A[first.start : first.end] == "Anthropic" and A[first.sentence_start : first.sentence_end] == first.sentence


def test_hidden_entities_do_not_co_occur(workspace: Workspace) -> None:
    """An entity the analyst hid is not listed beside the others."""
    workspace.correct_entities("hide", ["gov_body:pentagon"])
    assert [c.name for c in workspace.entity_profile("org:anthropic").co_occurring] == ["White House"]


def test_unknown_entity(workspace: Workspace) -> None:
    """An id the extraction does not know is a KeyError naming it."""
    with pytest.raises(KeyError, match="no entity 'org:nobody'"):
        workspace.entity_profile("org:nobody")
