"""A passage tagged in a PDF is cited with its page, and every annotation stays exactly where it was on reopening."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.cli import main
from caseview.workspace import Workspace
from tests.workspace.analyst_folder import make_analyst_folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_analyst_folder(tmp_path / "folder")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_a_tagged_pdf_passage_is_cited_with_its_page_in_every_export(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guards "…, p. 4" in the memo (and the page in HTML, CSV, the W3C JSON and the case JSON) for a PDF passage."""
    quote = "The Quillfeather account."
    assert _run(capsys, "tag", str(folder), "report.pdf", "--quote", quote, "--tag", "money")[0] == 0
    code, _ = _run(capsys, "case", str(folder), "add", "passage", "report.pdf", "--quote", quote, "--tag", "money")
    assert code == 0
    assert _run(capsys, "case", str(folder), "add", "passage", "statement.rtf", "--quote", "the depot")[0] == 0
    code, memo = _run(capsys, "export", str(folder), "--format", "md")
    assert code == 0
    sources = [line for line in memo.splitlines() if line.startswith("- **Source:**")]
    cited = [line for line in sources if "Port Authority Report" in line]
    assert cited and all(", p. 3, paragraph " in line for line in cited), cited
    rtf = [line for line in sources if "Witness statement" in line]
    assert rtf and not any("p. " in line for line in rtf), rtf  # no pages, no page
    assert "p. 3, paragraph " in _run(capsys, "export", str(folder), "--format", "html")[1]
    rows = _run(capsys, "export", str(folder), "--format", "csv")[1].splitlines()
    header = rows[0].split(",")
    pdf_row = next(row for row in rows if "report.pdf" in row).split(",")
    assert pdf_row[header.index("page")] == "3"
    collection = json.loads(_run(capsys, "export", str(folder), "--format", "json")[1])
    pages = {
        annotation["cv:caseItem"]["citation"]["doc_id"]: annotation.get("cv:page")
        for annotation in collection["first"]["items"]
        if annotation.get("cv:caseItem", {}).get("kind") == "passage"
    }
    assert pages == {"report.pdf": 3, "statement.rtf": None}  # the W3C export carries the page too
    show = json.loads(_run(capsys, "case", str(folder), "show", "--json")[1])
    passages = [item for section in show["sections"] for item in section["items"] if item["kind"] == "passage"]
    assert {item["citation"]["doc_id"]: item["citation"]["page"] for item in passages} == {
        "report.pdf": 3,
        "statement.rtf": None,
    }


def test_annotations_on_every_format_are_exactly_where_they_were_after_reopening(folder: Path) -> None:
    """Guards the stable extracted text: reopening (cached text, nothing upgraded) moves no annotation,
    including one on an attachment (its annotation file lies beside its e-mail) and one on a message."""
    workspace = Workspace.open(folder)
    quotes = {
        "report.pdf": "irregular payments",
        "review.docx": "Helix Logistics",
        "note.msg/resolution.pdf": "Brackenridge",
        "port.mbox#msg42@port.example": "CNT00042",
        "companies.epub": "Valletta",
    }
    made = {}
    for doc_id, quote in quotes.items():
        text = workspace.document(doc_id).text
        start = text.index(quote)
        made[doc_id] = workspace.annotate_span(doc_id, start, start + len(quote), tags=("checked",))
    assert (folder / "note.msg#resolution.pdf.annotations.json").is_file()
    workspace.close()
    again = Workspace.open(folder)
    assert again.check().needs_attention is False
    for doc_id, annotation in made.items():
        [reread] = [a for a in again.annotations(doc_id) if a.id == annotation.id]
        assert (reread.position.start, reread.position.end) == (annotation.position.start, annotation.position.end)
        assert again.document(doc_id).text[reread.position.start : reread.position.end] == quotes[doc_id]
        assert reread.anchor.status == annotation.anchor.status
    assert {hit.doc_id for hit in again.search("tag:checked", limit=50).hits} == set(quotes)
