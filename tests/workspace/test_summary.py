"""Tags and annotation counts come from the index manifest, not from walking the corpus folder.

A sidecar written behind the workspace's back (another program, no re-index) is the witness: the
folder holds it at once, the manifest only after a refresh. So whatever answers "which tags, how
many annotations" without it before the refresh, and with it after, did not walk the folder.
"""

from __future__ import annotations

from pathlib import Path

from caseview.annotations.model import Creator
from caseview.annotations.service import AnnotationService
from caseview.workspace import Workspace

from .conftest import EUROPE, FT, WSJ


def _write_behind_the_workspace(corpus: Path, derived: Path, doc_id: str, quote: str, tag: str) -> None:
    """An annotation file written as another program would: straight to disk, nothing re-indexed."""
    AnnotationService(corpus, derived, creator=Creator(name="script")).add_quote(doc_id, quote, tags=[tag])


def test_tagging_a_passage_shows_its_tag_and_count_at_once(workspace: Workspace) -> None:
    workspace.annotate_quote(WSJ, "supply chain risk designation", tags=["Designation"])
    workspace.annotate_quote(WSJ, "Anthropic", tags=["company"])
    assert workspace.known_tags() == ["company", "Designation"]
    assert workspace.annotation_counts() == {WSJ: 2}


def test_tags_and_counts_follow_the_index_not_the_folder(workspace: Workspace, prepared_seed_corpus: Path) -> None:
    # The annotation is written into the workspace's own folder (the ``workspace`` fixture opens
    # ``prepared_seed_corpus``), behind its back.
    _write_behind_the_workspace(prepared_seed_corpus, workspace.derived_dir, EUROPE, "Anthropic", "written-elsewhere")
    assert [a.tags for a in workspace.annotations(EUROPE)] == [("written-elsewhere",)]  # the file is there

    workspace.annotate_quote(FT, "Treasury", tags=["mine"])  # tagging re-indexes FT alone: no walk
    assert workspace.known_tags() == ["mine"]
    assert workspace.annotation_counts() == {FT: 1}

    workspace.refresh()  # the refresh sees the new sidecar's stamp and indexes its tags
    assert workspace.known_tags() == ["mine", "written-elsewhere"]
    assert workspace.annotation_counts() == {EUROPE: 1, FT: 1}


def test_a_deleted_annotation_leaves_the_tags_and_counts(workspace: Workspace) -> None:
    annotation = workspace.annotate_quote(WSJ, "Anthropic", tags=["gone"])
    workspace.delete_annotation(annotation.id)
    assert workspace.known_tags() == [] and workspace.annotation_counts() == {}


def test_tags_and_counts_survive_reopening_without_reading_any_annotation_file(seed_corpus: Path) -> None:
    first = Workspace.open(seed_corpus)
    first.annotate_quote(WSJ, "Anthropic", tags=["kept"])
    first.close()
    again = Workspace.open(seed_corpus)
    try:
        assert again.known_tags() == ["kept"] and again.annotation_counts() == {WSJ: 1}
    finally:
        again.close()


def test_an_annotation_file_written_elsewhere_is_indexed_without_reading_the_document(
    workspace: Workspace, prepared_seed_corpus: Path
) -> None:
    workspace.refresh()
    _write_behind_the_workspace(prepared_seed_corpus, workspace.derived_dir, EUROPE, "Anthropic", "written-elsewhere")
    report = workspace.refresh()
    assert report.annotations == [EUROPE]
    assert report.indexed == [] and workspace.corpus_index.files_read == 0  # the text was not read again
    assert [hit.doc_id for hit in workspace.search("tag:written-elsewhere").hits] == [EUROPE]
    assert workspace.refresh().annotations == []  # recorded: the next refresh has nothing to do


def test_refresh_annotations_indexes_only_annotation_files_written_behind_the_workspace(
    workspace: Workspace, prepared_seed_corpus: Path
) -> None:
    workspace.annotate_quote(FT, "Treasury", tags=["mine"])  # indexed as it was written
    _write_behind_the_workspace(prepared_seed_corpus, workspace.derived_dir, EUROPE, "Anthropic", "from-a-script")
    assert workspace.refresh_annotations([FT, EUROPE]) == [EUROPE]
    assert [hit.doc_id for hit in workspace.search("tag:from-a-script").hits] == [EUROPE]
    assert workspace.corpus_index.files_read == 0
    assert workspace.refresh_annotations([FT, EUROPE]) == []  # recorded: nothing left to do
