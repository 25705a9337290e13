"""``caseview check`` numbers an annotation's close candidates and ``caseview annotation accept ID
--candidate N`` accepts one of them (issue 13): real files, the real CLI."""

from __future__ import annotations

import json

import pytest

from caseview.cli import main

from .conftest import FT_ARTICLE, PASSAGE, edit_document


def _run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def doubled(corpus, capsys):
    """A tagged passage, then the article edited so it appears twice in a row: the id of the annotation."""
    _, out, _ = _run(capsys, "tag", str(corpus), FT_ARTICLE, "--quote", PASSAGE, "--tag", "talks", "--json")
    edit_document(corpus, FT_ARTICLE, PASSAGE, PASSAGE + " " + PASSAGE)
    return json.loads(out)["id"]


def _sidecar(corpus) -> str:
    return (corpus / f"{FT_ARTICLE}.annotations.json").read_text(encoding="utf-8")


def _anchor(corpus) -> dict:
    return json.loads(_sidecar(corpus))["first"]["items"][0]["cv:anchor"]


def test_check_numbers_the_close_candidates_in_text_and_json(corpus, capsys, doubled):
    text = (corpus / FT_ARTICLE).read_text(encoding="utf-8")
    first, second = text.index(PASSAGE), text.rindex(PASSAGE)
    code, out, _ = _run(capsys, "check", str(corpus))
    assert code == 1
    assert any(line.lstrip().startswith("1  ") for line in out.splitlines())
    assert any(line.lstrip().startswith("2  ") for line in out.splitlines())
    code, out, _ = _run(capsys, "check", str(corpus), "--json")
    (review,) = json.loads(out)["review"]
    candidates = review["candidates"]
    assert [c["number"] for c in candidates] == [1, 2]
    assert {c["start"] for c in candidates} == {first, second}
    assert all(set(c) == {"number", "start", "end", "exact", "score", "why"} for c in candidates)
    assert all(c["exact"] == PASSAGE and text[c["start"] : c["end"]] == PASSAGE and c["why"] for c in candidates)


def test_accept_candidate_2_anchors_it_there_on_disk(corpus, capsys, doubled):
    _, out, _ = _run(capsys, "check", str(corpus), "--json")
    second = json.loads(out)["review"][0]["candidates"][1]
    code, out, _ = _run(capsys, "annotation", str(corpus), "accept", doubled, "--candidate", "2")
    assert code == 0 and f"accepted candidate 2: {doubled}" in out
    assert "*2  " in out  # the chosen one is marked among the candidates listed
    anchor = _anchor(corpus)
    assert (anchor["start"], anchor["end"], anchor["status"]) == (second["start"], second["end"], "anchored")
    assert _run(capsys, "check", str(corpus))[0] == 0  # nothing left to review


def test_accept_json_carries_the_candidates_and_the_annotation(corpus, capsys, doubled):
    code, out, _ = _run(capsys, "annotation", str(corpus), "accept", doubled, "--candidate", "2", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["accepted"] == 2 and len(shown["candidates"]) == 2
    chosen = shown["candidates"][1]
    anchor = shown["annotation"]["cv:anchor"]  # where it is now (the selectors keep where it was annotated)
    assert (anchor["start"], anchor["end"], anchor["status"]) == (chosen["start"], chosen["end"], "anchored")
    assert shown["annotation"]["target"]["selector"][0]["exact"] == PASSAGE  # the original quote is kept


@pytest.mark.parametrize("number", ["5", "0", "-1"])
def test_a_candidate_that_is_not_offered_is_refused_in_one_line_and_nothing_is_written(corpus, capsys, doubled, number):
    _run(capsys, "check", str(corpus))  # the numbers the analyst chooses from
    before = _sidecar(corpus)
    code, out, err = _run(capsys, "annotation", str(corpus), "accept", doubled, "--candidate", number)
    assert code != 0 and out == ""
    assert f"there is no candidate {number}" in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert _sidecar(corpus) == before and _anchor(corpus)["status"] == "needs-review"


def test_a_candidate_that_is_not_a_number_is_refused(corpus, capsys, doubled):
    _run(capsys, "check", str(corpus))
    before = _sidecar(corpus)
    with pytest.raises(SystemExit) as exited:
        main(["annotation", str(corpus), "accept", doubled, "--candidate", "two"])
    assert exited.value.code != 0 and "invalid int value" in capsys.readouterr().err
    assert _sidecar(corpus) == before
