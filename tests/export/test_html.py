"""The HTML memo: one self-contained, printable file in which every piece of text is escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from caseview.casefile import CaseService
from caseview.export.html import render_html
from caseview.workspace import Workspace
from tests.casefile.scripted import AUTHORISED, DOC_004, OPPOSED, ScriptedCase
from tests.export.hostile import HOSTILE_QUOTE, add_hostile_items, write_hostile_document


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.quotes: list[str] = []
        self._in_quote = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "blockquote":
            self._in_quote = True
            self.quotes.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self._in_quote = False

    def handle_data(self, data: str) -> None:
        if self._in_quote:
            self.quotes[-1] += data


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.fixture
def html(case_service: CaseService, scripted: ScriptedCase) -> str:
    return render_html(case_service.view())


def test_the_page_is_a_complete_document_with_inline_css(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html and html.rstrip().endswith("</html>")


def test_the_page_loads_nothing_and_runs_nothing(html: str) -> None:
    tags = _page(html).tags
    assert not [t for t, _ in tags if t in ("script", "link", "img", "iframe", "object", "embed")]
    assert not [a for _, a in tags if any(k.startswith("on") or k == "src" for k in a)]
    assert "default-src 'none'" in html


def test_the_page_is_print_friendly(html: str) -> None:
    assert "@media print" in html


def test_every_passage_is_quoted_in_a_blockquote(html: str) -> None:
    quotes = _page(html).quotes
    assert OPPOSED in quotes and AUTHORISED in quotes


def test_links_between_items_jump_within_the_page(html: str) -> None:
    targets = {attrs["href"] for tag, attrs in _page(html).tags if tag == "a"}
    ids = {f"#{attrs['id']}" for tag, attrs in _page(html).tags if tag == "article"}
    within = {target for target in targets if target.startswith("#")}
    assert within and within <= ids
    # The only other links are the sources' own addresses (003's, from its .meta.json sidecar).
    assert targets - within == {"https://www.axios.com/2026/04/29/trump-anthropic-pentagon-ai-executive-order-gov"}


def test_the_links_table_marks_contradictions_first(html: str) -> None:
    rows = re.findall(r'<tr class="([a-z-]*)">', html)
    assert rows[rows.index("contradicts")] == "contradicts" and rows.index("contradicts") < rows.index("supports")


def test_an_orphaned_passage_is_kept_with_a_warning(
    workspace: Workspace, case_service: CaseService, scripted: ScriptedCase
) -> None:
    path = workspace.root / DOC_004
    path.write_text(path.read_text(encoding="utf-8").replace(AUTHORISED, "gone"), encoding="utf-8")
    page = render_html(case_service.view())
    assert AUTHORISED in _page(page).quotes
    assert '<p class="warn">⚠ the passage is no longer in the current text of the document' in page


@pytest.fixture
def hostile_html(workspace: Workspace) -> str:
    write_hostile_document(workspace.root)
    workspace.refresh()
    add_hostile_items(workspace.case())
    return render_html(workspace.case().view())


def test_a_passage_containing_script_shows_as_text(hostile_html: str) -> None:
    page = _page(hostile_html)
    assert HOSTILE_QUOTE in page.quotes
    assert not [t for t, _ in page.tags if t in ("script", "img", "i")]
    assert all(attrs["href"].startswith("#item-") for tag, attrs in page.tags if tag == "a")


def test_titles_tags_notes_and_section_names_are_escaped(hostile_html: str) -> None:
    assert "&lt;b&gt;Case&lt;/b&gt;" in hostile_html and "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_html
    assert "&lt;tag&gt;" in hostile_html and "&lt;br&gt; a second line" in hostile_html


def test_a_javascript_url_in_metadata_is_not_a_link(workspace: Workspace) -> None:
    (workspace.root / "x.md").write_text(
        "---\ntitle: X\nurl: javascript:alert(1)\n---\nSome text here.\n", encoding="utf-8"
    )
    workspace.refresh()
    service = workspace.case()
    service.add_passage("x.md", quote="Some text")
    page = render_html(service.view())
    assert "javascript:alert(1)" in page and 'href="javascript' not in page
