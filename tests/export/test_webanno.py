"""The W3C JSON export: a valid AnnotationCollection that re-imports without loss."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from caseview.casefile import CaseService
from caseview.export.webanno import case_from_w3c, case_to_w3c, render_w3c
from caseview.workspace import Workspace
from tests.casefile.scripted import AUTHORISED, DOC_001, DOC_004, OPPOSED, ScriptedCase, build_scripted_case
from tests.w3c_validation import (
    annotation_must_failures,
    collection_must_failures,
    page_must_failures,
)


@pytest.fixture
def exported(case_service: CaseService, scripted: ScriptedCase) -> dict[str, Any]:
    return json.loads(render_w3c(case_service.view()))


def _items(collection: dict[str, Any]) -> list[dict[str, Any]]:
    return collection["first"]["items"]


def test_the_collection_passes_the_w3c_collection_musts(exported: dict[str, Any]) -> None:
    assert collection_must_failures(exported) == []


def test_the_embedded_page_passes_the_w3c_page_musts(exported: dict[str, Any]) -> None:
    assert page_must_failures(exported) == []


def test_every_annotation_passes_the_w3c_annotation_musts(exported: dict[str, Any]) -> None:
    failures = {item["id"]: annotation_must_failures(item) for item in _items(exported)}
    assert all(not found for found in failures.values()), failures


def test_the_validator_does_catch_a_broken_collection(exported: dict[str, Any]) -> None:
    broken = dict(exported, **{"@context": "http://example.com/other"})
    broken["first"] = dict(exported["first"], items=[dict(_items(exported)[0], type="Note")])
    assert collection_must_failures(broken) and annotation_must_failures(broken["first"]["items"][0])


def test_there_is_one_annotation_per_item_and_one_linking_annotation_per_link(exported: dict[str, Any]) -> None:
    motivations = [item["motivation"] for item in _items(exported)]
    assert exported["total"] == len(motivations) == 10 and motivations.count("linking") == 2


def test_a_passage_annotation_targets_its_text_with_quote_and_position(exported: dict[str, Any]) -> None:
    passage = next(i for i in _items(exported) if i.get("cv:caseItem", {}).get("citation", {}).get("exact") == OPPOSED)
    selectors = {s["type"]: s for s in passage["target"]["selector"]}
    assert passage["target"]["source"] == f"urn:caseview:doc:{DOC_001}"
    assert selectors["TextQuoteSelector"]["exact"] == OPPOSED
    assert [b["value"] for b in passage["body"] if b["purpose"] == "tagging"] == ["access-expansion", "opposition"]


def test_a_linking_annotation_points_from_one_item_to_the_other(exported: dict[str, Any]) -> None:
    by_item = {i["cv:caseItem"]["id"]: i["id"] for i in _items(exported) if "cv:caseItem" in i}
    link = next(
        i for i in _items(exported) if i["motivation"] == "linking" and i["cv:caseLink"]["relation"] == "contradicts"
    )
    source, target = link["cv:caseLink"]["source"], link["cv:caseLink"]["target"]
    assert link["target"] == by_item[source] and link["body"][0] == by_item[target]
    assert {"type": "TextualBody", "purpose": "classifying", "value": "contradicts"} in link["body"]


def test_json_to_case_to_json_is_lossless(case_service: CaseService, scripted: ScriptedCase, tmp_path: Path) -> None:
    first = render_w3c(case_service.view())
    other_corpus = tmp_path / "elsewhere"
    shutil.copytree(case_service.root, other_corpus, ignore=shutil.ignore_patterns("case.json*", ".caseview"))
    elsewhere = Workspace.open(other_corpus)
    try:
        elsewhere.case().replace_with(case_from_w3c(json.loads(first)))
        assert render_w3c(elsewhere.case().view()) == first
    finally:
        elsewhere.close()


def test_case_to_json_to_case_keeps_every_record(case_service: CaseService, scripted: ScriptedCase) -> None:
    case = case_service.load()
    back = case_from_w3c(case_to_w3c(case_service.view()))
    assert back == case.model_copy(update={"tombstones": ()})


def test_live_annotations_are_exported_as_the_annotation_service_has_them(workspace: Workspace) -> None:
    service = workspace.case()
    item = service.add_passage(DOC_001, quote=OPPOSED, tags=["t"])
    workspace.edit_annotation(item.annotation_id, tags=["retagged"])
    exported = case_to_w3c(service.view(), service.live_annotations())
    annotation = _items(exported)[0]
    assert (
        annotation["id"] == item.annotation_id and annotation["cv:rev"] == workspace.annotation(item.annotation_id).rev
    )
    assert [b["value"] for b in annotation["body"]] == ["retagged"] and annotation_must_failures(annotation) == []


def test_a_passage_without_a_live_annotation_is_exported_from_its_snapshot(workspace: Workspace) -> None:
    service = workspace.case()
    item = service.add_passage(DOC_001, quote=OPPOSED, tags=["t"])
    workspace.delete_annotation(item.annotation_id)
    annotation = _items(case_to_w3c(service.view(), service.live_annotations()))[0]
    assert annotation["id"] == item.annotation_id and annotation["cv:flags"] == ["annotation-deleted"]
    assert annotation["body"][0]["value"] == "t" and annotation_must_failures(annotation) == []


def test_an_orphaned_passage_is_exported_with_its_flag(
    workspace: Workspace, case_service: CaseService, scripted: ScriptedCase
) -> None:
    path = workspace.root / DOC_004
    path.write_text(path.read_text(encoding="utf-8").replace(AUTHORISED, "gone"), encoding="utf-8")
    exported = case_to_w3c(case_service.view())
    flagged = [i for i in _items(exported) if i.get("cv:flags")]
    assert [i["cv:caseItem"]["id"] for i in flagged] == [scripted.authorised] and flagged[0]["cv:flags"] == ["orphaned"]


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda c: c.update(type="AnnotationPage"), "not a W3C AnnotationCollection"),
        (lambda c: c.pop("cv:schemaVersion"), "not exported from a caseview case"),
        (lambda c: c.update({"cv:schemaVersion": 99}), "newer caseview"),
        (lambda c: c.update(total=3), "incomplete"),
        (lambda c: c["first"]["items"][0].pop("cv:caseItem"), "not a caseview case item"),
        (lambda c: c["first"]["items"][0]["cv:caseItem"].update(order="x"), "order"),
    ],
)
def test_an_unusable_collection_is_refused_with_the_reason(exported: dict[str, Any], mutate, message: str) -> None:
    mutate(exported)
    with pytest.raises(ValueError, match=message):
        case_from_w3c(exported)


def test_a_named_case_exports_under_its_own_collection_id(workspace: Workspace) -> None:
    service = workspace.case("original")
    build_scripted_case(service)
    assert case_to_w3c(service.view())["id"] == "urn:caseview:case:original"
