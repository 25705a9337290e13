"""Merging two versions of a case record by record: nothing a concurrent writer did is lost."""

from __future__ import annotations

import json

from caseview.casefile import operations as ops
from caseview.casefile.merge import merge_cases
from caseview.casefile.model import CaseFile, Citation, Grade, empty_case


def _base() -> tuple[CaseFile, str, str]:
    case, a = ops.add_note(empty_case(), "alpha")
    added = ops.put_passage(case, Citation(doc_id="d.txt", start=0, end=4, exact="text"))
    case, b = added.case, added.item
    return case, a.id, b.id


def test_items_added_on_both_sides_are_all_kept() -> None:
    base, _, _ = _base()
    mine, ours = ops.add_note(base, "mine")
    theirs, other = ops.add_note(base, "theirs")
    merged = merge_cases(base, mine, theirs)
    assert merged.item(ours.id) is not None and merged.item(other.id) is not None


def test_an_edit_on_one_side_is_taken() -> None:
    base, a, _ = _base()
    mine = ops.set_item_note(base, a, "alpha, revised")
    assert merge_cases(base, mine, base).item(a).text == "alpha, revised"
    assert merge_cases(base, base, mine).item(a).text == "alpha, revised"


def test_a_delete_of_an_unchanged_item_stays_deleted() -> None:
    base, a, _ = _base()
    mine = ops.remove_item(base, a)
    merged = merge_cases(base, mine, base)
    assert merged.item(a) is None and any(t.id == a for t in merged.tombstones)


def test_an_edit_beats_a_delete_made_elsewhere() -> None:
    base, a, _ = _base()
    theirs = ops.remove_item(base, a)
    mine = ops.set_item_note(base, a, "still needed")
    merged = merge_cases(base, mine, theirs)
    assert merged.item(a).text == "still needed" and not any(t.id == a for t in merged.tombstones)


def test_an_edit_on_disk_beats_my_delete() -> None:
    base, a, _ = _base()
    theirs = ops.set_item_note(base, a, "edited elsewhere")
    mine = ops.remove_item(base, a)
    assert merge_cases(base, mine, theirs).item(a).text == "edited elsewhere"


def test_edits_of_different_fields_of_one_item_are_both_kept() -> None:
    base, _, b = _base()
    mine = ops.grade_item(base, b, Grade(reliability="B", credibility=2))
    theirs = ops.set_item_note(base, b, "a note")
    merged = merge_cases(base, mine, theirs).item(b)
    assert merged.grade.code == "B2" and merged.note == "a note" and merged.conflicts == ()


def test_two_edits_of_one_field_keep_the_later_and_record_the_other() -> None:
    base, a, _ = _base()
    theirs = ops.set_item_note(base, a, "their words")
    mine = ops.set_item_note(base, a, "my words")
    mine = mine.model_copy(
        update={
            "items": tuple(
                i.model_copy(update={"modified": i.modified.replace(year=i.modified.year + 1)}) if i.id == a else i
                for i in mine.items
            )
        }
    )
    merged = merge_cases(base, mine, theirs).item(a)
    assert merged.text == "my words"
    assert [(c.field, json.loads(c.value)) for c in merged.conflicts] == [("text", "their words")]


def test_a_move_and_an_edit_of_one_item_combine() -> None:
    base, a, _ = _base()
    mine = ops.move_item(base, a, to_section="Elsewhere")
    theirs = ops.set_item_note(base, a, "edited")
    merged = merge_cases(base, mine, theirs)
    item = merged.item(a)
    assert item.text == "edited" and merged.section(item.section).title == "Elsewhere"


def test_links_to_items_are_merged_like_items() -> None:
    base, a, b = _base()
    mine, link = ops.link_items(base, a, b, "supports")
    theirs, _ = ops.add_note(base, "unrelated")
    assert merge_cases(base, mine, theirs).link(link.id) is not None


def test_header_edits_of_different_fields_combine() -> None:
    base = empty_case()
    mine = ops.set_header(base, title="New title")
    theirs = ops.set_header(base, summary="New summary")
    header = merge_cases(base, mine, theirs).header
    assert (header.title, header.summary) == ("New title", "New summary")


def test_merging_without_a_common_base_keeps_everything() -> None:
    mine, ours = ops.add_note(empty_case(), "mine")
    theirs, other = ops.add_note(empty_case(), "theirs")
    merged = merge_cases(None, mine, theirs)
    assert {i.id for i in merged.items} == {ours.id, other.id}
