"""Merging one change into the annotations on disk: nobody's work is dropped."""

from __future__ import annotations

from caseview.annotations.jsonld import AnnotationFile
from caseview.annotations.merge import Delete, Put, SetAnchor, apply_change
from caseview.annotations.model import AnchorState, Creator, annotation_for_quote, utc_now

from .conftest import PASSAGE

ANALYST = Creator(name="A")


def _file_with(annotation):
    return AnnotationFile(doc_id=annotation.doc_id, annotations=(annotation,))


def test_an_edit_based_on_the_current_revision_replaces_it(ft_document):
    original = annotation_for_quote(ft_document, PASSAGE, creator=ANALYST, tags=["a"])
    content, outcome = apply_change(_file_with(original), Put(original.revised(tags=("b",)), original.rev))
    assert outcome.kind == "applied"
    assert content.get(original.id).tags == ("b",) and not content.get(original.id).conflicts


def test_two_different_edits_from_one_base_keep_both_and_flag_a_conflict(ft_document):
    original = annotation_for_quote(ft_document, PASSAGE, creator=ANALYST, tags=["a"])
    theirs = original.revised(note="theirs")
    content, _ = apply_change(_file_with(original), Put(theirs, original.rev))
    content, outcome = apply_change(content, Put(original.revised(note="mine"), original.rev))
    merged = content.get(original.id)
    assert outcome.kind == "conflict"
    assert merged.note == "mine" and [v.note for v in merged.conflicts] == ["theirs"]


def test_a_delete_leaves_a_tombstone(ft_document):
    original = annotation_for_quote(ft_document, PASSAGE, creator=ANALYST)
    content, outcome = apply_change(_file_with(original), Delete(original.id, original.rev, "A", utc_now()))
    assert outcome.kind == "applied"
    assert content.get(original.id) is None and content.tombstone(original.id).rev == original.rev


def test_an_edit_beats_a_delete_of_an_older_revision(ft_document):
    original = annotation_for_quote(ft_document, PASSAGE, creator=ANALYST)
    edited = original.revised(note="kept")
    content, _ = apply_change(_file_with(original), Put(edited, original.rev))
    content, outcome = apply_change(content, Delete(original.id, original.rev, "A", utc_now()))
    assert outcome.kind == "kept-edit"
    assert content.get(original.id).note == "kept"


def test_an_edit_of_a_deleted_annotation_brings_it_back(ft_document):
    original = annotation_for_quote(ft_document, PASSAGE, creator=ANALYST)
    content, _ = apply_change(_file_with(original), Delete(original.id, original.rev, "A", utc_now()))
    content, outcome = apply_change(content, Put(original.revised(note="late edit"), original.rev))
    assert outcome.kind == "resurrected"
    assert content.get(original.id).note == "late edit" and content.tombstone(original.id) is None


def test_writing_the_same_revision_twice_changes_nothing(ft_document):
    original = annotation_for_quote(ft_document, PASSAGE, creator=ANALYST)
    content, outcome = apply_change(_file_with(original), Put(original, None))
    assert outcome.kind == "unchanged" and content == _file_with(original)


def test_an_anchor_update_for_an_outdated_revision_is_ignored(ft_document):
    original = annotation_for_quote(ft_document, PASSAGE, creator=ANALYST)
    edited = original.revised(note="new")
    content, _ = apply_change(_file_with(original), Put(edited, original.rev))
    stale = SetAnchor(original.id, original.rev, AnchorState(status="orphaned", score=0, doc_sha256="f" * 64))
    content, outcome = apply_change(content, stale)
    assert outcome.kind == "unchanged" and content.get(original.id).anchor.status == "anchored"
