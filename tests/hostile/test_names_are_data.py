"""Names are data: ids that look like options work after options and ``--``; names with line breaks stay on one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.cli import main


@pytest.fixture
def odd_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "odd"
    corpus.mkdir()
    (corpus / "--help.txt").write_text("Odd name\n\nA passage about Mythos here.\n")
    (corpus / "-v.txt").write_text("Short\n\nA text called minus v, about Mythos.\n")
    (corpus / "tab\tand\nnewline.txt").write_text("Second\n\nAnother Mythos text.\n")
    return corpus


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_option_like_id_after_the_corpus_options_and_a_double_dash(
    odd_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`tag CORPUS --quote … --tag … -- --help.txt` failed with "unrecognized arguments" (argparse filled the
    positionals greedily before the options); read intermixed, the corpus and the id are both found."""
    corpus = str(odd_corpus)
    assert _run(capsys, "tag", corpus, "--quote", "Mythos", "--tag", "one", "--", "--help.txt")[0] == 0
    assert _run(capsys, "tag", corpus, "--quote", "Mythos", "--tag", "two", "--", "-v.txt")[0] == 0
    code, out, _ = _run(capsys, "annotations", corpus, "--json", "--", "--help.txt")
    assert code == 0 and [body["value"] for a in json.loads(out) for body in a["body"]] == ["one"]
    code, out, _ = _run(capsys, "search", corpus, "--limit", "1", "--", "-passage")
    assert code == 0 and "match '-passage'" in out


def test_a_real_usage_error_is_still_reported(odd_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Reading intermixed is a second try only: an unknown option is still a one-line usage error, exit 2."""
    with pytest.raises(SystemExit) as caught:
        main(["search", str(odd_corpus), "mythos", "--bogus"])
    assert caught.value.code == 2
    assert "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_names_with_tabs_and_newlines_are_one_escaped_line_everywhere(
    odd_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`docs`, `search`, `tag` and `annotations` print the name as tab\\tand\\nnewline.txt, on its own one line."""
    corpus = str(odd_corpus)
    name = "tab\tand\nnewline.txt"
    outputs = [
        _run(capsys, "docs", corpus)[1],
        _run(capsys, "search", corpus, "another")[1],
        _run(capsys, "tag", corpus, "--quote", "Another", "--tag", "x", "--", name)[1],
        _run(capsys, "annotations", corpus, "--", name)[1],
    ]
    for out in outputs:
        assert "tab\\tand\\nnewline.txt" in out
        assert not any(line.startswith("newline.txt") for line in out.splitlines())
