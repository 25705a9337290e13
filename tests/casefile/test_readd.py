"""A passage removed from the case and added again — even as a new annotation on nearly the same
words — gets its grade, note and links back; another passage gets nothing (issue 13, bug 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.casefile import CaseService, Grade
from caseview.casefile.model import PassageItem
from caseview.cli import main
from caseview.workspace import Workspace
from tests.casefile.scripted import AUTHORISED, DOC_001, DOC_004, OPPOSED


def _graded_linked_and_removed(workspace: Workspace, case: CaseService) -> tuple[int, int]:
    """An annotation on OPPOSED in the case with grade B2, a note and a link; then removed.
    Returns the span of the quote in 001."""
    text = workspace.document(DOC_001).text
    start = text.index(OPPOSED)
    first = workspace.annotate_span(DOC_001, start, start + len(OPPOSED), tags=["stance"])
    item = case.add_annotation(first.id)
    case.grade(item.id, Grade(reliability="B", credibility=2))
    case.set_note(item.id, "the administration's line")
    other = case.add_passage(DOC_004, quote=AUTHORISED)
    case.link(item.id, other.id, "contradicts", "opposed vs authorised")
    case.remove(item.id)
    assert not case.load().links
    return start, start + len(OPPOSED)


def test_a_new_annotation_on_nearly_the_same_words_gets_the_grade_note_and_links_back(
    workspace: Workspace, case_service: CaseService
) -> None:
    start, end = _graded_linked_and_removed(workspace, case_service)
    text = workspace.document(DOC_001).text
    wider = end + text[end:].index(" ", 1)  # the sentence re-selected with one more word
    again = workspace.annotate_span(DOC_001, start, wider)
    item = case_service.add_annotation(again.id)
    assert isinstance(item, PassageItem) and item.annotation_id == again.id
    assert item.grade == Grade(reliability="B", credibility=2)
    assert item.note == "the administration's line"
    (link,) = case_service.load().links
    assert link.source == item.id and link.note == "opposed vs authorised"
    restoration = case_service.restoration(item.id)
    assert restoration is not None
    assert restoration.describe().startswith("grade B2, note and 1 link restored from the removed item #")


def test_an_unrelated_passage_of_the_same_document_gets_nothing(
    workspace: Workspace, case_service: CaseService
) -> None:
    start, _end = _graded_linked_and_removed(workspace, case_service)
    text = workspace.document(DOC_001).text
    elsewhere = text.index(".", start + len(OPPOSED) + 200) + 2
    other = workspace.annotate_span(DOC_001, elsewhere, elsewhere + 60)
    item = case_service.add_annotation(other.id)
    assert item.grade is None and item.note is None
    assert case_service.restoration(item.id) is None
    assert len(case_service.load().links) == 0


def test_undo_takes_the_put_back_passage_out_cleanly(workspace: Workspace, case_service: CaseService) -> None:
    start, end = _graded_linked_and_removed(workspace, case_service)
    again = workspace.annotate_span(DOC_001, start + 4, end)  # "Trump administration …": overlapping
    item = case_service.add_annotation(again.id)
    assert item.grade == Grade(reliability="B", credibility=2)
    undone = workspace.undo()
    assert undone is not None
    case = case_service.load()
    assert case.item(item.id) is None and not case.links


def test_the_cli_says_what_came_back(
    workspace: Workspace, case_service: CaseService, prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start, end = _graded_linked_and_removed(workspace, case_service)
    again = workspace.annotate_span(DOC_001, start, end - 8)
    capsys.readouterr()
    assert main(["case", str(prepared_seed_corpus), "add", "annotation", again.id]) == 0
    out = capsys.readouterr().out
    assert "re-added (grade B2, note and 1 link restored from the removed item #" in out
