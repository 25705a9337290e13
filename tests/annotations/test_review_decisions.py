"""The analyst's review decisions: re-attach, accept, dismiss — the original quote is never lost."""

from __future__ import annotations

import json

import pytest

from caseview.annotations.errors import AnnotationError
from caseview.workspace import Workspace

from .conftest import FT_ARTICLE, PASSAGE, edit_document

#: The passage twice, side by side: which one is the annotated one cannot be told, so it needs review.
EDITED = PASSAGE + " " + PASSAGE


@pytest.fixture
def workspace(corpus, monkeypatch):
    monkeypatch.setenv("CASEVIEW_CREATOR", "Desk Analyst")
    opened = Workspace.open(corpus)
    yield opened
    opened.close()


@pytest.fixture
def under_review(workspace, corpus):
    """An annotation whose passage now appears twice in a row in the article: it needs review."""
    annotation = workspace.annotate_quote(FT_ARTICLE, PASSAGE, tags=["talks"])
    edit_document(corpus, FT_ARTICLE, PASSAGE, EDITED)
    queue = workspace.review_queue()
    assert [item.annotation.id for item in queue] == [annotation.id]
    return queue[0].annotation


def _stored(corpus, annotation_id):
    data = json.loads((corpus / f"{FT_ARTICLE}.annotations.json").read_text(encoding="utf-8"))
    items = data.get("first", data).get("items", [])
    return next(item for item in items if item["id"] == annotation_id)


def test_accepting_anchors_the_annotation_at_its_candidate(workspace, under_review):
    result = workspace.accept_anchor(under_review.id)
    assert result.annotation.anchor.status == "anchored"
    assert result.annotation.current_span == under_review.current_span
    assert workspace.review_queue() == []


def test_reattaching_anchors_it_where_the_analyst_says_and_keeps_the_original_quote(workspace, corpus, under_review):
    text = workspace.document(FT_ARTICLE).text
    start = text.rindex(PASSAGE)
    workspace.reattach_annotation(under_review.id, start, start + len(PASSAGE))
    saved = workspace.annotation(under_review.id)
    assert saved.current_span == (start, start + len(PASSAGE))
    assert saved.quote.exact == PASSAGE
    assert _stored(corpus, under_review.id)["cv:anchor"]["status"] == "anchored"
    assert workspace.review_queue() == []


def test_dismissing_keeps_it_orphaned_and_out_of_the_queue(workspace, corpus, under_review):
    workspace.dismiss_review(under_review.id)
    saved = workspace.annotation(under_review.id)
    assert saved.anchor.status == "orphaned" and saved.anchor.dismissed
    assert saved.quote.exact == PASSAGE
    assert _stored(corpus, under_review.id)["cv:anchor"]["dismissed"] is True
    assert workspace.review_queue() == []


def test_a_review_decision_can_be_undone(workspace, under_review):
    workspace.dismiss_review(under_review.id)
    workspace.undo()
    assert [item.annotation.id for item in workspace.review_queue()] == [under_review.id]


def test_an_orphan_has_no_candidate_to_accept(workspace, corpus):
    annotation = workspace.annotate_quote(FT_ARTICLE, PASSAGE)
    edit_document(corpus, FT_ARTICLE, PASSAGE, "Nothing like the old sentence remains here at all, xyz")
    workspace.review_queue()
    if workspace.annotation(annotation.id).current_span is not None:
        pytest.skip("re-anchoring found a candidate")
    with pytest.raises(AnnotationError, match="no candidate"):
        workspace.accept_anchor(annotation.id)


def test_both_places_of_a_doubled_passage_are_offered(workspace, under_review):
    """The best candidate first, then the other copy, each with its own text, score and reason."""
    text = workspace.document(FT_ARTICLE).text
    offered = workspace.review_candidates(under_review.id)
    assert (offered[0].start, offered[0].end) == under_review.current_span
    assert {c.start for c in offered} == {text.index(PASSAGE), text.rindex(PASSAGE)}
    assert all(c.exact == PASSAGE and 0 < c.score <= 1 and c.why for c in offered)


def test_accepting_the_second_candidate_anchors_it_there_on_disk(workspace, corpus, under_review):
    second = workspace.review_candidates(under_review.id)[1]
    result = workspace.accept_anchor(under_review.id, candidate=2)
    assert result.annotation.current_span == (second.start, second.end)
    stored = _stored(corpus, under_review.id)
    assert (stored["cv:anchor"]["start"], stored["cv:anchor"]["end"]) == (second.start, second.end)
    assert stored["cv:anchor"]["status"] == "anchored"
    assert stored["cv:anchor"]["reason"] == "re-attached by the analyst"  # as the first candidate's accept writes
    assert stored["target"]["selector"][0]["exact"] == PASSAGE  # the original quote is kept
    assert workspace.review_queue() == []


def test_accepting_an_alternative_is_undone_like_accepting_the_best(workspace, corpus, under_review):
    workspace.accept_anchor(under_review.id, candidate=2)
    workspace.undo()
    assert [item.annotation.id for item in workspace.review_queue()] == [under_review.id]
    assert workspace.annotation(under_review.id).current_span == under_review.current_span
    assert _stored(corpus, under_review.id)["cv:anchor"]["status"] == "needs-review"


def test_a_candidate_that_is_not_offered_is_refused_in_one_line(workspace, under_review):
    with pytest.raises(AnnotationError, match=r"there is no candidate 5: this annotation has 2 candidates \(1–2\)"):
        workspace.accept_anchor(under_review.id, candidate=5)
    assert workspace.annotation(under_review.id).anchor.status == "needs-review"


def test_the_cli_accepts_the_second_candidate(workspace, corpus, under_review, capsys):
    from caseview.cli import main

    second = workspace.review_candidates(under_review.id)[1]
    workspace.close()
    assert main(["annotation", str(corpus), "accept", under_review.id, "--candidate", "2"]) == 0
    stored = _stored(corpus, under_review.id)["cv:anchor"]
    assert (stored["start"], stored["end"], stored["status"]) == (second.start, second.end, "anchored")
