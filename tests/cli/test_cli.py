"""The command line as a script would use it: exit codes, stderr messages and the JSON schema."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from caseview.cli import main

HIT_KEYS = {"rank", "doc_id", "uri", "title", "outlet", "published", "score", "matched_fields", "matches", "snippets"}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_search_json_follows_the_documented_schema(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "search", str(prepared_seed_corpus), '"supply chain risk"', "--json")
    payload = json.loads(out)
    assert code == 0
    assert set(payload) == {"query", "total", "total_is_estimate", "partial", "partial_reason", "elapsed_ms", "hits"}
    assert payload["total"] == 3
    texts = (prepared_seed_corpus / payload["hits"][0]["doc_id"]).read_text()
    for hit in payload["hits"]:
        assert set(hit) == HIT_KEYS
        assert hit["uri"] == "urn:caseview:doc:" + hit["doc_id"]
        for match in hit["matches"]:
            assert match["text"].replace("-", " ").lower() == "supply chain risk"
    first = payload["hits"][0]["matches"][0]
    assert texts[first["start"] : first["end"]] == first["text"]


def test_search_with_no_hits_exits_1(prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "search", str(prepared_seed_corpus), "zebrafish")
    assert code == 1 and "0 documents match" in out


def test_a_bad_query_exits_2_with_a_message_on_stderr(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "search", str(prepared_seed_corpus), "AND AND (")
    assert code == 2 and out == ""
    assert "bad query: AND needs a search term on its left" in err and "Traceback" not in err


def test_human_search_output_shows_titles_and_snippets(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "search", str(prepared_seed_corpus), "Besant~2", "--limit", "5")
    assert code == 0
    assert "003_dcac92be05b45050.txt" in out and "Bessent" in out


def test_a_missing_corpus_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "docs", str(tmp_path / "nowhere"))
    assert code == 2 and "no such folder" in err


def test_docs_json_lists_every_document(prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "docs", str(prepared_seed_corpus), "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 5
    assert set(rows[0]) == {
        "id", "uri", "title", "author", "outlet", "published", "published_precision", "published_after",
        "format", "size", "encoding", "pages", "parent", "problems",
    }  # fmt: skip
    by_id = {row["id"]: row for row in rows}
    assert (
        by_id["004_8f20206c802690a7.txt"]["published"],
        by_id["004_8f20206c802690a7.txt"]["published_precision"],
    ) == (
        "2026-06-01",
        "month",
    )
    assert by_id["002_029d7ec1a1d3b899.txt"]["published_after"] == "2026-04-29"


def test_index_prints_a_one_line_summary_and_names_each_problem_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_text("Readable article")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = _run(capsys, "index", str(tmp_path))
    assert code == 0
    assert out.count("\n") == 1
    assert "1 indexed" in out and "2 skipped" in out
    assert err.count("image.txt") == 1 and "binary" in err
    assert err.count("empty.txt") == 1 and "empty" in err


def test_index_after_an_annotation_file_was_written_elsewhere_rereads_its_tags_not_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from caseview.annotations.model import Creator
    from caseview.annotations.service import AnnotationService

    (tmp_path / "harbour.txt").write_text("The harbour master signed the dredging waiver on Monday.", "utf-8")
    assert _run(capsys, "index", str(tmp_path))[0] == 0
    derived = tmp_path / ".caseview"
    AnnotationService(tmp_path, derived, creator=Creator(name="script")).add_quote("harbour.txt", "waiver", tags=["w"])
    code, out, _ = _run(capsys, "index", str(tmp_path))
    assert code == 0 and "0 indexed, 1 unchanged" in out and "tags and notes of 1 re-read" in out
    code, out, _ = _run(capsys, "search", str(tmp_path), "tag:w")
    assert code == 0 and "harbour.txt" in out


def test_python_dash_m_runs_the_same_cli(prepared_seed_corpus: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "caseview", "search", str(prepared_seed_corpus), "Hegseth", "--json"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["hits"][0]["doc_id"] == "000_465b9804960b177b.txt"


@pytest.mark.parametrize("columns", [80, 120])
def test_docs_fits_the_terminal_with_whole_ids_titles_and_dates(
    prepared_seed_corpus: Path, columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80 columns the table must still show every id whole, a readable piece of each title, and
    the date at its precision (a month, a lower bound) — it once squeezed titles to one letter."""
    monkeypatch.setenv("COLUMNS", str(columns))
    done = subprocess.run(
        [sys.executable, "-m", "caseview", "docs", str(prepared_seed_corpus)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["id", "title", "outlet", "date", "format", "size"]
    assert all(len(line) <= columns for line in lines)
    by_id = {line.split()[0]: line for line in lines[1:]}
    assert len(by_id) == 5
    assert "Anthropic in" in by_id["000_465b9804960b177b.txt"]
    assert "2026-06" in by_id["004_8f20206c802690a7.txt"] and "≥ 2026-04-29" in by_id["002_029d7ec1a1d3b899.txt"]
