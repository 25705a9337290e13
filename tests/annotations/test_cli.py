"""``caseview tag``, ``annotations`` and ``check`` as a script or an analyst at a shell would use them."""

from __future__ import annotations

import json

from caseview.cli import main
from tests.w3c_validation import annotation_file_failures

from .conftest import FT_ARTICLE, PASSAGE, edit_document


def _run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_tag_by_quote_writes_the_sidecar_and_is_searchable(corpus, capsys):
    code, out, _ = _run(
        capsys,
        "tag",
        str(corpus),
        FT_ARTICLE,
        "--quote",
        PASSAGE,
        "--tag",
        "access-expansion",
        "--note",
        "Contradicts 004",
    )
    assert code == 0 and "urn:uuid:" in out
    data = json.loads((corpus / f"{FT_ARTICLE}.annotations.json").read_text(encoding="utf-8"))
    assert data["first"]["items"][0]["target"]["selector"][0]["exact"] == PASSAGE
    assert annotation_file_failures(data) == []
    assert _run(capsys, "search", str(corpus), "tag:access-expansion AND note:contradicts")[0] == 0


def test_tag_by_span_and_occurrence(corpus, capsys):
    assert _run(capsys, "tag", str(corpus), FT_ARTICLE, "--span", "0:6", "--tag", "a")[0] == 0
    code, out, _ = _run(
        capsys, "tag", str(corpus), FT_ARTICLE, "--quote", "Mythos", "--occurrence", "2", "--tag", "b", "--json"
    )
    text = (corpus / FT_ARTICLE).read_text(encoding="utf-8")
    position = json.loads(out)["target"]["selector"][1]
    assert code == 0 and position["start"] == text.index("Mythos", text.index("Mythos") + 1)


def test_tag_refuses_bad_spans_and_missing_quotes_with_exit_2(corpus, capsys):
    code, _, err = _run(capsys, "tag", str(corpus), FT_ARTICLE, "--span", "50:40", "--tag", "x")
    assert code == 2 and "50:40" in err
    code, _, err = _run(capsys, "tag", str(corpus), FT_ARTICLE, "--quote", "not in this article", "--tag", "x")
    assert code == 2 and "is not in" in err
    code, _, err = _run(capsys, "tag", str(corpus), FT_ARTICLE, "--span", "abc", "--tag", "x")
    assert code == 2 and "START:END" in err
    code, _, err = _run(capsys, "tag", str(corpus), "no-such.txt", "--span", "0:5", "--tag", "x")
    assert code == 2 and "no document" in err
    assert not (corpus / f"{FT_ARTICLE}.annotations.json").exists()


def test_annotations_lists_and_filters_by_tag(corpus, capsys):
    _run(capsys, "tag", str(corpus), FT_ARTICLE, "--quote", PASSAGE, "--tag", "one")
    _run(capsys, "tag", str(corpus), FT_ARTICLE, "--quote", "Treasury", "--tag", "two")
    code, out, _ = _run(capsys, "annotations", str(corpus), "--json")
    assert code == 0 and len(json.loads(out)) == 2
    code, out, _ = _run(capsys, "annotations", str(corpus), FT_ARTICLE, "--tag", "two")
    assert code == 0 and "Treasury" in out and PASSAGE not in out
    assert _run(capsys, "annotations", str(corpus), "--tag", "three")[0] == 1


def test_check_exits_0_when_all_is_well_and_1_when_something_needs_review(corpus, capsys):
    _run(capsys, "tag", str(corpus), FT_ARTICLE, "--quote", PASSAGE, "--tag", "x")
    assert _run(capsys, "check", str(corpus))[0] == 0
    edit_document(corpus, FT_ARTICLE, PASSAGE, "Agencies")
    code, out, _ = _run(capsys, "check", str(corpus), "--json")
    report = json.loads(out)
    assert code == 1 and report["needs_attention"] and report["review"][0]["status"] == "orphaned"


def test_check_lists_a_moved_passage_but_needs_no_attention(corpus, capsys):
    _run(capsys, "tag", str(corpus), FT_ARTICLE, "--quote", PASSAGE, "--tag", "x")
    edit_document(corpus, FT_ARTICLE, "Treasury", "US Treasury")
    code, out, _ = _run(capsys, "check", str(corpus))
    assert code == 0 and "MOVED" in out


def test_check_names_a_corrupt_file_and_keeps_it(corpus, capsys):
    sidecar = corpus / f"{FT_ARTICLE}.annotations.json"
    sidecar.write_text('{"oops": ', encoding="utf-8")
    code, out, _ = _run(capsys, "check", str(corpus))
    assert code == 1 and "annotations.json: cannot be read: not valid JSON" in out
    assert sidecar.read_text(encoding="utf-8") == '{"oops": '
