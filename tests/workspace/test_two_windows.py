"""Two windows on one folder: each sees the other's changes on its next call, and loses none of them.

The second window is a real separate process with its own Workspace (``in_other_process``).
"""

from __future__ import annotations

from pathlib import Path

from caseview.annotations.model import Creator
from caseview.annotations.service import AnnotationService
from caseview.workspace import Workspace

from .conftest import EUROPE, VENICK, VENNICK, WSJ, add_lookalikes, in_other_process

#: An entity of the seeds that no automatic merge touches.
TRUMP_ADMINISTRATION = "gov_body:trump-administration"


def test_annotations_made_in_another_window_are_seen_at_once(workspace: Workspace, prepared_seed_corpus: Path) -> None:
    in_other_process(
        prepared_seed_corpus, f"ws.annotate_quote({WSJ!r}, 'supply chain risk designation', tags=['designation'])"
    )
    assert [a.tags for a in workspace.annotations(WSJ)] == [("designation",)]


def test_tags_added_in_another_window_are_searchable_here(workspace: Workspace, prepared_seed_corpus: Path) -> None:
    workspace.search("tag:designation")  # a searcher is open before the other window writes
    in_other_process(
        prepared_seed_corpus, f"ws.annotate_quote({WSJ!r}, 'supply chain risk designation', tags=['designation'])"
    )
    assert [hit.doc_id for hit in workspace.search("tag:designation").hits] == [WSJ]


def test_case_changes_in_another_window_are_seen_at_once(workspace: Workspace, prepared_seed_corpus: Path) -> None:
    workspace.case().add_note("mine")
    in_other_process(prepared_seed_corpus, "case = ws.case(); case.add_note('theirs'); case.link('1', '2', 'related')")
    view = workspace.case().load()
    assert sorted(item.text for item in view.items) == ["mine", "theirs"] and len(view.links) == 1


def test_entity_corrections_in_another_window_are_applied_here(
    workspace: Workspace, prepared_seed_corpus: Path
) -> None:
    add_lookalikes(workspace)
    assert {VENICK, VENNICK} <= {e.id for e in workspace.entities()}
    in_other_process(prepared_seed_corpus, f"ws.correct_entities('accept', [{VENICK!r}, {VENNICK!r}])")
    assert len({VENICK, VENNICK} & {e.id for e in workspace.entities()}) == 1


def test_undo_here_keeps_what_the_other_window_wrote_since(workspace: Workspace, prepared_seed_corpus: Path) -> None:
    item = workspace.case().add_note("mine")
    in_other_process(prepared_seed_corpus, f"ws.case().set_note({item.id!r}, 'theirs, written over mine')")
    result = workspace.undo()
    assert workspace.case().load().item(item.id).text == "theirs, written over mine"
    assert "changed elsewhere" in result.note


def test_undo_of_a_tag_keeps_the_note_the_other_window_added(workspace: Workspace, prepared_seed_corpus: Path) -> None:
    annotation = workspace.annotate_quote(EUROPE, "opposed expanding", tags=["access-expansion"])
    in_other_process(prepared_seed_corpus, f"ws.edit_annotation({annotation.id!r}, note='checked against the WSJ')")
    workspace.undo()
    assert workspace.annotation(annotation.id).note == "checked against the WSJ"


def test_changes_since_names_what_the_other_window_changed(workspace: Workspace, prepared_seed_corpus: Path) -> None:
    token = workspace.state_token()
    assert not workspace.changed_since(token)
    in_other_process(
        prepared_seed_corpus, f"ws.case().add_note('theirs'); ws.annotate_quote({WSJ!r}, 'Anthropic', tags=['x'])"
    )
    changes = workspace.changes_since(token)
    assert changes.any and changes.cases == (None,) and changes.annotations == (WSJ,)
    assert changes.documents == () and not changes.entities


def test_changes_since_notices_corrections_and_documents(workspace: Workspace, prepared_seed_corpus: Path) -> None:
    token = workspace.state_token()
    in_other_process(prepared_seed_corpus, f"ws.correct_entities('hide', [{TRUMP_ADMINISTRATION!r}])")
    (prepared_seed_corpus / "005_new.txt").write_text("A new article about Mythos.\n", encoding="utf-8")
    changes = workspace.changes_since(token)
    assert changes.entities and changes.documents == ("005_new.txt",)


def test_refresh_indexes_the_tags_a_document_got_from_another_program_without_its_text(
    workspace: Workspace, prepared_seed_corpus: Path
) -> None:
    # Written without a workspace (as a sync tool or a bare script would): the index was not told.
    in_other_process(
        prepared_seed_corpus,
        "\n".join(
            [
                "from caseview.annotations.service import AnnotationService",
                "from caseview.annotations.model import Creator",
                "service = AnnotationService(ws.root, ws.derived_dir, creator=Creator(name='script'))",
                f"service.add_quote({WSJ!r}, 'supply chain risk designation', tags=['from-a-script'])",
            ]
        ),
    )
    assert workspace.search("tag:from-a-script").hits == []
    report = workspace.refresh()
    assert report.annotations == [WSJ] and report.indexed == []  # tags and notes alone: the text is as indexed
    assert [hit.doc_id for hit in workspace.search("tag:from-a-script").hits] == [WSJ]


def test_refresh_reads_no_document_when_no_annotation_file_changed(workspace: Workspace) -> None:
    workspace.annotate_quote(WSJ, "Anthropic", tags=["x"])
    report = workspace.refresh()
    assert report.indexed == [] and report.unchanged == len(workspace.documents())


def test_a_touched_annotation_file_with_the_same_tags_is_not_reindexed(
    workspace: Workspace, prepared_seed_corpus: Path
) -> None:
    AnnotationService(prepared_seed_corpus, workspace.derived_dir, creator=Creator(name="script")).add_quote(
        WSJ, "Anthropic", tags=["x"]
    )
    workspace.refresh()
    sidecar = prepared_seed_corpus / f"{WSJ}.annotations.json"
    sidecar.write_bytes(sidecar.read_bytes())
    assert workspace.refresh().indexed == []


def test_a_reopened_workspace_keeps_the_other_windows_index_entries(prepared_seed_corpus: Path) -> None:
    first = Workspace.open(prepared_seed_corpus)
    in_other_process(prepared_seed_corpus, f"ws.annotate_quote({WSJ!r}, 'Anthropic', tags=['theirs'])")
    first.annotate_quote(EUROPE, "opposed expanding", tags=["mine"])  # re-indexes from the manifest on disk
    first.close()
    again = Workspace.open(prepared_seed_corpus)
    assert again.last_report.indexed == []
    assert [hit.doc_id for hit in again.search("tag:theirs").hits] == [WSJ]
    again.close()
