"""Annotation files on disk: unreadable files are reported, kept and set aside; newer ones are read-only."""

from __future__ import annotations

import json
import os

import pytest

from caseview.annotations.errors import AnnotationFileError, ReadOnlyAnnotations
from caseview.annotations.store import sidecar_path
from caseview.kernel.safefile import atomic_write_bytes

from .conftest import FT_ARTICLE, PASSAGE

OTHER_ARTICLE = "001_c0973cc29b59132c.txt"


def test_annotations_live_beside_the_document(service, corpus):
    service.add_quote(FT_ARTICLE, PASSAGE)
    assert (corpus / f"{FT_ARTICLE}.annotations.json").is_file()
    assert sidecar_path(corpus / FT_ARTICLE) == corpus / f"{FT_ARTICLE}.annotations.json"


def test_the_file_is_readable_indented_json_with_a_schema_version(service):
    service.add_quote(FT_ARTICLE, PASSAGE, tags=["access"])
    raw = service.sidecar(FT_ARTICLE).read_text(encoding="utf-8")
    assert raw.startswith("{\n") and json.loads(raw)["cv:schemaVersion"] == 1


def test_a_corrupt_file_is_named_with_its_reason_and_left_untouched(service):
    service.add_quote(FT_ARTICLE, PASSAGE)
    path = service.sidecar(FT_ARTICLE)
    broken = path.read_bytes()[:-40]
    path.write_bytes(broken)
    with pytest.raises(AnnotationFileError, match=r"annotations\.json: cannot be read: not valid JSON"):
        service.list(FT_ARTICLE)
    assert path.read_bytes() == broken


def test_a_corrupt_file_is_copied_aside_to_the_quarantine(service, corpus):
    path = service.sidecar(FT_ARTICLE)
    path.write_text("{ this is not json", encoding="utf-8")
    problems = service.problems()
    assert len(problems) == 1 and problems[0].path == path
    copies = list((corpus / ".caseview" / "quarantine").iterdir())
    assert [c.read_text(encoding="utf-8") for c in copies] == ["{ this is not json"]


def test_writing_to_a_corrupt_file_is_refused_and_it_stays_as_it_was(service):
    path = service.sidecar(FT_ARTICLE)
    path.write_text(
        '{"cv:schemaVersion": 1, "type": "AnnotationCollection", "first": {"items": [{"id": 3}]}}', encoding="utf-8"
    )
    before = path.read_bytes()
    with pytest.raises(AnnotationFileError, match="item 0"):
        service.add_quote(FT_ARTICLE, PASSAGE)
    assert path.read_bytes() == before


def test_the_rest_of_the_corpus_opens_beside_a_corrupt_file(service):
    service.add_quote(OTHER_ARTICLE, "Anthropic", tags=["fine"])
    service.sidecar(FT_ARTICLE).write_text("not json at all", encoding="utf-8")
    assert [a.tags for a in service.list()] == [("fine",)]
    assert [p.doc_id for p in service.problems()] == [FT_ARTICLE]
    assert [p.doc_id for p in service.check().problems] == [FT_ARTICLE]


def test_a_file_from_a_newer_schema_version_opens_read_only(service):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE, tags=["x"])
    path = service.sidecar(FT_ARTICLE)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["cv:schemaVersion"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    assert [a.id for a in service.list(FT_ARTICLE)] == [annotation.id]
    with pytest.raises(ReadOnlyAnnotations, match=r"newer caseview.*schema version 99"):
        service.edit(annotation.id, note="change")
    assert path.read_bytes() == before
    assert service.problems()[0].read_only


def test_a_file_without_schema_version_is_refused(service):
    service.sidecar(FT_ARTICLE).write_text('{"type": "AnnotationCollection"}', encoding="utf-8")
    with pytest.raises(AnnotationFileError, match="cv:schemaVersion"):
        service.list(FT_ARTICLE)


def test_atomic_write_replaces_the_file_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "x.annotations.json"
    target.write_text("old", encoding="utf-8")
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["x.annotations.json"]


def test_stale_temp_files_of_a_killed_writer_are_cleaned_on_the_next_write(service):
    service.add_quote(FT_ARTICLE, PASSAGE)
    path = service.sidecar(FT_ARTICLE)
    stale = path.with_name(f".{path.name}.abc123.tmp")
    stale.write_text("half a fi", encoding="utf-8")
    service.add_quote(FT_ARTICLE, "Treasury")
    assert not stale.exists()


def test_a_file_is_parsed_again_only_when_its_bytes_changed(service, corpus):
    # Parsing a big annotation file is the cost of every read (a passage added to the case read one
    # file of 500 annotations six times); the file is still read each time, so a change by another
    # program (even one keeping the size, or the mtime) is always seen.
    from caseview.annotations.model import Creator
    from caseview.annotations.service import AnnotationService

    service.add_quote(FT_ARTICLE, PASSAGE, tags=["first"])
    path = service.sidecar(FT_ARTICLE)
    store = service.store
    first = store.load(path, FT_ARTICLE)
    assert store.load(path, FT_ARTICLE) is first  # same bytes: the parse is kept
    other = AnnotationService(corpus, corpus / ".caseview", creator=Creator(name="Other program"))
    [annotation] = other.list(FT_ARTICLE)
    stat = path.stat()
    other.edit(annotation.id, tags=["fifth"])  # the same length as "first"
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the old mtime
    again = store.load(path, FT_ARTICLE)
    assert again is not first and [a.tags for a in again.content.annotations] == [("fifth",)]
