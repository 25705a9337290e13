"""Everything caseview writes passes every MUST assertion of the W3C Web Annotation test suite."""

from __future__ import annotations

import json

from tests.w3c_validation import annotation_file_failures, annotation_must_failures

from .conftest import FT_ARTICLE, PASSAGE, edit_document


def _written(service, doc_id=FT_ARTICLE):
    return json.loads(service.sidecar(doc_id).read_text(encoding="utf-8"))


def test_the_validator_rejects_an_annotation_that_breaks_a_must():
    broken = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "not a uri",
        "type": "Annotation",
        "target": "urn:caseview:doc:x",
        "created": "yesterday",
    }
    failures = annotation_must_failures(broken)
    assert any("3.1-annotationIdValidated" in f for f in failures)
    assert any("annotationCreatedValidated" in f for f in failures)


def test_a_written_tag_and_note_annotation_passes_all_musts(service):
    service.add_quote(FT_ARTICLE, PASSAGE, tags=["access-expansion"], note="Contradicts 004")
    data = _written(service)
    assert annotation_file_failures(data) == []
    assert all(annotation_must_failures(item) == [] for item in data["first"]["items"])


def test_every_kind_of_annotation_and_the_empty_file_pass_all_musts(service):
    plain = service.add_quote(FT_ARTICLE, "Treasury")
    service.add_quote(FT_ARTICLE, "Mythos", 2, note="*markdown* note", note_format="text/markdown")
    service.add_quote(FT_ARTICLE, "Pentagon", tags=["a", "b", "c"])
    service.delete(plain.id)
    assert annotation_file_failures(_written(service)) == []


def test_files_after_reanchoring_and_conflicts_pass_all_musts(service, corpus):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE, tags=["x"])
    other_window = type(service)(corpus, corpus / ".caseview", creator=service.creator)
    other_window.edit(annotation.id, note="theirs")
    service.edit(annotation.id, note="mine", base_rev=annotation.rev)
    edit_document(corpus, FT_ARTICLE, PASSAGE, "Several agencies have been in talks with Anthropic")
    service.check()
    data = _written(service)
    assert data["first"]["items"][0]["cv:conflicts"]
    assert annotation_file_failures(data) == []


def test_a_document_id_with_spaces_and_accents_gives_valid_uris(service, corpus):
    (corpus / "notes folder").mkdir()
    (corpus / "notes folder" / "Café memo.txt").write_text("The minister said the deal was off.\n", encoding="utf-8")
    service.add_quote("notes folder/Café memo.txt", "the deal was off", tags=["deal"])
    assert annotation_file_failures(_written(service, "notes folder/Café memo.txt")) == []
