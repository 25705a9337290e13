"""The memo's "Source independence" section and the JSON export's ``cv:provenance``, read back.

The provenance is computed over the seeds as the CLI does (every document of the workspace), and
the memo is read back as a reader sees it: the Markdown rendered by markdown-it, the HTML parsed.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

import pytest
from markdown_it import MarkdownIt

from caseview.casefile import CaseService
from caseview.cli import main
from caseview.export import export_case
from caseview.export.html import render_html
from caseview.export.markdown import render_markdown
from caseview.export.webanno import case_from_w3c, case_to_w3c
from caseview.provenance import ProvenanceReport, analyse_provenance, source_texts
from caseview.workspace import Workspace
from tests.casefile.scripted import DOC_000, DOC_001, DOC_002, DOC_003, DOC_004, ScriptedCase
from tests.w3c_validation import collection_must_failures, page_must_failures

HOSTILE_OUTLET = "<script>alert(1)</script> | *Times* \x1b[31m"


class _Section(HTMLParser):
    """The list entries and table rows of the section headed "Source independence", as plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[str] = []
        self.rows: list[list[str]] = []
        self.text = ""
        self.tags: list[str] = []
        self._heading = ""
        self._in_heading = False
        self._inside = False
        self._cell: str | None = None
        self._entry: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self._in_heading, self._heading, self._inside = True, "", False
        elif tag == "hr":
            self._inside = False
        if not self._inside:
            return
        self.tags.append(tag)
        if tag == "li":
            self._entry = ""
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "h2":
            self._in_heading = False
            self._inside = self._heading == "Source independence"
        elif tag == "li" and self._entry is not None:
            self.entries.append(self._entry)
            self._entry = None
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(self._cell)
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self._heading += data
        if not self._inside:
            return
        self.text += data
        if self._entry is not None:
            self._entry += data
        if self._cell is not None:
            self._cell += data


def _section(html: str) -> _Section:
    section = _Section()
    section.feed(html)
    return section


def _markdown_section(markdown: str) -> _Section:
    return _section(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown))


def _provenance(workspace: Workspace) -> ProvenanceReport:
    return analyse_provenance(source_texts(workspace.document(info.id) for info in workspace.documents()))


@pytest.fixture
def report(workspace: Workspace, scripted: ScriptedCase) -> ProvenanceReport:
    return _provenance(workspace)


def _row_of(section: _Section, label_start: str) -> list[str]:
    return next(row for row in section.rows if row and row[0].startswith(label_start))


@pytest.mark.parametrize("render", ["markdown", "html"])
def test_the_section_lists_the_chains_and_each_claims_origins(
    case_service: CaseService, scripted: ScriptedCase, report: ProvenanceReport, render: str
) -> None:
    view = case_service.view()
    section = (
        _markdown_section(render_markdown(view, report))
        if render == "markdown"
        else _section(render_html(view, report))
    )
    rewrite = next(entry for entry in section.entries if entry.startswith(f"{DOC_002} ≈ {DOC_003}"))
    assert rewrite.startswith(f"{DOC_002} ≈ {DOC_003} rewrite (Axios): cites Axios 4 times; ")
    assert f"{DOC_001} relays The Wall Street Journal (not in the corpus): cites it 2 times" in section.entries
    assert "5 documents · 4 origins: " in section.text
    assert section.rows[0] == ["Item", "Documents", "Independent origins"]
    bypass = _row_of(section, "#4 “the White House is drafting")
    assert bypass[1:] == [f"{DOC_002}, {DOC_003}", "2 documents · 1 origin: Axios"]
    opposed = _row_of(section, "#1 ")
    assert opposed[1:] == [DOC_001, "1 document · 1 origin: The Wall Street Journal"]
    # The meeting event (in 003, said again in 002) supports the FT's passage: two origins, not three documents' worth.
    meeting = _row_of(section, "#5 event:")
    assert meeting[1:] == [f"{DOC_000}, {DOC_002}, {DOC_003}", "3 documents · 2 origins: Axios, Financial Times"]
    items_citing_passages = 5  # four passages and the event with evidence; the entity, undated event and note cite none
    assert len(section.rows) == 1 + items_citing_passages


def test_without_a_report_there_is_no_section(case_service: CaseService, scripted: ScriptedCase) -> None:
    view = case_service.view()
    assert "Source independence" not in render_markdown(view) and "Source independence" not in render_html(view)


def test_claims_follow_the_passage_into_its_rewrite_both_ways(
    case_service: CaseService, scripted: ScriptedCase, report: ProvenanceReport
) -> None:
    """The bypass sentence quoted from Axios's own story is also 2 documents and 1 origin."""
    item = case_service.add_passage(DOC_003, quote="guidance that would allow agencies to get around")
    section = _markdown_section(render_markdown(case_service.view(), report))
    row = next(row for row in section.rows if row[0].endswith(f"({DOC_003})"))
    assert row[1:] == [f"{DOC_002}, {DOC_003}", "2 documents · 1 origin: Axios"], item.id


