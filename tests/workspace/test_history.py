"""One undo/redo for the whole session: annotations, case changes and entity corrections, in order."""

from __future__ import annotations

import pytest

from caseview.casefile import CaseBusy, Grade
from caseview.kernel.undo import Reverted
from caseview.workspace import Workspace
from caseview.workspace.history import SessionHistory

from .conftest import AGGREGATOR, EUROPE, FT, VENICK, VENNICK, WSJ, add_lookalikes


def _lookalike_suggestion(workspace: Workspace) -> list[str]:
    """The ids of the Hal Venick ~ Hal Vennick merge suggestion (the look-alikes added to the seeds)."""
    add_lookalikes(workspace)
    suggestion = next(s for s in workspace.extraction().suggestions if set(s.entity_ids) == {VENICK, VENNICK})
    return list(suggestion.entity_ids)


def test_undo_takes_back_the_most_recent_change_of_any_kind(workspace: Workspace) -> None:
    workspace.annotate_quote(WSJ, "supply chain risk designation", tags=["designation"])
    workspace.case().add_note("Ask the WSJ")
    workspace.correct_entities("accept", _lookalike_suggestion(workspace))
    kinds = [workspace.undo().kinds for _ in range(3)]
    assert kinds == [{"entities"}, {"case"}, {"annotation"}]
    assert workspace.undo() is None


def test_every_kind_is_undone_on_disk(workspace: Workspace) -> None:
    workspace.annotate_quote(WSJ, "supply chain risk designation", tags=["designation"])
    workspace.case().add_note("Ask the WSJ")
    workspace.correct_entities("accept", _lookalike_suggestion(workspace))
    assert not {"Hal Venick", "Hal Vennick"} <= {e.name for e in workspace.entities()}  # merged into one
    for _ in range(3):
        workspace.undo()
    assert workspace.annotations() == [] and workspace.case().load().items == ()
    assert {"Hal Venick", "Hal Vennick"} <= {e.name for e in workspace.entities()}


def test_redo_replays_the_undone_changes_in_their_order(workspace: Workspace) -> None:
    workspace.annotate_quote(WSJ, "supply chain risk designation", tags=["designation"])
    workspace.case().add_note("Ask the WSJ")
    workspace.undo()
    workspace.undo()
    assert workspace.redo().kinds == {"annotation"}
    assert workspace.redo().kinds == {"case"}
    assert workspace.redo() is None
    assert [a.tags for a in workspace.annotations()] == [("designation",)]
    assert [item.text for item in workspace.case().load().items] == ["Ask the WSJ"]


def test_each_result_says_what_was_undone_in_words(workspace: Workspace) -> None:
    workspace.annotate_quote(WSJ, "supply chain risk designation", tags=["designation"])
    case = workspace.case()
    case.add_note("first")
    case.add_note("second")
    case.link("1", "2", "contradicts")
    assert workspace.undo().message == "undid: link #1 contradicts #2"
    workspace.undo()
    workspace.undo()
    assert workspace.undo().message == f"undid: tag 'designation' on “supply chain risk designation” ({WSJ})"
    assert workspace.redo().message.startswith("redid: tag 'designation'")


def test_adding_a_passage_to_the_case_is_one_step_with_its_annotation(workspace: Workspace) -> None:
    workspace.case().add_passage(EUROPE, quote="opposed expanding", tags=["access-expansion"])
    result = workspace.undo()
    assert result.kinds == {"annotation", "case"}
    assert result.message == "undid: add #1 passage “opposed expanding” to 'Findings'"
    assert workspace.annotations() == [] and workspace.case().load().items == ()
    assert not workspace.can_undo


def test_redo_of_an_added_passage_brings_back_the_item_and_its_annotation(workspace: Workspace) -> None:
    item = workspace.case().add_passage(EUROPE, quote="opposed expanding", tags=["access-expansion"])
    workspace.undo()
    workspace.redo()
    assert [a.id for a in workspace.annotations()] == [item.annotation_id]
    assert [i.id for i in workspace.case().load().items] == [item.id]


def test_a_new_change_clears_what_could_be_redone(workspace: Workspace) -> None:
    workspace.case().add_note("first")
    workspace.undo()
    workspace.annotate_quote(FT, "Treasury", tags=["x"])
    assert workspace.redo() is None and not workspace.can_redo


def test_undo_label_names_the_next_step(workspace: Workspace) -> None:
    assert workspace.undo_label() is None
    workspace.case().add_note("Ask the WSJ")
    assert workspace.undo_label() == "add #1 note “Ask the WSJ” to 'Findings'"
    workspace.undo()
    assert workspace.redo_label() == "add #1 note “Ask the WSJ” to 'Findings'" and workspace.undo_label() is None


def test_undo_of_an_annotation_reports_the_document_to_reload(workspace: Workspace) -> None:
    workspace.annotate_quote(AGGREGATOR, "Anthropic", tags=["x"])
    assert workspace.undo().doc_ids == (AGGREGATOR,)


def test_undone_tags_leave_the_search_at_once(workspace: Workspace) -> None:
    workspace.annotate_quote(WSJ, "supply chain risk designation", tags=["designation"])
    workspace.undo()
    assert workspace.search("tag:designation").hits == []
    workspace.redo()
    assert [hit.doc_id for hit in workspace.search("tag:designation").hits] == [WSJ]


def test_annotation_changes_are_in_the_workspace_s_one_history(workspace: Workspace) -> None:
    workspace.annotate_quote(FT, "Treasury", tags=["x"])
    assert workspace.annotation_service.history is workspace.history
    assert workspace.undo_label() is not None and "'x'" in workspace.undo_label()
    assert workspace.undo() is not None and workspace.annotations(FT) == []


class _Failing:
    kind = "case"
    description = "a change whose file is locked"

    def undo(self) -> Reverted:
        raise CaseBusy("locked")

    def redo(self) -> Reverted:
        raise CaseBusy("locked")


def test_a_step_that_cannot_be_undone_now_stays_for_later() -> None:
    history = SessionHistory()
    history.record(_Failing())
    with pytest.raises(CaseBusy):
        history.undo()
    assert history.next_undo == "a change whose file is locked" and not history.can_redo


def test_a_group_opened_on_one_thread_does_not_take_another_threads_steps() -> None:
    import threading

    history = SessionHistory()
    with history.group():
        worker = threading.Thread(target=lambda: history.record(_Failing()))
        worker.start()
        worker.join()
    assert history.next_undo == "a change whose file is locked"  # recorded on its own, not in the (empty) group


def test_grading_then_undoing_twice_restores_the_ungraded_item_then_removes_it(workspace: Workspace) -> None:
    case = workspace.case()
    case.add_note("n")
    item = case.add_passage(WSJ, quote="supply chain risk designation")
    case.grade(item.id, Grade(reliability="B", credibility=2))
    workspace.undo()
    assert case.load().item(item.id).grade is None
    workspace.undo()
    assert case.load().item(item.id) is None and [i.text for i in case.load().items] == ["n"]
