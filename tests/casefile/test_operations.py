"""Changes to a case as pure functions: adding, moving, linking, grading, removing."""

from __future__ import annotations

import pytest

from caseview.casefile import operations as ops
from caseview.casefile.errors import CaseUsageError, UnknownItem
from caseview.casefile.model import CaseFile, Citation, EntitySnapshot, Grade, Relation, empty_case


def _citation(start: int = 0) -> Citation:
    return Citation(doc_id="a.txt", start=start, end=start + 5, exact="hello")


def _notes(*texts: str, section: str | None = None) -> tuple[CaseFile, list[str]]:
    case, ids = empty_case(), []
    for text in texts:
        case, item = ops.add_note(case, text, section=section)
        ids.append(item.id)
    return case, ids


def test_an_item_without_a_section_goes_to_findings() -> None:
    case, (note,) = _notes("x")
    assert case.section(case.item(note).section).title == ops.DEFAULT_SECTION


def test_sections_are_matched_case_insensitively() -> None:
    case, _ = ops.add_note(empty_case(), "a", section="Timeline")
    case, _ = ops.add_note(case, "b", section="timeline")
    assert len(case.sections) == 1


def test_adding_at_a_position_puts_the_item_there() -> None:
    case, ids = _notes("a", "b")
    case, first = ops.add_note(case, "c", position=1)
    assert [i.id for i in case.ordered_items()] == [first.id, *ids]


def test_moving_to_position_two_places_the_item_second() -> None:
    case, (a, b, c) = _notes("a", "b", "c")
    case = ops.move_item(case, c, position=2)
    assert [i.id for i in case.ordered_items()] == [a, c, b]


def test_moving_to_another_section_creates_it_at_the_end() -> None:
    case, (a, b) = _notes("a", "b")
    case = ops.move_item(case, a, to_section="Later")
    assert [s.title for s in case.ordered_sections()] == [ops.DEFAULT_SECTION, "Later"]
    assert [i.id for i in case.ordered_items()] == [b, a]


def test_many_moves_between_the_same_neighbours_keep_the_order_right() -> None:
    case, ids = _notes("a", "b", "c")
    for _ in range(80):  # halving the gap 80 times exhausts float precision: renumbering must kick in
        case = ops.move_item(case, ids[2], position=2)
        case = ops.move_item(case, ids[1], position=2)
    orders = [i.order for i in case.ordered_items()]
    assert len(set(orders)) == 3 and case.ordered_items()[0].id == ids[0]


def test_position_zero_is_refused() -> None:
    case, (a,) = _notes("a")
    with pytest.raises(CaseUsageError, match="1 or more"):
        ops.move_item(case, a, position=0)


def test_items_are_found_by_number_id_or_unique_prefix() -> None:
    case, (a, b) = _notes("a", "b")
    assert ops.resolve_item_ref(case, "2").id == b
    assert ops.resolve_item_ref(case, a).id == a
    assert ops.resolve_item_ref(case, a[:-1]).id == a


def test_an_unknown_item_number_says_which_numbers_there_are() -> None:
    case, _ = _notes("a")
    with pytest.raises(UnknownItem, match=r"no item #5 .*its items: #1\b"):
        ops.resolve_item_ref(case, "5")


def test_an_item_added_to_an_earlier_section_does_not_renumber_the_others() -> None:
    """Issue 13, bug 6: "added #5 (event)", then a note added to an earlier section must not make the event #6."""
    case = empty_case()
    case, first = ops.add_note(case, "first", section="Early")
    case, event = ops.add_note(case, "the event", section="Late")
    case, note = ops.add_note(case, "a note", section="Early")
    numbers = case.numbers()
    assert (numbers[first.id], numbers[event.id], numbers[note.id]) == (1, 2, 3)
    assert [numbers[i.id] for i in case.ordered_items()] == [1, 3, 2]  # shown in section order, numbers kept
    assert ops.resolve_item_ref(case, "2").id == event.id
    case = ops.move_item(case, event.id, to_section="Early", position=1)
    assert ops.resolve_item_ref(case, "#2").id == event.id


def test_a_removed_items_number_is_never_given_again() -> None:
    case, (a, b) = _notes("a", "b")
    case = ops.remove_item(case, b)
    case, c = ops.add_note(case, "c")
    assert case.numbers() == {a: 1, c.id: 3}
    with pytest.raises(UnknownItem):
        ops.resolve_item_ref(case, "2")


