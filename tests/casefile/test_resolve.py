"""The case checked against the corpus now: passages located, vanished things flagged, never dropped."""

from __future__ import annotations

from pathlib import Path

from caseview.casefile import CaseService
from caseview.casefile.codec import case_to_json
from caseview.casefile.model import Citation
from caseview.casefile.resolve import locate_passage
from caseview.kernel.safefile import atomic_write_text
from caseview.workspace import Workspace
from tests.casefile.scripted import AUTHORISED, DOC_001, DOC_004, OPPOSED, ScriptedCase

TEXT = "Alpha beta gamma. Alpha beta gamma again."


def _cite(start: int, end: int, prefix: str = "", suffix: str = "") -> Citation:
    return Citation(doc_id="d.txt", start=start, end=end, exact=TEXT[start:end], prefix=prefix, suffix=suffix)


def test_a_passage_still_in_place_is_anchored() -> None:
    assert locate_passage(TEXT, _cite(6, 10)).status == "anchored"


def test_a_passage_that_moved_is_found_at_its_one_new_place() -> None:
    location = locate_passage("Inserted. " + TEXT, _cite(29, 40))
    assert (location.status, location.start) == ("moved", 39)


def test_a_repeated_passage_is_told_apart_by_its_context() -> None:
    cite = _cite(18, 34, prefix="gamma. ", suffix=" again.")
    location = locate_passage("New. " + TEXT, cite)
    assert (location.status, location.start) == ("moved", 23)


def test_a_repeated_passage_without_telling_context_is_ambiguous_not_guessed() -> None:
    cite = Citation(doc_id="d.txt", start=0, end=5, exact="Alpha")
    assert locate_passage("xx Alpha Alpha", cite).status == "ambiguous"


def test_a_passage_no_longer_in_the_text_is_orphaned() -> None:
    assert locate_passage("Completely different.", _cite(6, 10)).status == "orphaned"


def _edit(root: Path, doc_id: str, old: str, new: str) -> None:
    path = root / doc_id
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_an_edited_document_orphans_its_passage_which_is_kept_and_flagged(
    workspace: Workspace, case_service: CaseService, scripted: ScriptedCase
) -> None:
    _edit(workspace.root, DOC_004, AUTHORISED, "dozens of organisations may use Mythos")
    entry = case_service.view().by_id(scripted.authorised)
    assert entry is not None and "orphaned" in entry.flags and entry.item.citation.exact == AUTHORISED


def test_a_passage_shifted_by_an_edit_before_it_is_flagged_as_moved(
    workspace: Workspace, case_service: CaseService, scripted: ScriptedCase
) -> None:
    _edit(workspace.root, DOC_001, "White House tensions", "Inserted sentence. White House tensions")
    entry = case_service.view().by_id(scripted.opposed)
    assert entry.flags == ("moved",) and entry.location.start == entry.item.citation.start + len("Inserted sentence. ")


def test_a_deleted_document_keeps_its_passage_with_the_citation_snapshot(
    workspace: Workspace, case_service: CaseService, scripted: ScriptedCase
) -> None:
    (workspace.root / DOC_001).unlink()
    workspace.refresh()
    entry = case_service.view().by_id(scripted.opposed)
    assert "document-missing" in entry.flags
    assert entry.doc.missing and entry.doc.title.startswith("Anthropic plans to expand access")


def test_a_link_whose_item_vanished_is_flagged_dangling(case_service: CaseService, scripted: ScriptedCase) -> None:
    case = case_service.load()
    hand_edited = case.model_copy(update={"items": tuple(i for i in case.items if i.id != scripted.authorised)})
    atomic_write_text(case_service.path, case_to_json(hand_edited))  # as if edited by hand
    link = next(r for r in case_service.view().links if r.link.id == scripted.contradiction)
    assert link.flags == ("dangling-link",) and link.target is None


def test_links_list_contradictions_first(case_service: CaseService, scripted: ScriptedCase) -> None:
    relations = [r.link.relation.value for r in case_service.view().links]
    assert relations[0] == "contradicts" and "supports" in relations


def test_sources_are_the_documents_cited_by_passages_and_events(
    case_service: CaseService, scripted: ScriptedCase
) -> None:
    assert len(case_service.view().sources) == 5


def test_a_passage_added_through_the_workspace_is_an_annotation(workspace: Workspace) -> None:
    item = workspace.case().add_passage(DOC_001, quote=OPPOSED, tags=["t"])
    assert workspace.annotation(item.annotation_id).quote.exact == OPPOSED


def test_a_passage_shows_its_annotations_current_tags(workspace: Workspace) -> None:
    item = workspace.case().add_passage(DOC_001, quote=OPPOSED, tags=["old-tag"])
    workspace.edit_annotation(item.annotation_id, tags=["new-tag"])
    assert workspace.case().view().by_id(item.id).tags == ("new-tag",)


def test_a_passage_whose_annotation_was_deleted_is_kept_from_its_snapshot(workspace: Workspace) -> None:
    item = workspace.case().add_passage(DOC_001, quote=OPPOSED, tags=["kept"], annotation_note="kept note")
    workspace.delete_annotation(item.annotation_id)
    entry = workspace.case().view().by_id(item.id)
    assert "annotation-deleted" in entry.flags and entry.tags == ("kept",) and entry.annotation_note == "kept note"


def test_an_annotation_re_anchored_as_orphaned_flags_the_passage_once(workspace: Workspace) -> None:
    item = workspace.case().add_passage(DOC_004, quote=AUTHORISED)
    _edit(workspace.root, DOC_004, AUTHORISED, "a different sentence altogether")
    workspace.check()
    assert workspace.annotation(item.annotation_id).anchor.status == "orphaned"
    assert workspace.case().view().by_id(item.id).flags == ("orphaned",)


def test_an_unreadable_annotation_file_leaves_the_passage_unflagged_not_deleted(workspace: Workspace) -> None:
    item = workspace.case().add_passage(DOC_001, quote=OPPOSED, tags=["t"])
    (workspace.root / f"{DOC_001}.annotations.json").write_text("{ broken", encoding="utf-8")
    entry = workspace.case().view().by_id(item.id)
    assert "annotation-deleted" not in entry.flags and entry.tags == ("t",)
