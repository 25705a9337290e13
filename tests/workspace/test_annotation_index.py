"""Issue 17.2: a tag or note written is searchable at once, from the annotation index alone: the
document's text is not read, analysed or re-indexed (counted through the main index's commits)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caseview.workspace import Workspace

TEXT = "The Pentagon issued a designation. " * 40


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Pentagon memo\n\n" + TEXT, "utf-8")
    (folder / "b.txt").write_text("Other memo\n\nNothing to see about the pentagon here.", "utf-8")
    return folder


def _main_generation(workspace: Workspace) -> int:
    generation: int = workspace.index.ix.latest_generation()
    return generation


def test_a_tag_is_searchable_without_re_indexing_the_document(corpus: Path) -> None:
    workspace = Workspace.open(corpus)
    try:
        before = _main_generation(workspace)
        read_before = workspace.corpus_index.files_read
        workspace.annotate_quote("a.txt", "issued a designation", tags=["designation-call"], note="Checked twice")
        assert _main_generation(workspace) == before  # no commit to the main index: the text was not re-indexed
        assert workspace.corpus_index.files_read == read_before
        assert workspace.index.annotations.doc_ids() == {"a.txt"}
        assert [hit.doc_id for hit in workspace.search("tag:designation-call").hits] == ["a.txt"]
        assert [hit.doc_id for hit in workspace.search("tag:designation-call AND pentagon").hits] == ["a.txt"]
        assert [hit.doc_id for hit in workspace.search("pentagon NOT tag:designation-call").hits] == ["b.txt"]
        assert [hit.doc_id for hit in workspace.search('note:"checked twice"').hits] == ["a.txt"]
        assert [hit.doc_id for hit in workspace.search("tag:design*").hits] == ["a.txt"]
        assert workspace.search("tag:designation-call").hits[0].matched_fields == ["tag"]
        # A refresh afterwards finds nothing to do: the manifest recorded the annotation file's new stamp.
        report = workspace.refresh()
        assert report.indexed == [] and workspace.corpus_index.files_read == 0
        before = _main_generation(workspace)  # a refresh commits (an empty commit when nothing changed)
        (annotation,) = workspace.annotations("a.txt")
        workspace.delete_annotation(annotation.id)
        assert workspace.search("tag:designation-call").hits == []
        assert workspace.index.annotations.doc_ids() == set()
        assert _main_generation(workspace) == before
    finally:
        workspace.close()


def test_a_lost_annotation_index_is_filled_again_without_reading_a_document(corpus: Path) -> None:
    workspace = Workspace.open(corpus)
    workspace.annotate_quote("a.txt", "issued a designation", tags=["designation-call"])
    workspace.close()
    shutil.rmtree(corpus / ".caseview" / "annotations-index")
    reopened = Workspace.open(corpus)
    try:
        assert reopened.corpus_index.files_read == 0
        assert [hit.doc_id for hit in reopened.search("tag:designation-call").hits] == ["a.txt"]
    finally:
        reopened.close()
