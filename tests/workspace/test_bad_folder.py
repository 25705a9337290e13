"""A folder of bad input opens through the workspace: each problem named once with its file, the rest searchable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.workspace import Workspace
from tests.corpus.makers import make_eml, make_mbox, make_pdf
from tests.corpus.test_bad_input import _bomb


def _bad_folder(root: Path) -> Path:
    root.mkdir()
    make_pdf(root / "locked.pdf", [["Opened with its password"]], password="pw")
    (root / "locked.pdf.meta.json").write_text(json.dumps({"password": "pw"}))
    make_pdf(root / "sealed.pdf", [["Never read"]], password="other")
    make_pdf(root / "whole.pdf", [["Whole file"], ["Second page"]])
    (root / "truncated.pdf").write_bytes((root / "whole.pdf").read_bytes()[:400])
    (root / "bomb.docx").write_bytes(_bomb("word/document.xml"))
    message = make_eml("Level 6", "Bottom", attachments=(("x.txt", b"bottom text", "text/plain"),))
    for level in range(5, 0, -1):
        message = make_eml(
            f"Level {level}", f"Body {level}", attachments=((f"l{level}.eml", message, "application/octet-stream"),)
        )
    (root / "deep.eml").write_bytes(message)
    make_pdf(root / "long.pdf", [[f"Page marker {number}"] for number in range(1, 2001)])
    (root / "good.txt").write_text("A readable note.")
    return root


def test_each_problem_is_named_once_and_the_rest_opens_and_stays_put(tmp_path: Path) -> None:
    """Guards issue 15's bad input through the refresh: encrypted (with and without the password),
    truncated, zip bomb, attachments nested too deep, a 2,000-page PDF — and a reopen names each again, once."""
    folder = _bad_folder(tmp_path / "bad")
    workspace = Workspace.open(folder)
    report = workspace.last_report
    assert report is not None
    named = [warning.path for warning in report.warnings]
    assert sorted(named) == sorted(
        ["sealed.pdf", "truncated.pdf", "bomb.docx", "deep.eml/l1.eml/l2.eml/l3.eml/l4.eml/l5.eml"]
    )
    kinds = {warning.path: warning.kind for warning in report.warnings}
    assert (
        kinds["sealed.pdf"] == "encrypted" and kinds["bomb.docx"] == "limit" and kinds["truncated.pdf"] == "unreadable"
    )
    ids = {info.id for info in workspace.documents()}
    assert {"locked.pdf", "whole.pdf", "long.pdf", "good.txt", "deep.eml"} <= ids
    assert [hit.doc_id for hit in workspace.search('"Page marker 1999"').hits] == ["long.pdf"]
    hit = workspace.search('"Page marker 1999"').hits[0]
    assert hit.snippets[0].page == 1999
    assert [hit.doc_id for hit in workspace.search("password").hits] == ["locked.pdf"]
    workspace.close()
    again = Workspace.open(folder)
    assert again.last_report is not None and again.corpus_index.files_read == 0
    assert sorted(warning.path for warning in again.last_report.warnings) == sorted(named)
    assert {warning.path: warning.kind for warning in again.last_report.warnings} == kinds


@pytest.mark.slow  # indexes 10,000 messages
def test_a_mailbox_of_ten_thousand_messages_is_searchable_and_reopens_without_reading(tmp_path: Path) -> None:
    """Guards the 10,000-message mailbox through the workspace: every message a document, reopening reads nothing."""
    folder = tmp_path / "mail"
    folder.mkdir()
    make_mbox(folder / "big.mbox", 10_000)
    workspace = Workspace.open(folder)
    assert len(workspace.documents()) == 10_000
    assert [hit.doc_id for hit in workspace.search("CNT09876").hits] == ["big.mbox#msg9876@port.example"]
    workspace.close()
    again = Workspace.open(folder)
    assert again.corpus_index.files_read == 0 and again.last_report is not None and again.last_report.indexed == []
    assert again.document("big.mbox#msg9876@port.example").text.startswith("Message number 9876")
