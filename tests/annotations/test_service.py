"""The annotation service: changes go to disk at once, can be undone, are logged and searchable."""

from __future__ import annotations

import pytest

from caseview.annotations.errors import SpanError, UnknownAnnotation
from caseview.annotations.service import AnnotationService

from .conftest import FT_ARTICLE, PASSAGE, edit_document


def _fresh(service):
    """A second window on the same corpus: it sees only what is on disk."""
    return AnnotationService(service.root, service.derived_dir, creator=service.creator)


def test_an_added_annotation_is_on_disk_at_once(service):
    annotation = service.add_span(FT_ARTICLE, 10, 40, tags=["x"], note="first")
    assert _fresh(service).get(annotation.id) == annotation


def test_a_bad_span_is_refused_and_nothing_is_written(service):
    with pytest.raises(SpanError):
        service.add_span(FT_ARTICLE, 40, 40)
    assert not service.sidecar(FT_ARTICLE).exists()


def test_the_creator_is_recorded(service):
    assert service.add_quote(FT_ARTICLE, PASSAGE).creator.name == "Test Analyst"


def test_edit_changes_tags_and_note_and_keeps_the_quote(service):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE, tags=["a"])
    result = service.edit(annotation.id, tags=["b", "c"], note="now a note")
    assert result.annotation.tags == ("b", "c") and result.annotation.note == "now a note"
    assert result.annotation.quote == annotation.quote and result.annotation.created == annotation.created


def test_retag_replaces_the_tags(service):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE, tags=["a"])
    assert service.retag(annotation.id, ["z"]).annotation.tags == ("z",)


def test_list_filters_by_document_and_tag(service):
    service.add_quote(FT_ARTICLE, PASSAGE, tags=["Access"])
    service.add_quote(FT_ARTICLE, "Treasury", tags=["money"])
    service.add_quote("001_c0973cc29b59132c.txt", "Anthropic", tags=["access"])
    assert len(service.list()) == 3
    assert len(service.list(FT_ARTICLE)) == 2
    assert {a.doc_id for a in service.list(tag="access")} == {FT_ARTICLE, "001_c0973cc29b59132c.txt"}


def test_delete_removes_it_from_the_list(service):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE)
    service.delete(annotation.id)
    assert service.list() == []
    with pytest.raises(UnknownAnnotation):
        service.get(annotation.id)


def test_undo_of_an_add_deletes_and_redo_brings_it_back(service, history):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE, tags=["a"])
    history.undo()
    assert service.list() == []
    history.redo()
    assert [a.tags for a in service.list()] == [("a",)] and service.list()[0].id == annotation.id


def test_undo_of_an_edit_restores_the_previous_content(service, history):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE, tags=["a"], note="before")
    service.edit(annotation.id, note="after")
    history.undo()
    assert service.get(annotation.id).note == "before"
    history.redo()
    assert service.get(annotation.id).note == "after"


def test_undo_of_a_delete_restores_the_annotation(service, history):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE, tags=["keep"])
    service.delete(annotation.id)
    history.undo()
    assert service.get(annotation.id).tags == ("keep",)


def test_several_undos_walk_back_in_order(service, history):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE, tags=["a"])
    service.retag(annotation.id, ["b"])
    service.retag(annotation.id, ["c"])
    history.undo()
    history.undo()
    assert service.get(annotation.id).tags == ("a",)
    history.undo()
    assert service.list() == []
    assert history.undo() is None


def test_a_new_change_clears_the_redo_stack(service, history):
    service.add_quote(FT_ARTICLE, PASSAGE)
    history.undo()
    service.add_quote(FT_ARTICLE, "Treasury")
    assert history.redo() is None


def test_undo_does_not_drop_an_edit_made_elsewhere_meanwhile(service, history):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE, tags=["mine"])
    _fresh(service).edit(annotation.id, note="written in the other window")
    result = history.undo()  # undo my add: but the annotation was edited since
    assert result is not None and result.note.startswith("not deleted: it was edited elsewhere")
    assert service.get(annotation.id).note == "written in the other window"


def test_concurrent_edits_from_the_same_base_keep_both_versions(service):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE, tags=["a"])
    _fresh(service).edit(annotation.id, note="theirs", base_rev=annotation.rev)
    result = service.edit(annotation.id, note="mine", base_rev=annotation.rev)
    assert result.outcome == "conflict"
    stored = service.get(annotation.id)
    assert {stored.note, *(v.note for v in stored.conflicts)} == {"mine", "theirs"}
    assert any(item.reason.startswith("conflict") for item in service.review_queue())


