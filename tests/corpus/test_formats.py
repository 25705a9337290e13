"""Word, OpenDocument, RTF, EPUB and images: the text each gives, checked by slicing, and its metadata."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from caseview.corpus import UnreadableDocument, entry_for, read_document, scan_corpus
from tests.corpus.makers import make_docx, make_epub, make_odt, make_rtf


def _read(root: Path, doc_id: str):
    entry = entry_for(root, doc_id)
    assert entry is not None
    return read_document(entry)


def _at(text: str, phrase: str) -> int:
    start = text.index(phrase)
    assert text[start : start + len(phrase)] == phrase
    return start


def test_every_new_format_is_found_by_a_scan(tmp_path: Path) -> None:
    for name in ("a.pdf", "b.docx", "c.odt", "d.rtf", "e.epub", "f.msg", "g.mbox", "h.png", "i.jpg", "j.tif"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "k.xlsx").write_bytes(b"x")
    assert len(scan_corpus(tmp_path).files) == 10


def test_word_gives_paragraphs_table_footnote_header_and_footer_in_order(tmp_path: Path) -> None:
    make_docx(tmp_path / "review.docx")
    document, notes = _read(tmp_path, "review.docx")
    text = document.text
    assert notes == [] and document.format == "docx"
    order = [
        _at(text, "Procurement review"),
        _at(text, "awarded to Helix Logistics [1] in March."),
        _at(text, "Supplier\tAmount\nHelix Logistics\t4.2 million"),
        _at(text, "The committee met twice."),
        _at(text, "[1] Source: the ministry ledger of 2019."),
        _at(text, "CONFIDENTIAL draft"),
        _at(text, "Page footer text"),
    ]
    assert order == sorted(order)
    assert document.meta.title == "Procurement review" and document.meta.author == "Ana Lopes"
    assert document.pages == ()


def test_a_word_file_made_from_a_librarys_template_takes_neither_its_creator_nor_its_date(tmp_path: Path) -> None:
    import docx

    made = docx.Document()  # python-docx's template: creator "python-docx", created 23 December 2013
    made.add_paragraph("Brackwell City Council, emergency session minutes.")
    made.save(str(tmp_path / "minutes.docx"))
    signed = docx.Document()
    signed.core_properties.author = "Ana Lopes"
    signed.add_paragraph("The committee met twice.")
    signed.save(str(tmp_path / "signed.docx"))

    minutes = _read(tmp_path, "minutes.docx")[0]
    assert minutes.meta.author is None and minutes.meta.published is None
    signed_meta = _read(tmp_path, "signed.docx")[0].meta
    assert signed_meta.author == "Ana Lopes" and signed_meta.published is None


def test_opendocument_text_with_note_table_and_metadata(tmp_path: Path) -> None:
    make_odt(tmp_path / "minutes.odt")
    document = _read(tmp_path, "minutes.odt")[0]
    text = document.text
    assert _at(text, "Harbour minutes") < _at(text, "The harbour board  approved the dredging[1] contract.")
    assert _at(text, "Member\tVote") < _at(text, "[1] Vote of 5 to 2.")
    assert document.meta.title == "Harbour board minutes" and document.meta.author == "Clerk Ruiz"
    assert document.meta.published == date(2023, 5, 4)


def test_rtf_text_and_info(tmp_path: Path) -> None:
    make_rtf(tmp_path / "statement.rtf")
    document = _read(tmp_path, "statement.rtf")[0]
    assert document.text == "I saw the trucks leave the depot at night.\nThe café owner confirmed it."
    assert document.meta.title == "Witness statement" and document.meta.author == "D. Mensah"


def test_epub_chapters_in_spine_order_without_scripts(tmp_path: Path) -> None:
    make_epub(tmp_path / "book.epub")
    document = _read(tmp_path, "book.epub")[0]
    text = document.text
    assert _at(text, "Nominee directors in Valletta.") < _at(text, "The trust deed of 2009 & after.")
    assert "alert" not in text
    assert document.meta.title == "The Shell Companies" and document.meta.published == date(2021, 9, 30)


def test_an_image_without_tesseract_is_named_with_the_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEVIEW_TESSERACT", "")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(UnreadableDocument, match="install tesseract-ocr to read it"):
        _read(tmp_path, "photo.png")


@pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract is not installed (apt-get install tesseract-ocr)"
)
@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "TIFF"])
def test_an_image_is_read_by_ocr(tmp_path: Path, image_format: str) -> None:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1200, 200), 255)
    font = ImageFont.load_default(size=48)
    ImageDraw.Draw(image).text((40, 60), "Warehouse seven inventory", fill=0, font=font)
    suffix = {"PNG": "png", "JPEG": "jpg", "TIFF": "tif"}[image_format]
    image.save(tmp_path / f"scan.{suffix}", format=image_format)
    document = _read(tmp_path, f"scan.{suffix}")[0]
    assert document.format == "image" and "Warehouse seven inventory" in document.text
