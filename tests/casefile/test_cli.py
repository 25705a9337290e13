"""``caseview case``: building a case from the command line, as the issue's tryout does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.cli import main
from tests.casefile.scripted import AUTHORISED, DOC_001, DOC_003, DOC_004, MEETING, OPPOSED


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["case", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err.replace("\n", "")  # stderr is wrapped at the console width


def _show(capsys: pytest.CaptureFixture[str], corpus: Path) -> dict:
    code, out, _ = _run(capsys, str(corpus), "show", "--json")
    assert code == 0
    return json.loads(out)


@pytest.fixture
def built(prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    corpus = str(prepared_seed_corpus)
    steps = [
        ["set", "--title", "Mythos", "--summary", "Who decided what", "--question", "Opposed or authorised?"],
        ["add", "passage", DOC_001, "--quote", OPPOSED, "--tag", "access-expansion", "--section", "Contradictions"],
        [
            "add",
            "passage",
            DOC_004,
            "--quote",
            AUTHORISED,
            "--section",
            "Contradictions",
            "--reliability",
            "b",
            "--credibility",
            "2",
        ],
        ["link", "1", "2", "--relation", "contradicts", "--note", "opposed vs authorised"],
        ["add", "entity", "Scott Bessent", "--type", "PERSON", "--role", "Treasury Secretary"],
        ["add", "event", "--doc", DOC_003, "--quote", MEETING, "--when", "Earlier this month", "--section", "Timeline"],
        ["add", "note", "Call the WSJ"],
    ]
    for step in steps:
        code, _, err = _run(capsys, corpus, *step)
        assert code == 0, (step, err)
    return prepared_seed_corpus


def test_a_case_built_step_by_step_has_every_item_in_order(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shown = _show(capsys, built)
    kinds = [(s["title"], [i["kind"] for i in s["items"]]) for s in shown["sections"]]
    assert kinds == [
        ("Contradictions", ["passage", "passage"]),
        ("Findings", ["entity", "note"]),
        ("Timeline", ["event"]),
    ]
    assert shown["links"][0]["relation"] == "contradicts" and shown["title"] == "Mythos"


def test_the_grade_given_when_adding_is_kept(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    second = _show(capsys, built)["sections"][0]["items"][1]
    assert second["record"]["grade"] == {"reliability": "B", "credibility": 2}


def test_grading_an_item_by_number(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, str(built), "grade", "1", "--reliability", "C", "--credibility", "3")[0] == 0
    assert _show(capsys, built)["sections"][0]["items"][0]["record"]["grade"] == {"reliability": "C", "credibility": 3}


def test_moving_an_item_to_the_top_of_another_section(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    note_id = _show(capsys, built)["sections"][1]["items"][1]["id"]
    assert _run(capsys, str(built), "move", note_id, "--to-section", "Contradictions", "--position", "1")[0] == 0
    assert _show(capsys, built)["sections"][0]["items"][0]["id"] == note_id


def test_removing_an_item_removes_its_links(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, str(built), "remove", "1")[0] == 0
    assert _show(capsys, built)["links"] == []


def test_a_note_on_an_item(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, str(built), "note", "2", "check the original")[0] == 0
    assert _show(capsys, built)["sections"][0]["items"][1]["record"]["note"] == "check the original"


def test_show_prints_a_readable_listing(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(built), "show")
    assert code == 0 and "Contradictions" in out and "[B2]" in out and "contradicts" in out


def test_a_named_case_is_a_separate_file(prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, str(prepared_seed_corpus), "--case", "leak", "add", "note", "hello")[0] == 0
    assert (prepared_seed_corpus / "leak.case.json").is_file() and not (prepared_seed_corpus / "case.json").exists()


def test_show_on_a_corpus_without_a_case_finds_nothing(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, str(prepared_seed_corpus), "show")
    assert code == 1 and "no case yet" in out


def test_a_quote_not_in_the_document_is_a_usage_error(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, str(prepared_seed_corpus), "add", "passage", DOC_001, "--quote", "never said")
    assert code == 2 and "is not in" in err


def test_an_unknown_item_is_a_usage_error(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, str(built), "grade", "99", "--reliability", "A")
    assert code == 2 and "there is no item #99" in err


def test_a_corrupt_case_file_is_reported_by_name(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (prepared_seed_corpus / "case.json").write_text("[broken", encoding="utf-8")
    code, _, err = _run(capsys, str(prepared_seed_corpus), "add", "note", "x")
    assert code == 2 and "case.json: cannot be read" in err
    assert (prepared_seed_corpus / "case.json").read_text(encoding="utf-8") == "[broken"


def test_the_w3c_export_imports_back_into_an_empty_case(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["export", str(built), "--format", "json", "-o", str(built / "export.jsonld")])
    capsys.readouterr()
    assert _run(capsys, str(built), "--case", "copy", "import", str(built / "export.jsonld"))[0] == 0
    copy = json.loads(_run(capsys, str(built), "--case", "copy", "show", "--json")[1])
    assert [len(s["items"]) for s in copy["sections"]] == [2, 2, 1]


def test_importing_over_a_case_with_content_needs_replace(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["export", str(built), "--format", "json", "-o", str(built / "export.jsonld")])
    capsys.readouterr()
    code, _, err = _run(capsys, str(built), "import", str(built / "export.jsonld"))
    assert code == 2 and "--replace" in err
