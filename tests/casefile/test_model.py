"""The case model: grades, sections, ordering, ids."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from caseview.casefile import operations as ops
from caseview.casefile.model import Citation, Grade, empty_case, section_id_for


def test_a_grade_combines_reliability_and_credibility_in_admiralty_code() -> None:
    assert Grade(reliability="B", credibility=2).code == "B2"


def test_a_grade_describes_itself_in_words() -> None:
    assert Grade(reliability="F", credibility=6).describe() == (
        "F6 (source reliability cannot be judged; information truth cannot be judged)"
    )


def test_half_a_grade_is_allowed_and_shows_the_unknown_half() -> None:
    assert Grade(credibility=4).code == "-4"


@pytest.mark.parametrize("fields", [{"reliability": "G"}, {"credibility": 7}, {"credibility": 0}, {}])
def test_a_grade_outside_admiralty_scales_is_refused(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Grade(**fields)


def test_a_citation_refuses_an_empty_span() -> None:
    with pytest.raises(ValidationError):
        Citation(doc_id="a.txt", start=5, end=5, exact="x")


def test_section_ids_come_from_titles_so_concurrent_writers_make_one_section() -> None:
    assert section_id_for("Contradictions & Doubts") == section_id_for("contradictions  doubts")


def test_items_are_ordered_by_section_then_position() -> None:
    case, first = ops.add_note(empty_case(), "first", section="A")
    case, second = ops.add_note(case, "second", section="B")
    case, third = ops.add_note(case, "third", section="A")
    assert [item.id for item in case.ordered_items()] == [first.id, third.id, second.id]


def test_an_item_whose_section_vanished_is_listed_under_unsorted() -> None:
    case, note = ops.add_note(empty_case(), "kept", section="Gone")
    case = case.model_copy(update={"sections": ()})
    sections = case.ordered_sections()
    assert [s.title for s in sections] == ["Unsorted"] and case.items_in(sections[0].id) == [note]


def test_duplicate_item_ids_are_refused() -> None:
    case, note = ops.add_note(empty_case(), "once")
    with pytest.raises(ValidationError, match="appears twice"):
        type(case).model_validate({**case.model_dump(), "items": [note.model_dump(), note.model_dump()]})