def test_an_older_file_keeps_the_numbers_it_showed_and_stores_them_on_the_next_change() -> None:
    case, (a, b) = _notes("a", "b")
    legacy = case.model_copy(update={"items": tuple(i.model_copy(update={"number": None}) for i in case.items)})
    legacy = ops.move_item(legacy, b, position=1)  # b is now shown first, yet stays #2
    assert legacy.numbers() == {a: 1, b: 2} and all(i.number is not None for i in legacy.items)


def test_removing_an_item_removes_its_links_and_leaves_tombstones() -> None:
    case, (a, b) = _notes("a", "b")
    case, link = ops.link_items(case, a, b, Relation.SUPPORTS)
    case = ops.remove_item(case, a)
    assert case.item(a) is None and case.links == ()
    assert {(t.kind, t.id) for t in case.tombstones} == {("item", a), ("link", link.id)}


def test_a_link_needs_a_known_relation() -> None:
    case, (a, b) = _notes("a", "b")
    with pytest.raises(CaseUsageError, match="contradicts"):
        ops.link_items(case, a, b, "refutes")


def test_an_item_cannot_be_linked_to_itself() -> None:
    case, (a,) = _notes("a")
    with pytest.raises(CaseUsageError, match="itself"):
        ops.link_items(case, a, a, "related")


def test_the_same_link_twice_is_refused() -> None:
    case, (a, b) = _notes("a", "b")
    case, _ = ops.link_items(case, a, b, "contradicts")
    with pytest.raises(CaseUsageError, match="already contradicts"):
        ops.link_items(case, a, b, "contradicts")


def test_only_passages_can_be_graded() -> None:
    case, (a,) = _notes("a")
    with pytest.raises(CaseUsageError, match="only passages"):
        ops.grade_item(case, a, Grade(reliability="A"))


def test_grading_a_passage_records_the_grade_and_a_new_revision() -> None:
    added = ops.put_passage(empty_case(), _citation())
    case, passage = added.case, added.item
    graded = ops.grade_item(case, passage.id, Grade(reliability="B", credibility=2))
    item = graded.item(passage.id)
    assert item.grade.code == "B2" and item.rev != passage.rev


def test_the_same_annotation_cannot_be_added_twice() -> None:
    added = ops.put_passage(empty_case(), _citation(), annotation_id="urn:uuid:1")
    case = added.case
    with pytest.raises(CaseUsageError, match="already in the case"):
        ops.put_passage(case, _citation(), annotation_id="urn:uuid:1")


def test_an_empty_note_is_refused() -> None:
    with pytest.raises(CaseUsageError, match="empty"):
        ops.add_note(empty_case(), "   ")


def test_setting_a_free_notes_note_changes_its_text() -> None:
    case, (a,) = _notes("old")
    assert ops.set_item_note(case, a, "new").item(a).text == "new"


def test_a_section_with_items_cannot_be_removed() -> None:
    case, _ = _notes("a", section="Keep")
    with pytest.raises(CaseUsageError, match="still has 1 item"):
        ops.remove_section(case, "Keep")


def test_renaming_a_section_keeps_its_items() -> None:
    case, (a,) = _notes("a", section="Old")
    case = ops.rename_section(case, "Old", "New")
    assert case.section(case.item(a).section).title == "New"


def test_only_entities_have_roles() -> None:
    case, entity = ops.add_entity(empty_case(), "e1", EntitySnapshot(name="Scott Bessent"))
    assert ops.set_entity_role(case, entity.id, "Treasury").item(entity.id).role == "Treasury"


def test_the_header_keeps_key_questions_in_order() -> None:
    case = ops.add_question(ops.add_question(empty_case(), "Who?"), "When?")
    assert case.header.questions == ("Who?", "When?")


def test_a_passage_put_back_gets_its_grade_note_and_links_again() -> None:
    """Issue 13, bug 2: removing a passage and adding it again kept neither its grade nor its links."""
    case, kept = ops.add_note(empty_case(), "the other side")
    added = ops.put_passage(
        case, _citation(), annotation_id="urn:uuid:1", grade=Grade(reliability="B", credibility=2), note="why"
    )
    case, passage = added.case, added.item
    case, _ = ops.link_items(case, passage.id, kept.id, Relation.CONTRADICTS, "opposed vs authorised")
    case = ops.remove_item(case, passage.id)
    assert case.links == ()
    added = ops.put_passage(case, _citation(), annotation_id="urn:uuid:1")
    case, again = added.case, added.item
    assert again.grade == Grade(reliability="B", credibility=2) and again.note == "why"
    (link,) = case.links
    assert (link.source, link.target, link.relation, link.note) == (
        again.id,
        kept.id,
        Relation.CONTRADICTS,
        "opposed vs authorised",
    )
    assert case.numbers()[again.id] == 3  # a new number: #2 stays the removed one's
