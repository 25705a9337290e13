"""Document names that look like options, or hold line breaks and tabs, on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.cli import main
from caseview.kernel.textsafe import one_line, printable


@pytest.fixture
def odd_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "odd"
    corpus.mkdir()
    (corpus / "--help.txt").write_text("Odd name\n\nA passage about Mythos here.\n")
    (corpus / "new\nline\tname.txt").write_text("Second\n\nAnother Mythos text.\n")
    return corpus


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_id_that_looks_like_an_option_works_as_a_path_and_after_a_double_dash(
    odd_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = str(odd_corpus)
    assert _run(capsys, "tag", corpus, "./--help.txt", "--quote", "Mythos", "--tag", "one")[0] == 0
    assert _run(capsys, "tag", "--quote", "passage", "--tag", "two", "--", corpus, "--help.txt")[0] == 0
    code, out, _ = _run(capsys, "annotations", "--json", "--", corpus, "--help.txt")
    assert code == 0
    assert sorted(body["value"] for a in json.loads(out) for body in a["body"]) == ["one", "two"]
    assert _run(capsys, "case", corpus, "add", "passage", "--quote", "here", "--", "--help.txt")[0] == 0
    assert _run(capsys, "case", corpus, "add", "passage", "./--help.txt", "--quote", "about")[0] == 0
    code, out, _ = _run(capsys, "search", "--", corpus, "-passage")
    assert code == 0 and "1 document match '-passage'" in out


def test_names_with_line_breaks_and_tabs_are_printed_escaped_on_one_line(
    odd_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "docs", str(odd_corpus))
    assert code == 0 and "new\\nline\\tname.txt" in out
    code, out, _ = _run(capsys, "search", str(odd_corpus), "another")
    assert code == 0 and "   new\\nline\\tname.txt · " in out


def test_one_line_escapes_breaks_and_keeps_printable_as_it_was() -> None:
    assert one_line("a\nb\tc\rd\x1b[31m") == "a\\nb\\tc\\rd␛[31m"
    assert printable("a\nb\tc\x1b") == "a\nb\tc␛"
