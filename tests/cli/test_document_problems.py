"""``caseview docs`` and ``caseview check`` name each document problem once: encryption, missing text layers, damage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.cli import main
from tests.corpus.makers import make_mbox, make_pdf, make_scanned_pdf


@pytest.fixture
def troubled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASEVIEW_TESSERACT", "")  # as on a machine without Tesseract
    root = tmp_path / "troubled"
    root.mkdir()
    make_pdf(root / "good.pdf", [["Cover"], ["Body text"]])
    make_pdf(root / "locked.pdf", [["Secret"]], password="pw")
    cover = make_pdf(tmp_path / "cover.pdf", [["Typed cover page"]])
    make_scanned_pdf(tmp_path / "scan.pdf", [["Scanned page"]])
    import pypdfium2

    mixed = pypdfium2.PdfDocument.new()
    mixed.import_pages(pypdfium2.PdfDocument(cover.read_bytes()))
    mixed.import_pages(pypdfium2.PdfDocument((tmp_path / "scan.pdf").read_bytes()))
    mixed.save(str(root / "mixed.pdf"))
    (root / "truncated.pdf").write_bytes((root / "good.pdf").read_bytes()[:300])
    make_mbox(root / "box.mbox", 3)
    return root


def test_check_lists_each_document_problem_once_with_its_kind(
    troubled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guards the DOCUMENTS part of ``caseview check``: one line per problem, never a traceback."""
    assert main(["check", str(troubled)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert any(line.startswith("ENCRYPTED  locked.pdf  skipped: encrypted; give the password") for line in lines)
    assert any(line.startswith("NO TEXT  mixed.pdf  1 page has no text layer") for line in lines)
    assert any(line.startswith("UNREADABLE  truncated.pdf  skipped:") for line in lines)
    assert sum("locked.pdf" in line for line in captured.out.splitlines() + captured.err.splitlines()) == 1
    assert "Traceback" not in captured.err
    # The notes of an unchanged document come from the index on the next run, still once.
    assert main(["check", str(troubled), "--json"]) == 0
    documents = json.loads(capsys.readouterr().out)["documents"]
    assert sorted((problem["doc_id"], problem["kind"]) for problem in documents) == [
        ("locked.pdf", "encrypted"),
        ("mixed.pdf", "no-text-layer"),
        ("truncated.pdf", "unreadable"),
    ]


def test_docs_shows_format_pages_and_problems(troubled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Guards the format, pages and problems columns of ``caseview docs``."""
    assert main(["docs", str(troubled)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "title", "outlet", "date", "format", "pages", "size", "problems"]
    mixed = next(line for line in lines if line.startswith("mixed.pdf"))
    assert " pdf " in mixed and " 2 " in mixed and "no-text" in mixed  # cut to the 80 columns of the test
    assert sum(line.startswith("box.mbox#") for line in lines) == 3
