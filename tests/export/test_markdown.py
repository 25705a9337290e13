"""The Markdown memo: complete, in order, cited, and literal whatever the documents contain."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from caseview.casefile import CaseService
from caseview.export.csv import render_csv
from caseview.export.markdown import inline, render_markdown
from caseview.workspace import Workspace
from tests.casefile.scripted import AUTHORISED, ScriptedCase
from tests.export.hostile import HOSTILE_QUOTE, add_hostile_items, write_hostile_document


def _memo(service: CaseService) -> str:
    return render_markdown(service.view())


def _html_of(markdown: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown)


class _Collector(HTMLParser):
    """Tags used, and the text inside each <blockquote> (a hard break renders as ``<br />`` + newline)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.quotes: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "blockquote":
            self._depth += 1
            self.quotes.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.quotes[-1] += data


def _collect(markdown: str) -> _Collector:
    collector = _Collector()
    collector.feed(_html_of(markdown))
    return collector


def _normalise(text: str) -> str:
    return "\n".join(line.strip().replace("\u00a0", " ") for line in text.strip().split("\n"))


@pytest.fixture
def memo(case_service: CaseService, scripted: ScriptedCase) -> str:
    return _memo(case_service)


def test_the_memo_opens_with_an_overview_of_title_summary_and_key_questions(memo: str) -> None:
    """Issue 13 (17): the first section is built from the title, summary and key questions."""
    assert memo.startswith("# Mythos access: who decided what?\n")
    overview = memo[memo.index("## Overview") : memo.index("## Contradictions\n")]
    assert "Five reports on the US government" in overview
    assert "**Key questions**\n\n1. Did the administration oppose" in overview
    assert "4 passages · 1 entity · 2 events · 1 note in 4 sections; 1 contradiction" in overview


def test_the_sections_come_in_the_case_order_then_contradictions(memo: str) -> None:
    headings = re.findall(r"^## (.+)$", memo, flags=re.MULTILINE)
    assert headings[:6] == [
        "Overview",
        "Contradictions",
        "Background",
        "Timeline",
        "Findings",
        "Contradictions between items",
    ]
    assert headings[-1] == "Sources"


def test_each_passage_is_cited_by_outlet_date_and_paragraph_not_characters(memo: str) -> None:
    """Issue 13 (17): a citation a reader can check, not "characters 3384–3526"."""
    block = memo[memo.index("> " + AUTHORISED) :]
    citation = block.split("\n- **Source:** ", 1)[1].split("\n", 1)[0]
    assert citation.startswith("*Trump Admin releases Anthropic Mythos")
    assert ", Beyond Market Intelligence, June 2026, paragraph 3" in citation
    assert "characters" not in memo.split("\n---\n")[0]
    axios = memo[memo.index("#5 · Event") :].split("\n- **Source:** ", 1)[1].split("\n", 1)[0]
    assert "Axios, 2026-04-29, paragraph 9" in axios


def test_each_quote_has_a_sentence_of_context_before_and_after_in_italics(memo: str) -> None:
    block = memo[memo.index("**#2 · Passage**") : memo.index("## Background")]
    before, after = block.index("*Before: The recent announcement that*"), block.index("*After: , extending")
    assert before < block.index("> " + AUTHORISED) < after


def test_a_link_shows_its_relation_and_note_beside_both_items(memo: str) -> None:
    first = memo[memo.index("**#1 · Passage**") : memo.index("**#2 · Passage**")]
    second = memo[memo.index("**#2 · Passage**") : memo.index("## Background")]
    note = "Opposed wider access vs authorised 100+ organisations"
    assert "**contradicts** #2" in first and note in first
    assert "**contradicts** this" in second and note in second


def test_plain_text_is_not_escaped(memo: str) -> None:
    """Issue 13 (17): no visible Markdown escaping in plain text (the seeds' quotes have none to escape)."""
    findings = memo[memo.index("## Background") : memo.index("## Timeline of events")]
    assert "\\" not in findings.replace("\\\n", "\n")  # a hard line break is the only backslash


def test_an_untitled_case_says_no_title_yet_and_how_to_set_it(case_service: CaseService) -> None:
    case_service.add_note("Something to check")
    memo = _memo(case_service)
    assert memo.startswith("# (no title yet)\n")
    assert f"caseview case {case_service.root} set --title" in memo  # to copy as is, folder included
    assert "Untitled case" not in memo


def test_an_unsummarised_case_says_how_to_add_a_summary(case_service: CaseService) -> None:
    case_service.add_note("Something to check")
    assert "No summary yet (caseview case set --summary" in _memo(case_service)


def test_a_passage_shows_its_tags_note_and_grade(memo: str) -> None:
    block = memo[memo.index("**#1 · Passage**") : memo.index("**#2 · Passage**")]
    assert "graded C3 (source fairly reliable; information possibly true)" in block
    assert "- **Tags:** access-expansion, opposition" in block
    assert "- **Note:** WSJ via a translated rewrite" in block


def test_the_timeline_lists_dated_events_first_with_dates_as_written_and_resolved(memo: str) -> None:
    timeline = memo[memo.index("## Timeline of events") :].split("\n\n")[1]
    rows = timeline.splitlines()[2:]
    assert rows[0].startswith("| last week | 2026-04-13 – 2026-04-19 |")
    assert rows[1].startswith("| Earlier this month | unresolved |")


