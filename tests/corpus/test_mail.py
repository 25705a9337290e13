"""E-mail containers: attachments and mailbox messages as documents with stable ids linked to their parent."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.corpus import (
    CorpusWarning,
    Document,
    TextCache,
    UnreadableDocument,
    annotation_base_path,
    entry_for,
    read_document,
    read_documents,
    resolve_doc_id,
    scan_corpus,
)
from caseview.corpus.docids import candidate_refs
from tests.corpus.makers import make_docx, make_eml, make_mbox, make_msg, make_pdf


def _all(root: Path, name: str, cache: TextCache | None = None) -> tuple[list[Document], list[CorpusWarning]]:
    entry = next(entry for entry in scan_corpus(root).files if entry.doc_id == name)
    items = list(read_documents(entry, cache))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, CorpusWarning)]


def _one(root: Path, doc_id: str, cache: TextCache | None = None) -> Document:
    entry = entry_for(root, doc_id)
    assert entry is not None
    return read_document(entry, cache)[0]


def _pdf_bytes(tmp_path: Path, line: str) -> bytes:
    return make_pdf(tmp_path / "made.pdf", [[line], ["Second page of the report"]]).read_bytes()


def test_an_emails_attachments_are_child_documents_linked_to_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf = _pdf_bytes(tmp_path, "Attached audit of the harbour fund")
    docx = make_docx(tmp_path / "memo.docx").read_bytes()
    (corpus / "mail.eml").write_bytes(
        make_eml(
            "Audit attached",
            "See the attached report.",
            attachments=(
                ("report.pdf", pdf, "application/pdf"),
                ("memo.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                ("data.xlsx", b"PK not read", "application/octet-stream"),
            ),
        )
    )
    documents, warnings = _all(corpus, "mail.eml")
    assert [d.id for d in documents] == ["mail.eml", "mail.eml/report.pdf", "mail.eml/memo.docx"]
    assert warnings == []
    email, report, memo = documents
    assert email.parent is None and report.parent == "mail.eml" and memo.parent == "mail.eml"
    assert email.text == "See the attached report." and email.meta.title == "Audit attached"
    assert report.format == "pdf" and len(report.pages) == 2 and report.path == corpus / "mail.eml"
    assert "Attached audit of the harbour fund" in report.text and "Helix Logistics" in memo.text
    # Read again by id alone, as the reader and the annotations do.
    again = _one(corpus, "mail.eml/report.pdf")
    assert again.text == report.text and again.pages == report.pages and again.parent == "mail.eml"
    assert annotation_base_path(corpus, "mail.eml/report.pdf") == corpus / "mail.eml#report.pdf"
    assert annotation_base_path(corpus, "mail.eml") == corpus / "mail.eml"


def test_an_attached_email_with_its_own_attachment_nests_ids(tmp_path: Path) -> None:
    inner = make_eml(
        "Inner", "Forwarded body", attachments=(("deep.pdf", _pdf_bytes(tmp_path, "Deep file"), "application/pdf"),)
    )
    (tmp_path / "outer.eml").write_bytes(
        make_eml("Outer", "Forwarding", attachments=(("fwd.eml", inner, "application/octet-stream"),))
    )
    documents, _ = _all(tmp_path, "outer.eml")
    assert [d.id for d in documents] == ["outer.eml", "outer.eml/fwd.eml", "outer.eml/fwd.eml/deep.pdf"]
    assert documents[2].parent == "outer.eml/fwd.eml"
    assert "Deep file" in _one(tmp_path, "outer.eml/fwd.eml/deep.pdf").text


def test_attachments_nested_too_deep_are_named_once_and_the_rest_opens(tmp_path: Path) -> None:
    message = make_eml("Level 6", "Bottom", attachments=(("x.txt", b"bottom text", "text/plain"),))
    for level in range(5, 0, -1):
        message = make_eml(
            f"Level {level}", f"Body {level}", attachments=((f"l{level}.eml", message, "application/octet-stream"),)
        )
    (tmp_path / "deep.eml").write_bytes(message)
    documents, warnings = _all(tmp_path, "deep.eml")
    assert len(documents) == 5  # the file and four levels inside it
    assert len(warnings) == 1 and "nested more than 4 levels deep" in warnings[0].reason
    assert warnings[0].kind == "limit" and warnings[0].path.count("/") == 5


def test_a_broken_attachment_is_one_warning_and_its_siblings_open(tmp_path: Path) -> None:
    good = _pdf_bytes(tmp_path, "Good attachment")
    (tmp_path / "mail.eml").write_bytes(
        make_eml(
            "Two files",
            "Body",
            attachments=(("broken.pdf", b"%PDF-1.4 garbage", "application/pdf"), ("good.pdf", good, "application/pdf")),
        )
    )
    documents, warnings = _all(tmp_path, "mail.eml")
    assert [d.id for d in documents] == ["mail.eml", "mail.eml/good.pdf"]
    assert [(w.path, w.skipped) for w in warnings] == [("mail.eml/broken.pdf", True)]


def test_an_mbox_gives_each_message_a_stable_id_from_its_message_id(tmp_path: Path) -> None:
    make_mbox(tmp_path / "archive.mbox", 300)
    documents, warnings = _all(tmp_path, "archive.mbox")
    assert warnings == [] and len(documents) == 300
    assert documents[0].id == "archive.mbox#msg0@port.example"
    assert documents[299].id == "archive.mbox#msg299@port.example"
    assert all(d.parent == "archive.mbox" and d.format == "eml" for d in documents)
    assert documents[7].meta.title == "Shipment 7" and "CNT00007" in documents[7].text
    assert "CNT00123" in _one(tmp_path, "archive.mbox#msg123@port.example").text
    with pytest.raises(UnreadableDocument, match="a mailbox of 300 messages"):
        read_document(scan_corpus(tmp_path).files[0])


def test_message_ids_with_separators_are_escaped_and_resolve_back(tmp_path: Path) -> None:
    (tmp_path / "box.mbox").write_bytes(
        b"From a@b Tue Mar  5 09:30:00 2024\nMessage-ID: <a/b#c@host>\nSubject: Odd\n\nOdd id body\n"
        b"From a@b Tue Mar  5 09:31:00 2024\nSubject: No id\n\nNo id body\n"
    )
    documents, _ = _all(tmp_path, "box.mbox")
    assert documents[0].id == "box.mbox#a%2Fb%23c@host"
    assert documents[1].id.startswith("box.mbox#sha-")
    assert _one(tmp_path, documents[1].id).text == "No id body"
    ref = resolve_doc_id(tmp_path, documents[0].id)
    assert ref is not None and ref.file_id == "box.mbox" and ref.steps == ("#a%2Fb%23c@host",)


def test_a_folder_named_like_a_container_is_still_a_folder(tmp_path: Path) -> None:
    (tmp_path / "odd.eml").mkdir()
    (tmp_path / "odd.eml" / "note.txt").write_text("inside a folder")
    assert [ref.file_id for ref in candidate_refs("odd.eml/note.txt")] == ["odd.eml", "odd.eml/note.txt"]
    assert _one(tmp_path, "odd.eml/note.txt").text == "inside a folder"


def test_a_ten_thousand_message_mailbox_opens_and_rereads_from_the_cache(tmp_path: Path) -> None:
    make_mbox(tmp_path / "big.mbox", 10_000)
    cache = TextCache(tmp_path / ".caseview")
    documents, warnings = _all(tmp_path, "big.mbox", cache)
    assert len(documents) == 10_000 and warnings == []
    again, _ = _all(tmp_path, "big.mbox", cache)
    assert [d.text for d in again[::997]] == [d.text for d in documents[::997]]


def test_an_outlook_msg_with_a_pdf_attachment(tmp_path: Path) -> None:
    pdf = _pdf_bytes(tmp_path, "Board resolution on the dredging contract")
    make_msg(
        tmp_path / "note.msg", "Resolution attached", "Please find the resolution.\r\nMarc", [("resolution.pdf", pdf)]
    )
    documents, warnings = _all(tmp_path, "note.msg")
    assert warnings == [] and [d.id for d in documents] == ["note.msg", "note.msg/resolution.pdf"]
    message, attachment = documents
    assert message.text == "Please find the resolution.\nMarc"
    assert message.meta.title == "Resolution attached" and message.meta.author == "Marc Petit <marc@example.org>"
    assert message.meta.published is not None and message.meta.published.isoformat() == "2024-03-05"
    assert attachment.parent == "note.msg" and "Board resolution" in attachment.text and len(attachment.pages) == 2


def test_a_corrupt_msg_is_named(tmp_path: Path) -> None:
    make_msg(tmp_path / "good.msg", "S", "B", [])
    (tmp_path / "bad.msg").write_bytes((tmp_path / "good.msg").read_bytes()[:700])
    (tmp_path / "notole.msg").write_bytes(b"plain text pretending")
    for name in ("bad.msg", "notole.msg"):
        with pytest.raises(UnreadableDocument, match="Outlook message"):
            _one(tmp_path, name)
