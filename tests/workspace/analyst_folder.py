"""The folder an analyst receives, as "How it will be tried" in issue 15 describes it, written by the tests.

A multi-page PDF report with a table of contents and hyphenated lines, a scanned PDF, an encrypted
PDF (its password in its ``.meta.json``), a Word file with a table and footnotes, an Outlook
``.msg`` with a PDF attachment, an ``.mbox`` of a few hundred messages, an ``.odt``, an ``.rtf``,
an ``.epub``, plus the seed articles. :data:`WORDS` gives, per document id, a word found only there.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import SEEDS
from tests.corpus.makers import (
    make_docx,
    make_epub,
    make_mbox,
    make_msg,
    make_odt,
    make_pdf,
    make_rtf,
    make_scanned_pdf,
)

HAS_TESSERACT = shutil.which("tesseract") is not None

REPORT_PAGES = [
    ["Port Authority annual report", "Contents", "1. Findings ........ 2", "2. Money flows ..... 3"],
    ["Findings", "The investigation of the harbour author-", "ity found irregular payments."],
    ["Money flows", "Transfers went through Anglo-", "Saxon trusts in 2019.", "The Quillfeather account."],
    ["Annex", "Signed by the auditor general."],
]
MAILBOX_MESSAGES = 300

#: A query per document id that finds that document (the words are only in it).
WORDS = {
    "report.pdf": "Quillfeather",
    "locked.pdf": "Zanzibarite",
    "review.docx": "Helix",
    "minutes.odt": "dredging",
    "statement.rtf": "depot",
    "companies.epub": "Valletta",
    "note.msg": "Marlowe",
    "note.msg/resolution.pdf": "Brackenridge",
    "port.mbox#msg157@port.example": "CNT00157",
}
if HAS_TESSERACT:
    WORDS["scan.pdf"] = "4471"


def make_analyst_folder(root: Path) -> Path:
    """Write the folder under ``root`` (created) and return it."""
    root.mkdir()
    for path in sorted(SEEDS.glob("*.txt")) + sorted(SEEDS.glob("*.txt.meta.json")):
        shutil.copy2(path, root / path.name)
    make_pdf(root / "report.pdf", REPORT_PAGES, title="Port Authority Report", author="Audit Office")
    make_scanned_pdf(root / "scan.pdf", [["Invoice number 4471"]])
    make_pdf(root / "locked.pdf", [["The Zanzibarite ledger"]], password="s3cret")
    (root / "locked.pdf.meta.json").write_text(json.dumps({"password": "s3cret"}))
    make_docx(root / "review.docx")
    attachment = make_pdf(root.parent / "resolution.pdf", [["Cover"], ["Brackenridge resolution text"]])
    make_msg(
        root / "note.msg",
        "Resolution attached",
        "Please find the Marlowe resolution attached.",
        [("resolution.pdf", attachment.read_bytes())],
    )
    make_mbox(root / "port.mbox", MAILBOX_MESSAGES)
    make_odt(root / "minutes.odt")
    make_rtf(root / "statement.rtf")
    make_epub(root / "companies.epub")
    return root
