"""``caseview sources``: citations, rewrites and independent origins, on the seeds and on hostile input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.cli import main
from caseview.cli.sources_command import summary_line
from caseview.provenance import ProvenanceReport, SourceText, analyse_provenance

DOC_000 = "000_465b9804960b177b.txt"
DOC_001 = "001_c0973cc29b59132c.txt"
DOC_002 = "002_029d7ec1a1d3b899.txt"
DOC_003 = "003_dcac92be05b45050.txt"
DOC_004 = "004_8f20206c802690a7.txt"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _blocks(out: str) -> dict[str, str]:
    """The text output's per-document blocks, by document id (the block's first word)."""
    return {block.split(" ", 1)[0]: block for block in out.split("\n\n") if block.split(" ", 1)[0].endswith(".txt")}


def test_the_seeds_are_five_documents_from_four_independent_origins(
    seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "sources", str(seed_corpus))
    assert code == 0
    blocks = _blocks(out)
    assert sorted(blocks) == [DOC_000, DOC_001, DOC_002, DOC_003, DOC_004]
    assert f"≈ rewrite of {DOC_003} (Axios)" in blocks[DOC_002] and "cites Axios 4 times" in blocks[DOC_002]
    assert "cites: Axios (outlet, 4×)" in blocks[DOC_002]
    assert f"origin: Axios ({DOC_003})" in blocks[DOC_002]
    assert "relays The Wall Street Journal" in blocks[DOC_001]
    assert "origin: The Wall Street Journal" in blocks[DOC_001]
    assert blocks[DOC_000].split("\n")[0].startswith(f"{DOC_000} · Financial Times · ")
    assert "origin: Financial Times (its own reporting)" in blocks[DOC_000]
    for own in (DOC_000, DOC_004):
        assert "≈" not in blocks[own] and "rewrite" not in blocks[own] and "relays" not in blocks[own]
    assert f"rewrite by {DOC_002}" in blocks[DOC_003]
    assert f"{DOC_002} ≈ {DOC_003} rewrite (Axios)" in out and "15 aligned passages" in out
    assert out.rstrip().split("\n")[-1].startswith("5 documents · 4 independent origins: ")


def test_verbose_shows_the_sentence_behind_each_citation(seed_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "sources", str(seed_corpus), "--verbose")
    text = (seed_corpus / DOC_002).read_text(encoding="utf-8")
    start = text.index("According to Axios, the White House is drafting")
    assert code == 0
    assert f"Axios (characters {start}–{start + len('According to Axios')}): “According to Axios, the White" in out


def test_the_json_is_the_provenance_report_itself(seed_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "sources", "--json", str(seed_corpus))
    assert code == 0
    data = json.loads(out)
    report = ProvenanceReport.model_validate(data)
    assert report.model_dump(mode="json") == data
    assert [(p.derived, p.origin, p.kind) for p in report.pairs] == [(DOC_002, DOC_003, "rewrite")]
    assert "cites Axios 4 times" in data["pairs"][0]["reasons"]
    own = {DOC_000, DOC_003, DOC_004}
    assert not [p for p in report.pairs if p.derived in own and p.origin in own]
    wsj = report.document(DOC_001)
    assert wsj is not None and wsj.relayed_outlets == ("The Wall Street Journal",)
    text = (seed_corpus / DOC_001).read_text(encoding="utf-8")
    for citation in wsj.citations:
        assert text[citation.evidence_start : citation.evidence_end] == citation.evidence
    assert report.independence([d.doc_id for d in report.documents]).summary.startswith("5 documents · 4 origins")


def test_names_from_documents_never_reach_the_terminal_as_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    body = (
        "Ports reopen\n\nAccording to Reuters, the port of Marrowby reopened on Monday after a strike. "
        "Dock workers said the deal was fair.\n"
    )
    (corpus / "evil\x1b[2Jname.txt").write_text(body, encoding="utf-8")
    (corpus / "evil\x1b[2Jname.txt.meta.json").write_text(
        json.dumps({"title": "Title \x1b]0;pwned\x07 here\nsecond line", "outlet": "Evil\x1b[31m Times"}),
        encoding="utf-8",
    )
    for argv in (("sources", str(corpus)), ("sources", str(corpus), "--verbose")):
        code, out, err = _run(capsys, *argv)
        assert code == 0
        assert "\x1b" not in out + err and "\x07" not in out + err
        assert "evil␛[2Jname.txt · Evil␛[31m Times · Title ␛]0;pwned␇ here second line" in out
        assert "cites: Reuters (outlet, 1×)" in out


def test_an_empty_folder_has_no_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = _run(capsys, "sources", str(empty))
    assert code == 1 and "no documents in" in out
    code, out, _ = _run(capsys, "sources", str(empty), "--json")
    assert code == 1 and json.loads(out) == {"documents": [], "pairs": []}


def test_a_missing_folder_is_a_one_line_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "sources", str(tmp_path / "nowhere"))
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("caseview: ")


def test_the_summary_names_a_few_origins_and_counts_the_rest() -> None:
    texts = [
        SourceText(doc_id=f"{n}.txt", text=f"Story {n} about harbour {n}.", outlet=f"Outlet {n}") for n in range(10)
    ]
    line = summary_line(analyse_provenance(texts))
    assert line.startswith("10 documents · 10 independent origins: Outlet 0, Outlet 1, ")
    assert line.endswith("Outlet 7 and 2 more")
