"""Every format of an analyst's folder is indexed, searchable and openable through the workspace and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.cli import main
from caseview.corpus import page_spans
from caseview.workspace import Workspace
from tests.corpus.test_textcache import CountingExtractors
from tests.workspace.analyst_folder import HAS_TESSERACT, MAILBOX_MESSAGES, WORDS, make_analyst_folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_analyst_folder(tmp_path / "folder")


def test_search_finds_a_word_of_every_format_and_each_hit_opens(folder: Path) -> None:
    """Guards the refresh reading every format (and the documents inside files) into the index."""
    workspace = Workspace.open(folder)
    ids = {info.id for info in workspace.documents()}
    assert set(WORDS) <= ids
    assert sum(1 for doc_id in ids if doc_id.startswith("port.mbox#")) == MAILBOX_MESSAGES
    assert "port.mbox" not in ids  # a mailbox is its messages, not a document of its own
    for doc_id, query in WORDS.items():
        hits = workspace.search(query).hits
        assert doc_id in [hit.doc_id for hit in hits], (doc_id, query)
        hit = next(hit for hit in hits if hit.doc_id == doc_id)
        document = workspace.document(doc_id)
        for match in hit.matches:
            assert document.text[match.start : match.end].lower().strip('"') != ""
    assert workspace.search("authority").hits[0].doc_id == "report.pdf"  # "author-\nity" joined
    problems = {warning.path: warning for warning in workspace.last_report.warnings}
    assert "locked.pdf" not in problems  # opened with the password from its .meta.json
    if not HAS_TESSERACT:
        assert problems["scan.pdf"].kind == "no-text-layer"


def test_documents_inside_files_carry_their_parent_and_pages(folder: Path) -> None:
    """Guards the manifest rows of attachments and messages: parent, format and page count."""
    workspace = Workspace.open(folder)
    infos = {info.id: info for info in workspace.documents()}
    attachment = infos["note.msg/resolution.pdf"]
    assert (attachment.parent, attachment.format, attachment.pages) == ("note.msg", "pdf", 2)
    assert infos["port.mbox#msg3@port.example"].parent == "port.mbox"
    assert infos["report.pdf"].pages == 4 and infos["review.docx"].pages == 0
    report = workspace.document("report.pdf")
    spans = page_spans(report.pages, len(report.text))
    assert "Quillfeather" in report.text[spans[2].start : spans[2].end]


def test_reopening_an_unchanged_folder_extracts_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards "re-opening an unchanged corpus costs no extraction": no file is read, no reader runs."""
    Workspace.open(folder).corpus_index.close()
    counter = CountingExtractors(monkeypatch)
    workspace = Workspace.open(folder)
    report = workspace.last_report
    assert report is not None and report.indexed == [] and report.removed == []
    assert workspace.corpus_index.files_read == 0 and counter.calls == {}
    workspace.search("Brackenridge")
    messages = [info.id for info in workspace.documents() if info.parent == "port.mbox"]
    texts = [workspace.document(doc_id).text for doc_id in messages]  # as the entity extraction reads them
    assert len(texts) == MAILBOX_MESSAGES and "CNT00009" in workspace.document("port.mbox#msg9@port.example").text
    assert workspace.document("note.msg/resolution.pdf").pages
    assert counter.calls == {}  # messages and attachments come from the text cache, the mailbox is not parsed


def test_a_changed_pdf_is_the_only_file_extracted_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards "only for changed files": touching one PDF re-extracts that PDF and nothing else."""
    Workspace.open(folder).corpus_index.close()
    from tests.corpus.makers import make_pdf

    make_pdf(folder / "report.pdf", [["A new first page"], ["Gone is the account"]])
    counter = CountingExtractors(monkeypatch)
    workspace = Workspace.open(folder)
    assert counter.calls == {"pdf": 1} and workspace.corpus_index.files_read == 1
    assert workspace.search("Quillfeather").hits == []


def test_a_removed_mailbox_takes_its_messages_out(folder: Path) -> None:
    """Guards the removal of documents inside a file when the file goes."""
    Workspace.open(folder).corpus_index.close()
    (folder / "port.mbox").unlink()
    workspace = Workspace.open(folder)
    assert len(workspace.last_report.removed) == MAILBOX_MESSAGES
    assert not any(info.id.startswith("port.mbox") for info in workspace.documents())
    assert workspace.search("CNT00157").hits == []


def test_caseview_search_finds_the_attachment_and_the_message(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Guards the CLI's search over documents inside files (the ids a script gets back)."""
    assert main(["search", str(folder), "Brackenridge", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [hit["doc_id"] for hit in hits] == ["note.msg/resolution.pdf"]
    assert main(["search", str(folder), "CNT00157"]) == 0
    assert "port.mbox#msg157@port.example" in capsys.readouterr().out


def test_a_refresh_reports_files_and_the_pages_of_a_long_pdf(tmp_path: Path) -> None:
    """Guards progress in files and pages: every file once when done, and page steps while a PDF is read."""
    from tests.corpus.makers import make_pdf

    folder = tmp_path / "long"
    folder.mkdir()
    make_pdf(folder / "long.pdf", [[f"Page {n} text"] for n in range(1, 61)])
    (folder / "short.txt").write_text("short")
    seen: list[tuple[int, int, str]] = []
    Workspace.open(folder, progress=lambda done, total, current: seen.append((done, total, current)))
    assert (2, 2, "short.txt") in seen and (1, 2, "long.pdf") in seen
    pages = [current for _, _, current in seen if current.startswith("long.pdf (page")]
    assert pages == [f"long.pdf (page {n} of 60)" for n in (20, 40, 60)]


def test_another_window_sees_an_attachment_annotated_under_its_own_id(folder: Path) -> None:
    """Guards the watcher naming the document of an annotation file kept beside its e-mail."""
    workspace = Workspace.open(folder)
    token = workspace.watcher.state_token()
    text = workspace.document("note.msg/resolution.pdf").text
    start = text.index("Brackenridge")
    workspace.annotate_span("note.msg/resolution.pdf", start, start + len("Brackenridge"), tags=("seen",))
    assert workspace.watcher.changes_since(token).annotations == ("note.msg/resolution.pdf",)
    assert workspace.annotation_service.annotated_documents() == ["note.msg/resolution.pdf"]