def test_names_from_documents_are_escaped_in_both_memos(
    workspace: Workspace, case_service: CaseService, scripted: ScriptedCase
) -> None:
    (workspace.root / "own.txt").write_text(
        "Harbour news\n\nThe harbour board met on Tuesday and agreed a new tariff for fishing boats.\n",
        encoding="utf-8",
    )
    (workspace.root / "own.txt.meta.json").write_text(json.dumps({"outlet": HOSTILE_OUTLET}), encoding="utf-8")
    workspace.refresh()
    case_service.add_passage("own.txt", quote="agreed a new tariff")
    report = _provenance(workspace)
    view = case_service.view()
    markdown = render_markdown(view, report)
    section = _markdown_section(markdown)
    assert "script" not in section.tags and "\x1b" not in markdown
    row = next(row for row in section.rows if row[1] == "own.txt")
    assert row[2] == "1 document · 1 origin: <script>alert(1)</script> | *Times* ␛[31m"
    html = render_html(view, report)
    page = _section(html)
    assert "script" not in page.tags and "\x1b" not in html
    assert next(r for r in page.rows if r[1] == "own.txt")[2].startswith("1 document · 1 origin: <script>")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | *Times*" in html


@pytest.fixture
def exported(case_service: CaseService, scripted: ScriptedCase, report: ProvenanceReport) -> dict[str, Any]:
    return case_to_w3c(case_service.view(), None, report)


def test_the_json_carries_the_provenance_and_stays_a_valid_collection(
    exported: dict[str, Any], scripted: ScriptedCase
) -> None:
    assert collection_must_failures(exported) == [] and page_must_failures(exported) == []
    provenance = exported["cv:provenance"]
    assert provenance["summary"].startswith("5 documents · 4 origins")
    claims = {claim["item"]: claim for claim in provenance["claims"]}
    assert claims[scripted.bypass]["documents"] == [DOC_002, DOC_003]
    assert claims[scripted.bypass]["summary"] == "2 documents · 1 origin: Axios"
    assert [o["doc_id"] for o in claims[scripted.bypass]["independence"]["origins"]] == [DOC_003]
    report = ProvenanceReport.model_validate(provenance["report"])
    assert {d.doc_id for d in report.documents} == {DOC_000, DOC_001, DOC_002, DOC_003, DOC_004}
    assert [(p.derived, p.origin) for p in report.pairs] == [(DOC_002, DOC_003)]
    assert any(chain.startswith(f"{DOC_002} ≈ {DOC_003} rewrite (Axios)") for chain in provenance["chains"])


def test_the_json_with_provenance_still_rebuilds_the_case(
    exported: dict[str, Any], case_service: CaseService, scripted: ScriptedCase
) -> None:
    assert case_from_w3c(json.loads(json.dumps(exported))) == case_service.view().case


def test_the_json_report_keeps_to_the_cases_documents_and_their_partners(
    workspace: Workspace, case_service: CaseService
) -> None:
    case_service.add_passage(DOC_002, quote="According to Axios")
    report = _provenance(workspace)
    data = case_to_w3c(case_service.view(), None, report)["cv:provenance"]["report"]
    assert sorted(d["doc_id"] for d in data["documents"]) == [DOC_002, DOC_003]
    assert DOC_004 not in json.dumps(data)


def test_the_cli_export_has_the_section_and_the_csv_stays_as_it_was(
    workspace: Workspace, scripted: ScriptedCase, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = str(workspace.root)  # the folder the scripted case was written in
    assert main(["export", corpus, "-f", "md"]) == 0
    memo = capsys.readouterr().out
    assert "2 documents · 1 origin: Axios" in _markdown_section(memo).text
    assert main(["export", corpus, "-f", "json"]) == 0
    assert "cv:provenance" in json.loads(capsys.readouterr().out)
    assert main(["export", corpus, "-f", "csv"]) == 0
    assert capsys.readouterr().out == export_case(workspace.case(), "csv")


@pytest.mark.parametrize("render", ["markdown", "html"])
def test_each_claim_in_the_findings_says_who_reports_it(
    case_service: CaseService, scripted: ScriptedCase, report: ProvenanceReport, render: str
) -> None:
    """Every exported claim lists its documents and independent origins where the reader meets it (the
    item itself), not only in the table at the end: the bypass passage is 2 documents from 1 origin."""
    view = case_service.view()
    memo = render_markdown(view, report) if render == "markdown" else render_html(view, report)
    findings = memo.split("Source independence")[0]
    expected = f"2 documents · 1 origin: Axios ({DOC_002}, {DOC_003})"
    assert expected in findings
    # One such line per item that cites a passage, none for the entity, the undated event or the note.
    assert findings.count("Reported by:") == 5
    assert "Reported by:" not in (render_markdown(view) if render == "markdown" else render_html(view))
