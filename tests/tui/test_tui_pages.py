"""The app on an analyst's folder: attachments under their message, formats and pages in the sources
list, page breaks in the reader and ``P`` to go to a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from caseview.corpus import page_at
from caseview.tui.app import CaseviewApp, make_app
from caseview.tui.widgets.panes.reader import ReaderPane
from caseview.tui.widgets.panes.sources import SourcesPane
from tests.corpus.makers import make_eml, make_pdf
from tests.tui.tui_helpers import LEAN, WIDE, press, settle, stop_blinking, type_text, widget_text

REPORT = [
    ["Port Authority annual report", "Contents", "1. Findings ........ 2"],
    ["Findings", "The investigation of the harbour author-", "ity found irregular payments."],
    ["Money flows", "The Quillfeather account."],
    ["Annex", "Signed by the auditor general."],
]


@pytest.fixture
def paged_app(tmp_path: Path) -> CaseviewApp:
    corpus = tmp_path / "paged"
    corpus.mkdir()
    make_pdf(corpus / "report.pdf", REPORT, title="Port Authority Report")
    attachment = make_pdf(tmp_path / "audit.pdf", [["Attached audit"], ["Brackenridge page"]]).read_bytes()
    (corpus / "mail.eml").write_bytes(
        make_eml("Audit attached", "See the audit.", attachments=(("audit.pdf", attachment, "application/pdf"),))
    )
    (corpus / "notes.txt").write_text("Plain notes about the harbour.\n")
    return make_app(corpus, settings=LEAN)


async def _open(pilot: Pilot, query: str) -> ReaderPane:
    await settle(pilot)
    await press(pilot, "slash")
    await type_text(pilot, query)
    await press(pilot, "enter", "enter")
    return pilot.app.query_one(ReaderPane)


async def test_attachments_are_listed_under_their_email_with_format_and_pages(paged_app: CaseviewApp) -> None:
    """Guards the sources list's grouping (attachment right under its e-mail) and its format/page details."""
    async with paged_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert paged_app.query_one(SourcesPane).showing_results is False
        text = widget_text(paged_app, "#sources-list")
        assert text.index("Audit attached") < text.index("↳ Attached audit") < text.index("Plain notes")
        assert "PDF · 2 pages" in text and "PDF · 4 pages" in text and "e-mail" in text


async def test_the_reader_marks_page_breaks_and_p_goes_to_a_page(paged_app: CaseviewApp) -> None:
    """Guards the page-break rows (drawn, not added to the text) and the ``P`` page jump."""
    async with paged_app.run_test(size=WIDE) as pilot:
        reader = await _open(pilot, "Quillfeather")
        document = reader.document
        assert document is not None and document.id == "report.pdf"
        shown = widget_text(paged_app, "#reader-text")
        assert "── page 3 ──" in shown and "The Quillfeather account." in shown
        assert reader.view.text == document.text  # the marks are drawn over blank lines, never inserted
        await press(pilot, "P")
        await type_text(pilot, "4")
        await press(pilot, "enter")
        assert reader.view.cursor_offset() == document.pages[3]
        await press(pilot, "P")
        await type_text(pilot, "-2")
        await press(pilot, "enter")
        assert page_at(document.pages, reader.view.cursor_offset()) == 2
        await press(pilot, "P")
        await type_text(pilot, "9")
        await press(pilot, "enter")
        assert page_at(document.pages, reader.view.cursor_offset()) == 2  # no page 9: a notice, no move


async def test_a_search_result_in_a_pdf_says_its_page(paged_app: CaseviewApp) -> None:
    """Guards "p. 3" on a result snippet of a paged document."""
    async with paged_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "Quillfeather")
        await press(pilot, "enter")
        stop_blinking(paged_app)
        assert "p. 3 … The Quillfeather account." in widget_text(paged_app, "#results-list")


def test_snapshot_of_a_pdf_open_with_its_attachment_listed(snap_compare, paged_app: CaseviewApp) -> None:
    """What the analyst sees on a folder of PDFs and e-mail: formats and pages in the sources list, the
    attachment under its e-mail, and a PDF in the reader with its page breaks marked."""

    async def open_report(pilot: Pilot) -> None:
        await _open(pilot, "Quillfeather")
        await press(pilot, "escape")
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(paged_app, terminal_size=WIDE, run_before=open_report)


async def test_the_status_line_shows_the_pages_of_the_pdf_being_read(paged_app: CaseviewApp) -> None:
    """Guards the page part of the indexing progress ("report.pdf page 40/300")."""
    from caseview.tui.messages import IndexProgress
    from caseview.workspace.ingest import PAGE_PROGRESS

    async with paged_app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        label = PAGE_PROGRESS.format(file="big\x1b[31m.pdf", page="40", pages="300")
        paged_app.main_screen.post_message(IndexProgress(3, 10, label))
        await pilot.pause()
        status = widget_text(paged_app, "#status")
        assert "indexing 3/10 (30%) · big␛[31m.pdf page 40/300" in status
