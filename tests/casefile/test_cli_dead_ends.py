"""Issue 13, bug 8 on the command line: no duplicates, no dead ends. A quote matches with quotes,
dashes and spaces normalised and names the nearest passage when it is not there; a document is named
by a unique prefix; hints to copy name the corpus folder; adding what is there already says where."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from caseview.cli import main

FT = "000_465b9804960b177b.txt"
DOC_001 = "001_c0973cc29b59132c.txt"
TALKS = "Several agencies have been in discussions with Anthropic"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, " ".join(captured.err.split())  # stderr is wrapped at the console width


def _items(corpus: Path) -> list[dict]:
    return json.loads((corpus / "case.json").read_text(encoding="utf-8"))["items"]


def test_a_typed_quote_matches_curly_quotes_dashes_and_spaces(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = str(prepared_seed_corpus)
    typed = "the scope of Anthropic's   AI model\nMythos"  # straight apostrophe, extra spaces, a line break
    code, _, err = _run(capsys, "case", corpus, "add", "passage", DOC_001, "--quote", typed)
    assert code == 0, err
    (item,) = _items(prepared_seed_corpus)
    assert item["citation"]["exact"] == "the scope of Anthropic’s AI model Mythos"


def test_a_quote_that_is_not_there_names_the_nearest_passage(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(
        capsys,
        "tag",
        str(prepared_seed_corpus),
        FT,
        "--quote",
        "Several agencies were in talks with Anthropic",
        "--tag",
        "x",
    )
    assert code == 2
    assert (
        "is not in 000_465b9804960b177b.txt; the nearest passage is “Several agencies have been in discussions" in err
    )


def test_a_document_is_named_by_a_unique_prefix(prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "case", str(prepared_seed_corpus), "add", "passage", "000_465b", "--quote", TALKS)
    assert code == 0, err
    assert _items(prepared_seed_corpus)[0]["citation"]["doc_id"] == FT
    code, _, err = _run(capsys, "case", str(prepared_seed_corpus), "add", "passage", "00", "--quote", TALKS)
    assert code == 2 and "could be 5 documents" in err


def test_hints_to_copy_name_the_corpus_folder(prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = shlex.quote(str(prepared_seed_corpus))
    code, _, err = _run(capsys, "case", str(prepared_seed_corpus), "add", "passage", "nope.txt", "--quote", TALKS)
    assert code == 2 and f"(see 'caseview docs {folder}')" in err
    code, _, err = _run(capsys, "case", str(prepared_seed_corpus), "grade", "7", "--reliability", "A")
    assert code == 2 and f"see 'caseview case {folder} show'" in err


def test_adding_a_passage_or_entity_twice_says_where_it_is(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = str(prepared_seed_corpus)
    assert _run(capsys, "case", corpus, "add", "passage", FT, "--quote", TALKS, "--section", "Evidence")[0] == 0
    code, _, err = _run(capsys, "case", corpus, "add", "passage", FT, "--quote", TALKS)
    assert code == 2 and "this passage is already in the case as #1 in 'Evidence'" in err
    assert _run(capsys, "case", corpus, "add", "entity", "Scott Bessent", "--manual")[0] == 0
    code, _, err = _run(capsys, "case", corpus, "add", "entity", "Scott Bessent", "--manual")
    assert code == 2 and "entity 'Scott Bessent' is already in the case as #2" in err
    assert len(_items(prepared_seed_corpus)) == 2
    annotations = json.loads((prepared_seed_corpus / f"{FT}.annotations.json").read_text(encoding="utf-8"))
    assert len(annotations["first"]["items"]) == 1  # the second try made no second annotation either