def test_the_entities_show_their_role_and_where_they_appear(memo: str) -> None:
    table = memo[memo.index("## Entities involved") :].split("\n\n")[1]
    assert "| Scott Bessent (also: Besant) | PERSON | Treasury Secretary; met Amodei |" in table
    assert "(1×)" in table and "#" in table.splitlines()[-1].split("|")[-2]


def test_the_links_table_puts_contradictions_first(memo: str) -> None:
    table = memo[memo.index("## Links") :].split("\n\n")[1].splitlines()
    assert "| contradicts |" in table[2] and "| supports |" in table[3]


def test_the_sources_list_every_cited_document(memo: str) -> None:
    sources = memo[memo.index("## Sources") :].split("\n\n")[1].splitlines()
    assert len(sources) == 5 and all(re.match(r"\d\. \*", line) for line in sources)


def test_the_memo_renders_to_one_blockquote_per_passage_and_event(memo: str) -> None:
    assert _collect(memo).tags.count("blockquote") == 6


def test_an_orphaned_passage_is_kept_quoted_and_flagged(
    workspace: Workspace, case_service: CaseService, scripted: ScriptedCase
) -> None:
    path = workspace.root / "004_8f20206c802690a7.txt"
    path.write_text(path.read_text(encoding="utf-8").replace(AUTHORISED, "a rewritten sentence"), encoding="utf-8")
    memo = _memo(case_service)
    block = memo[memo.index("**#2 · Passage**") : memo.index("**#3 · Passage**")]
    assert "**⚠ Check:** the passage is no longer in the current text of the document" in block
    assert "> " + AUTHORISED in block and "as it was when added (not in the current text)" in block
    assert "> **Attention:** 1 item could not be checked" in memo


# -- escaping --------------------------------------------------------------------------------------
@pytest.fixture
def hostile_memo(workspace: Workspace) -> str:
    write_hostile_document(workspace.root)
    workspace.refresh()
    service = workspace.case()
    add_hostile_items(service)
    return _memo(service)


def test_markdown_and_html_in_a_quote_render_as_the_literal_text(hostile_memo: str) -> None:
    quote = _collect(hostile_memo).quotes[0]
    assert _normalise(quote) == _normalise(HOSTILE_QUOTE)


def test_nothing_in_the_documents_becomes_markup(hostile_memo: str) -> None:
    tags = _collect(hostile_memo).tags
    assert not set(tags) & {"script", "img", "a", "code", "s", "del", "pre"}
    assert tags.count("h1") == 1 and tags.count("blockquote") == 3
    html = _html_of(hostile_memo)
    assert "<script>" not in html and "<img" not in html and "<a href" not in html


def test_only_our_own_emphasis_is_emphasis(hostile_memo: str) -> None:
    html = _html_of(hostile_memo)
    assert "<strong>bold</strong>" not in html and "<em>em</em>" not in html and "<code>code</code>" not in html


def test_a_pipe_in_a_table_cell_does_not_add_a_column(hostile_memo: str) -> None:
    table = hostile_memo[hostile_memo.index("## Links") :].split("\n\n")[1].splitlines()
    cells = re.split(r"(?<!\\)\|", table[2])[1:-1]
    assert len(cells) == 4 and "a \\| b \\| c second line" in table[2]


def test_a_newline_in_a_title_or_section_name_does_not_break_the_heading(hostile_memo: str) -> None:
    assert hostile_memo.startswith("# \\<b>Case\\</b> | \\*title\\*\n")
    assert "## \\<script>alert(1)\\</script>" in hostile_memo


@pytest.mark.parametrize("text", ["*x*", "_x_", "`x`", "[x](y)", "<b>", "a|b", "~~x~~", "&amp;", "\\"])
def test_inline_text_renders_exactly_as_written(text: str) -> None:
    rendered = MarkdownIt("commonmark").enable(["strikethrough"]).renderInline(inline(text))
    parser = HTMLParser(convert_charrefs=True)
    seen: list[str] = []
    parser.handle_data = seen.append  # type: ignore[method-assign]
    parser.handle_starttag = lambda tag, attrs: seen.append(f"<{tag}>")  # type: ignore[method-assign]
    parser.feed(rendered)
    assert "".join(seen) == text


def test_the_sources_credit_the_author_a_byline_names(tmp_path) -> None:
    (tmp_path / "water.txt").write_text(
        "Town told to stop drinking tap water\n\nBy Dana Whitlock, Valley Courier\n\n"
        "Residents were told on Sunday to stop drinking tap water after tests found chemicals.\n",
        encoding="utf-8",
    )
    workspace = Workspace.open(tmp_path)
    try:
        workspace.refresh()
        case = workspace.case()
        case.add_passage("water.txt", quote="stop drinking tap water after tests found chemicals")
        memo = _memo(case)
        csv_text = render_csv(case.view())
    finally:
        workspace.close()
    sources = memo[memo.index("## Sources") :].split("\n\n")[1]
    assert sources.startswith("1. *Town told to stop drinking tap water* — Dana Whitlock, Valley Courier, undated.")
    row = next(csv.DictReader(io.StringIO(csv_text)))
    assert (row["author"], row["outlet"]) == ("Dana Whitlock", "Valley Courier")
