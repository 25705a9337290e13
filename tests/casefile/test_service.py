"""The workspace's case API: building a case over real documents."""

from __future__ import annotations

import json

import pytest

from caseview.casefile import CaseFileError, CaseService, CaseUsageError, Grade, ReadOnlyCase
from caseview.casefile.model import SCHEMA_VERSION, EntityItem, PassageItem
from caseview.workspace import Workspace
from tests.casefile.scripted import DOC_000, DOC_001, DOC_002, DOC_003, OPPOSED, ScriptedCase


def test_a_passage_added_by_quote_cites_the_document(case_service: CaseService) -> None:
    item = case_service.add_passage(DOC_001, quote=OPPOSED)
    citation = item.citation
    assert citation.exact == OPPOSED and citation.title.startswith("Anthropic plans to expand access")
    assert case_service.corpus.document(DOC_001).text[citation.start : citation.end] == OPPOSED


def test_a_passage_added_by_span_keeps_32_characters_of_context(case_service: CaseService) -> None:
    item = case_service.add_passage(DOC_001, start=200, end=240)
    assert len(item.citation.prefix) == 32 and len(item.citation.suffix) == 32


def test_a_quote_not_in_the_document_is_refused_clearly(case_service: CaseService) -> None:
    with pytest.raises(CaseUsageError, match="is not in 001"):
        case_service.add_passage(DOC_001, quote="words nobody wrote")


def test_a_span_outside_the_document_is_refused(case_service: CaseService) -> None:
    with pytest.raises(CaseUsageError, match="outside"):
        case_service.add_passage(DOC_001, start=10, end=10**6)


def test_an_unknown_document_is_refused(case_service: CaseService) -> None:
    with pytest.raises(CaseUsageError, match="no document"):
        case_service.add_passage("nope.txt", quote="x")


def test_nothing_is_written_until_something_is_added(case_service: CaseService) -> None:
    case_service.view()
    assert not case_service.path.exists()


def test_an_entity_added_by_name_records_where_it_is_mentioned(case_service: CaseService) -> None:
    item = case_service.add_entity("Scott Bessent", entity_type="PERSON", aliases=["Besant"])
    assert isinstance(item, EntityItem)
    assert {m.doc_id for m in item.entity.mentions} == {DOC_000, DOC_002, DOC_003}
    assert all(m.text in ("Scott Bessent", "Besant") for m in item.entity.mentions)


def test_the_same_entity_twice_is_refused(case_service: CaseService) -> None:
    case_service.add_entity("Scott Bessent")
    with pytest.raises(CaseUsageError, match="already in the case"):
        case_service.add_entity("Scott Bessent")


def test_an_event_from_the_text_keeps_its_date_as_written(case_service: CaseService) -> None:
    item = case_service.add_event_from_text(
        DOC_003, quote="met with Anthropic CEO Dario Amodei", time_text="Earlier this month"
    )
    assert (item.event.time_text, item.event.start_date, item.event.doc_id) == ("Earlier this month", None, DOC_003)


def test_the_scripted_case_has_every_kind_of_item(case_service: CaseService, scripted: ScriptedCase) -> None:
    kinds = sorted({item.kind for item in case_service.load().items})
    assert kinds == ["entity", "event", "note", "passage"]


def test_a_second_service_sees_changes_made_by_the_first(workspace: Workspace, scripted: ScriptedCase) -> None:
    other = workspace.cases.open_apart()
    workspace.case().add_note("written by the first")
    assert any(getattr(item, "text", "") == "written by the first" for item in other.load().items)


def test_named_cases_are_separate_files(workspace: Workspace) -> None:
    workspace.case("leak").add_note("in the named case")
    assert workspace.case_names() == ["leak"] and workspace.case().load().items == ()


def test_a_corrupt_case_file_is_reported_and_kept(workspace: Workspace) -> None:
    path = workspace.root / "case.json"
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"case\.json: cannot be read"):
        workspace.case().add_note("x")
    assert path.read_text(encoding="utf-8") == "{ not json"
    assert list((workspace.derived_dir / "quarantine").iterdir())


def test_a_newer_case_file_can_be_shown_but_not_changed(workspace: Workspace, scripted: ScriptedCase) -> None:
    path = workspace.case().path
    data = json.loads(path.read_text(encoding="utf-8"))
    data["caseviewCaseSchema"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    service = workspace.cases.open_apart()
    assert service.view().read_only and len(service.view().items) == 8
    with pytest.raises(ReadOnlyCase):
        service.add_note("refused")


def test_grading_through_the_service_is_saved(
    workspace: Workspace, case_service: CaseService, scripted: ScriptedCase
) -> None:
    case_service.grade(scripted.authorised, Grade(reliability="E", credibility=5))
    item = workspace.cases.open_apart().load().item(scripted.authorised)
    assert isinstance(item, PassageItem) and item.grade.code == "E5"


def test_removing_by_number_removes_that_item(case_service: CaseService, scripted: ScriptedCase) -> None:
    removed = case_service.remove("1")
    assert case_service.load().item(removed.id) is None