def test_a_conflict_is_settled_by_choosing_a_version(service):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE)
    _fresh(service).edit(annotation.id, note="theirs", base_rev=annotation.rev)
    service.edit(annotation.id, note="mine", base_rev=annotation.rev)
    theirs = next(v for v in service.get(annotation.id).conflicts if v.note == "theirs")
    service.resolve_conflict(annotation.id, theirs.rev)
    settled = service.get(annotation.id)
    assert settled.note == "theirs" and not settled.conflicts


def test_a_stale_delete_loses_to_an_edit(service):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE)
    _fresh(service).edit(annotation.id, note="edited elsewhere")
    result = service.delete(annotation.id, base_rev=annotation.rev)
    assert result.outcome == "kept-edit" and service.get(annotation.id).note == "edited elsewhere"


def test_every_change_is_in_the_audit_log_with_who_and_what(service, history, corpus):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE, tags=["a"])
    service.edit(annotation.id, note="n")
    service.delete(annotation.id)
    history.undo()
    entries = service.audit.read()
    assert [e.action for e in entries] == ["add", "edit", "delete", "undo delete"]
    assert {e.who for e in entries} == {"Test Analyst"}
    assert "Several agencies" in entries[2].summary
    assert (corpus / "caseview-audit.jsonl").read_text(encoding="utf-8").count("\n") == 4


def test_index_terms_give_tags_and_notes_of_a_document(service):
    service.add_quote(FT_ARTICLE, PASSAGE, tags=["access-expansion"], note="Contradicts 004")
    service.add_quote(FT_ARTICLE, "Treasury", tags=["access-expansion", "treasury"])
    terms = service.index_terms(FT_ARTICLE)
    assert terms.tags == ["access-expansion", "treasury"] and terms.notes == ["Contradicts 004"]


def test_each_change_tells_the_workspace_which_document_to_reindex(corpus):
    changed: list[str] = []
    service = AnnotationService(corpus, on_change=changed.append)
    annotation = service.add_quote(FT_ARTICLE, PASSAGE, tags=["a"])
    service.retag(annotation.id, ["b"])
    assert changed == [FT_ARTICLE, FT_ARTICLE]


def test_check_reports_a_passage_moved_by_a_typo_fix_before_it(service, corpus):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE)
    edit_document(corpus, FT_ARTICLE, "Treasury", "Treasury Department")
    report = service.check()
    assert [a.id for a in report.moved] == [annotation.id] and not report.needs_attention
    moved = service.get(annotation.id)
    assert moved.anchor.start == annotation.position.start + len(" Department")
    assert moved.quote == annotation.quote  # the original selection is never rewritten


def test_check_puts_a_deleted_passage_in_the_review_queue(service, corpus):
    annotation = service.add_quote(FT_ARTICLE, PASSAGE)
    edit_document(corpus, FT_ARTICLE, PASSAGE + " about access", "")
    report = service.check()
    assert report.needs_attention
    assert [(i.annotation.id, i.annotation.anchor.status) for i in report.review] == [(annotation.id, "orphaned")]
    assert _fresh(service).get(annotation.id).quote.exact == PASSAGE  # kept, not deleted


def test_check_of_an_unchanged_corpus_needs_no_attention(service):
    service.add_quote(FT_ARTICLE, PASSAGE)
    report = service.check()
    assert report.checked == 1 and not report.needs_attention


def test_annotations_survive_losing_the_derived_folder(service, corpus):
    import shutil

    annotation = service.add_quote(FT_ARTICLE, PASSAGE)
    shutil.rmtree(corpus / ".caseview")
    edit_document(corpus, FT_ARTICLE, "Treasury", "the Treasury")
    report = _fresh(service).check()
    assert [a.id for a in report.moved] == [annotation.id]


def test_a_lookup_answers_as_get_does_reading_each_file_once_per_look(service):
    kept = service.add_quote(FT_ARTICLE, PASSAGE, tags=["a"])
    other = service.add_quote("001_c0973cc29b59132c.txt", "Anthropic", tags=["b"])
    gone = service.add_quote(FT_ARTICLE, "Treasury")
    service.delete(gone.id)
    for session in (service, _fresh(service)):  # a fresh one has seen no file yet
        get = session.lookup()
        assert get(kept.id) == session.get(kept.id) == kept
        assert get(other.id) == other
        for missing in (gone.id, "urn:uuid:never-made"):
            with pytest.raises(UnknownAnnotation) as by_lookup:
                get(missing)
            with pytest.raises(UnknownAnnotation) as by_get:
                session.get(missing)
            assert str(by_lookup.value) == str(by_get.value)
    get = service.lookup()
    assert get(kept.id).tags == ("a",)
    service.retag(kept.id, ["c"])
    assert get(kept.id).tags == ("a",), "one look: the file as it was when the lookup first read it"
    assert service.lookup()(kept.id).tags == ("c",)
