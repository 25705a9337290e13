"""Annotations through the workspace: tags and notes are searchable at once, only that document re-indexed."""

from __future__ import annotations

import pytest

from caseview.workspace import Workspace

from .conftest import FT_ARTICLE, PASSAGE, edit_document


@pytest.fixture
def workspace(corpus, monkeypatch):
    monkeypatch.setenv("CASEVIEW_CREATOR", "Desk Analyst")
    opened = Workspace.open(corpus)
    yield opened
    opened.close()


def _found(workspace, query):
    return [hit.doc_id for hit in workspace.search(query).hits]


def test_a_new_tag_is_searchable_at_once(workspace):
    workspace.annotate_quote(FT_ARTICLE, PASSAGE, tags=["access-expansion"])
    assert _found(workspace, "tag:access-expansion") == [FT_ARTICLE]


def test_a_note_is_searchable_and_combines_with_other_queries(workspace):
    workspace.annotate_quote(FT_ARTICLE, "Treasury", note="Contradicts the Axios piece")
    assert _found(workspace, "note:contradicts") == [FT_ARTICLE]
    assert _found(workspace, "note:contradicts AND Mythos") == [FT_ARTICLE]
    assert _found(workspace, "note:contradicts AND NOT Mythos") == []


def test_deleting_and_undoing_updates_the_search(workspace):
    annotation = workspace.annotate_quote(FT_ARTICLE, PASSAGE, tags=["gone-soon"])
    workspace.delete_annotation(annotation.id)
    assert _found(workspace, "tag:gone-soon") == []
    workspace.undo()
    assert _found(workspace, "tag:gone-soon") == [FT_ARTICLE]


def test_retagging_replaces_the_indexed_tag(workspace):
    annotation = workspace.annotate_quote(FT_ARTICLE, PASSAGE, tags=["old"])
    workspace.edit_annotation(annotation.id, tags=["new"])
    assert _found(workspace, "tag:old") == [] and _found(workspace, "tag:new") == [FT_ARTICLE]


def test_only_the_annotated_document_is_reindexed(workspace, monkeypatch):
    reindexed: list[list[str]] = []
    original = workspace.corpus_index.reindex_or_defer
    monkeypatch.setattr(
        workspace.corpus_index, "reindex_or_defer", lambda ids: (reindexed.append(list(ids)), original(ids))[1]
    )
    workspace.annotate_quote(FT_ARTICLE, PASSAGE, tags=["x"])
    assert reindexed == [[FT_ARTICLE]]


def test_tags_are_indexed_when_the_corpus_is_opened_again(workspace, corpus):
    workspace.annotate_quote(FT_ARTICLE, PASSAGE, tags=["persisted"])
    workspace.close()
    import shutil

    shutil.rmtree(corpus / ".caseview")  # the index is rebuilt from the documents and their sidecars
    again = Workspace.open(corpus)
    try:
        assert _found(again, "tag:persisted") == [FT_ARTICLE]
    finally:
        again.close()


def test_the_creator_comes_from_configuration(workspace):
    assert workspace.annotate_quote(FT_ARTICLE, PASSAGE).creator.name == "Desk Analyst"


def test_check_and_review_queue_report_a_deleted_passage(workspace, corpus):
    kept = workspace.annotate_quote(FT_ARTICLE, "Treasury", tags=["kept"])
    lost = workspace.annotate_quote(FT_ARTICLE, PASSAGE, tags=["lost"])
    edit_document(corpus, FT_ARTICLE, PASSAGE, "Some agencies")
    workspace.refresh()
    report = workspace.check()
    assert [item.annotation.id for item in report.review] == [lost.id]
    assert kept.id in {a.id for a in report.anchored + report.moved}
    assert [item.annotation.id for item in workspace.review_queue()] == [lost.id]
    assert {a.id for a in workspace.annotations(tag="lost")} == {lost.id}


def test_check_reindexes_tags_changed_outside_caseview(workspace, corpus):
    workspace.annotate_quote(FT_ARTICLE, PASSAGE, tags=["before-pull"])
    sidecar = corpus / f"{FT_ARTICLE}.annotations.json"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("before-pull", "after-pull"), encoding="utf-8")
    workspace.check()
    assert _found(workspace, "tag:after-pull") == [FT_ARTICLE] and _found(workspace, "tag:before-pull") == []
