"""PDF: the text layer page by page, page offsets checked by slicing, metadata, OCR and encryption."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pypdfium2
import pytest

from caseview.corpus import TextCache, UnreadableDocument, entry_for, page_at, page_spans, read_document
from caseview.corpus.formats.textclean import clean_layout_text
from tests.corpus.makers import DEJAVU, make_pdf, make_scanned_pdf

HAS_TESSERACT = shutil.which("tesseract") is not None


def _read(root: Path, doc_id: str, cache: TextCache | None = None):
    entry = entry_for(root, doc_id)
    assert entry is not None
    return read_document(entry, cache)


REPORT = [
    ["Annual report 2023", "Contents", "1. Findings ........ 2", "2. Money flows ..... 3"],
    ["Findings", "The investigation of the port author-", "ity found irregular payments."],
    ["Money flows", "Transfers went through Anglo-", "Saxon trusts in 2019."],
]


def test_pages_are_kept_and_each_page_slices_back_to_the_pdf_page(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "report.pdf", REPORT, title="Port Authority Report", author="Audit Office")
    document, notes = _read(tmp_path, "report.pdf")
    assert notes == []
    assert document.format == "pdf" and len(document.pages) == 3 and document.pages[0] == 0
    pdf = pypdfium2.PdfDocument(path.read_bytes())
    spans = page_spans(document.pages, len(document.text))
    for span, index in zip(spans, range(len(pdf)), strict=True):
        expected = clean_layout_text(pdf[index].get_textpage().get_text_range())
        assert document.text[span.start : span.end].strip() == expected
        assert page_at(document.pages, span.start) == span.number
        assert document.page_at(span.end - 1) == span.number
    assert "Annual report 2023" in document.text[spans[0].start : spans[0].end]


def test_words_hyphenated_at_line_ends_are_joined_and_real_hyphens_kept(tmp_path: Path) -> None:
    make_pdf(tmp_path / "report.pdf", REPORT)
    text = _read(tmp_path, "report.pdf")[0].text
    assert "port authority found" in text.replace("\n", " ")
    assert "Anglo-\nSaxon" in text


@pytest.mark.skipif(not DEJAVU.exists(), reason="the DejaVu font is needed to write a ligature glyph into a PDF")
def test_ligatures_become_plain_letters(tmp_path: Path) -> None:
    make_pdf(tmp_path / "lig.pdf", [["The ﬁnancial oﬃce ﬂagged it."]], unicode_font=True)
    assert "The financial office flagged it." in _read(tmp_path, "lig.pdf")[0].text


def test_metadata_feeds_the_document_meta(tmp_path: Path) -> None:
    make_pdf(tmp_path / "report.pdf", REPORT, title="Port Authority Report", author="Audit Office")
    meta = _read(tmp_path, "report.pdf")[0].meta
    assert meta.title == "Port Authority Report" and meta.author == "Audit Office"
    assert isinstance(meta.published, date)


def test_a_date_the_pdf_states_at_its_head_beats_the_day_the_file_was_made(tmp_path: Path) -> None:
    # The trial's board memo: printed to PDF months later, its creation date said nothing of when
    # the memo was written; its "Date:" line did.
    memo = [["Riverside Water Board", "Memorandum", "Date: 3 March 2026", "The board approved the loan."]]
    make_pdf(tmp_path / "memo.pdf", memo, title="Board memo")
    make_pdf(tmp_path / "undated.pdf", [memo[0][:2] + memo[0][3:]], title="Board memo")
    stated = _read(tmp_path, "memo.pdf")[0].meta
    made = _read(tmp_path, "undated.pdf")[0].meta
    assert (stated.published, stated.date_source) == (date(2026, 3, 3), "dateline")
    assert made.published is not None and made.published != date(2026, 3, 3)
    assert made.date_source == "the file's creation date"


def test_an_encrypted_pdf_is_named_and_opens_with_the_password_from_its_meta_json(tmp_path: Path) -> None:
    make_pdf(tmp_path / "sealed.pdf", [["Sealed ledger of accounts"]], password="hunter2")
    with pytest.raises(UnreadableDocument, match="encrypted; give the password") as refused:
        _read(tmp_path, "sealed.pdf")
    assert refused.value.kind == "encrypted"
    (tmp_path / "sealed.pdf.meta.json").write_text('{"password": "wrong"}')
    with pytest.raises(UnreadableDocument, match=r"password in its \.meta\.json is wrong"):
        _read(tmp_path, "sealed.pdf")
    (tmp_path / "sealed.pdf.meta.json").write_text('{"password": "hunter2"}')
    assert "Sealed ledger of accounts" in _read(tmp_path, "sealed.pdf")[0].text


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_corrupt_or_truncated_pdfs_are_named_never_a_traceback(tmp_path: Path, damage: str) -> None:
    good = make_pdf(tmp_path / "good.pdf", REPORT).read_bytes()
    broken = {"truncated": good[: len(good) // 3], "garbage": b"%PDF-1.4\n" + b"\x00\xff" * 500, "empty": b""}
    (tmp_path / "bad.pdf").write_bytes(broken[damage])
    with pytest.raises(UnreadableDocument, match="PDF"):
        _read(tmp_path, "bad.pdf")


def test_a_scanned_pdf_without_tesseract_gets_one_notice_and_the_text_pages_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEVIEW_TESSERACT", "")  # as on a machine without tesseract-ocr
    scanned = make_scanned_pdf(tmp_path / "scan.pdf", [["Scanned letter"]] * 4)
    # A document of one text page followed by the four scanned ones.
    text_page = make_pdf(tmp_path / "text.pdf", [["Typed cover page"]])
    merged = pypdfium2.PdfDocument.new()
    merged.import_pages(pypdfium2.PdfDocument(text_page.read_bytes()))
    merged.import_pages(pypdfium2.PdfDocument(scanned.read_bytes()))
    merged.save(str(tmp_path / "mixed.pdf"))
    document, notes = _read(tmp_path, "mixed.pdf")
    assert "Typed cover page" in document.text and len(document.pages) == 5
    assert [(note.reason, note.kind, note.skipped) for note in notes] == [
        ("4 pages have no text layer; install tesseract-ocr to read them", "no-text-layer", False)
    ]
    with pytest.raises(UnreadableDocument, match="4 pages have no text layer"):
        _read(tmp_path, "scan.pdf")


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract is not installed (apt-get install tesseract-ocr)")
def test_a_scanned_pdf_is_read_by_ocr_when_tesseract_is_installed(tmp_path: Path) -> None:
    make_scanned_pdf(tmp_path / "scan.pdf", [["Invoice number 4471"], ["Payment to Helix Logistics"]])
    document, notes = _read(tmp_path, "scan.pdf")
    assert notes == [] and len(document.pages) == 2
    first, second = page_spans(document.pages, len(document.text))
    assert "Invoice number 4471" in document.text[first.start : first.end]
    assert "Helix Logistics" in document.text[second.start : second.end]


@pytest.mark.skipif(not HAS_TESSERACT, reason="tesseract is not installed (apt-get install tesseract-ocr)")
def test_an_ocr_pending_pdf_is_read_again_once_tesseract_is_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = TextCache(tmp_path / ".caseview")
    make_scanned_pdf(tmp_path / "scan.pdf", [["Typed cover"]])
    text_page = make_pdf(tmp_path / "cover.pdf", [["Cover page text"]])
    merged = pypdfium2.PdfDocument.new()
    merged.import_pages(pypdfium2.PdfDocument(text_page.read_bytes()))
    merged.import_pages(pypdfium2.PdfDocument((tmp_path / "scan.pdf").read_bytes()))
    merged.save(str(tmp_path / "mixed.pdf"))
    monkeypatch.setenv("CASEVIEW_TESSERACT", "")
    assert "Typed cover" not in _read(tmp_path, "mixed.pdf", cache)[0].text
    monkeypatch.delenv("CASEVIEW_TESSERACT")
    assert "Typed cover" in _read(tmp_path, "mixed.pdf", cache)[0].text


def test_a_two_thousand_page_pdf_opens_with_every_page(tmp_path: Path) -> None:
    make_pdf(tmp_path / "big.pdf", [[f"Page marker {number}"] for number in range(1, 2001)])
    document = _read(tmp_path, "big.pdf")[0]
    assert len(document.pages) == 2000
    for number in (1, 999, 2000):
        start = document.text.index(f"Page marker {number}\n" if number < 2000 else "Page marker 2000")
        assert document.page_at(start) == number


@pytest.mark.parametrize(
    "written",
    ["memo.html", "Microsoft Word - board memo.docx", "file:///home/ana/memo.html", "C:\\Users\\ana\\memo.pdf"],
)
def test_a_metadata_title_that_only_names_the_source_file_gives_way_to_the_first_line(
    tmp_path: Path, written: str
) -> None:
    # What a browser's "save as PDF" or a printer driver writes as the title (found on a trial folder:
    # the memo was cited as "memo.html").
    make_pdf(tmp_path / "memo.pdf", [["Board memorandum: Well 7 treatment options", "Staff recommend ion exchange."]],
             title=written)  # fmt: skip
    document, _ = _read(tmp_path, "memo.pdf")
    assert document.meta.title == "Board memorandum: Well 7 treatment options"


def test_a_metadata_title_with_a_dot_inside_is_kept(tmp_path: Path) -> None:
    make_pdf(tmp_path / "report.pdf", REPORT, title="Report No. 7 on the port")
    document, _ = _read(tmp_path, "report.pdf")
    assert document.meta.title == "Report No. 7 on the port"
