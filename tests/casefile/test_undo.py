"""Undoing case changes: each goes back through the store as a merged change, so nothing another
window wrote meanwhile is lost."""

from __future__ import annotations

from caseview.casefile import CaseService, Grade
from caseview.casefile import operations as ops
from caseview.casefile.model import PassageItem, empty_case
from caseview.casefile.undo import RecordChange, reverting, touched_records
from caseview.workspace import Workspace

from .scripted import ScriptedCase


def _other_window(workspace: Workspace) -> CaseService:
    """Another writer of the same case file (as a second app window would be)."""
    return workspace.cases.open_apart()


def _numbered(service: CaseService) -> list[str]:
    return [item.id for item in service.load().ordered_items()]


def test_undoing_a_link_removes_it_and_redo_restores_it(workspace: Workspace, scripted: ScriptedCase) -> None:
    case = workspace.case()
    link = case.link(scripted.bypass, scripted.treasury, "related")
    workspace.undo()
    assert case.load().link(link.id) is None
    workspace.redo()
    assert case.load().link(link.id).relation == "related"


def test_undoing_a_grade_restores_the_previous_grade(workspace: Workspace, scripted: ScriptedCase) -> None:
    case = workspace.case()
    case.grade(scripted.opposed, Grade(reliability="E", credibility=5))
    assert workspace.undo().description.startswith("grade #")
    assert case.load().item(scripted.opposed).grade.code == "C3"


def test_undoing_a_removal_brings_back_the_item_in_its_place_with_its_links(
    workspace: Workspace, scripted: ScriptedCase
) -> None:
    case = workspace.case()
    order = _numbered(case)
    case.remove(scripted.opposed)
    result = workspace.undo()
    assert result.message.startswith("undid: remove #1 passage “the Trump administration")
    assert _numbered(case) == order
    assert case.load().link(scripted.contradiction) is not None


def test_undoing_a_move_puts_the_item_back(workspace: Workspace, scripted: ScriptedCase) -> None:
    case = workspace.case()
    order = _numbered(case)
    case.move(scripted.note, to_section="Contradictions", position=1)
    workspace.undo()
    assert _numbered(case) == order
    assert case.load().section_titled("Contradictions").id == case.load().item(scripted.opposed).section


def test_undoing_an_add_removes_the_section_it_created(workspace: Workspace) -> None:
    case = workspace.case()
    case.add_note("alone", section="Leads")
    workspace.undo()
    assert case.load().section_titled("Leads") is None and case.load().items == ()


def test_undoing_an_add_keeps_its_section_when_another_window_put_an_item_in_it(workspace: Workspace) -> None:
    case = workspace.case()
    case.add_note("mine", section="Leads")
    _other_window(workspace).add_note("theirs", section="Leads")
    workspace.undo()
    assert [item.text for item in case.load().items] == ["theirs"]
    assert case.load().section_titled("Leads") is not None


def test_undoing_a_grade_keeps_a_note_another_window_wrote_since(workspace: Workspace, scripted: ScriptedCase) -> None:
    case = workspace.case()
    case.grade(scripted.authorised, Grade(reliability="E", credibility=5))
    _other_window(workspace).set_note(scripted.authorised, "written in the other window")
    workspace.undo()
    item = case.load().item(scripted.authorised)
    assert isinstance(item, PassageItem)
    assert item.grade is None and item.note == "written in the other window"


def test_undoing_an_add_keeps_the_item_when_another_window_edited_it(workspace: Workspace) -> None:
    case = workspace.case()
    item = case.add_note("mine")
    _other_window(workspace).set_note(item.id, "rewritten in the other window")
    result = workspace.undo()
    assert case.load().item(item.id).text == "rewritten in the other window"
    assert "changed elsewhere" in result.note


def test_undoing_a_link_keeps_items_another_window_added_meanwhile(
    workspace: Workspace, scripted: ScriptedCase
) -> None:
    case = workspace.case()
    case.link(scripted.bypass, scripted.treasury, "related")
    theirs = _other_window(workspace).add_note("added in the other window")
    workspace.undo()
    assert case.load().item(theirs.id) is not None


def test_when_both_windows_changed_the_grade_the_other_value_is_kept_as_a_conflict(
    workspace: Workspace, scripted: ScriptedCase
) -> None:
    case = workspace.case()
    case.grade(scripted.opposed, Grade(reliability="E", credibility=5))
    _other_window(workspace).grade(scripted.opposed, Grade(reliability="A", credibility=1))
    assert "conflict" in workspace.undo().note
    item = case.load().item(scripted.opposed)
    kept = {item.grade.code} | {conflict.value for conflict in item.conflicts if conflict.field == "grade"}
    assert "C3" in kept and any('"A"' in value for value in kept)


def test_undoing_the_header_restores_the_title(workspace: Workspace, scripted: ScriptedCase) -> None:
    case = workspace.case()
    case.set_header(title="A new title")
    assert workspace.undo().message == "undid: set the case title"
    assert case.load().header.title == "Mythos access: who decided what?"


def test_undoing_a_section_rename(workspace: Workspace, scripted: ScriptedCase) -> None:
    case = workspace.case()
    case.rename_section("Background", "Context")
    workspace.undo()
    assert case.load().section_titled("Background") is not None and case.load().section_titled("Context") is None


def test_a_case_service_without_a_history_records_nothing(workspace: Workspace) -> None:
    _other_window(workspace).add_note("not undoable here")
    assert not workspace.can_undo


# -- the pure part ---------------------------------------------------------------------------------
def test_reverting_an_added_record_deletes_the_revision_that_was_added() -> None:
    before = empty_case()
    after, note = ops.add_note(before, "x")
    keys = touched_records(before, after)
    changes = [
        RecordChange(kind, key, None, next(r for r in (*after.items, *after.sections) if r.id == key))
        for kind, key in keys
    ]
    base, mine = reverting(after, changes)
    assert base == after
    assert mine.items == () and {(t.id, t.rev) for t in mine.tombstones} >= {(note.id, note.rev)}


def test_reverting_a_deletion_restores_the_record_with_a_new_revision() -> None:
    with_note, note = ops.add_note(empty_case(), "x")
    without = ops.remove_item(with_note, note.id)
    _, mine = reverting(without, [RecordChange("item", note.id, note, None)])
    restored = mine.item(note.id)
    assert restored.text == "x" and restored.rev != note.rev
