"""The CSV export: one row per passage, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest

from caseview.casefile import CaseService
from caseview.export.csv import COLUMNS, neutralise, render_csv
from caseview.workspace import Workspace
from tests.casefile.scripted import AUTHORISED, DOC_001, DOC_004, OPPOSED, ScriptedCase
from tests.export.hostile import FORMULA_QUOTE, HOSTILE_QUOTE, add_hostile_items, write_hostile_document


def _rows(service: CaseService) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render_csv(service.view()), newline="")))


def test_there_is_one_row_per_passage_in_case_order(case_service: CaseService, scripted: ScriptedCase) -> None:
    rows = _rows(case_service)
    assert [row["item"] for row in rows] == [scripted.opposed, scripted.authorised, scripted.treasury, scripted.bypass]


def test_a_row_holds_document_offsets_quote_tags_note_grade_and_section(
    case_service: CaseService, scripted: ScriptedCase
) -> None:
    row = _rows(case_service)[0]
    text = case_service.corpus.document(DOC_001).text
    assert text[int(row["start"]) : int(row["end"])] == row["quote"] == OPPOSED
    assert (row["document"], row["tags"], row["note"], row["grade"], row["section"]) == (
        DOC_001,
        "access-expansion; opposition",
        "WSJ via a translated rewrite",
        "C3",
        "Contradictions",
    )


def test_the_header_names_every_column(case_service: CaseService, scripted: ScriptedCase) -> None:
    assert render_csv(case_service.view()).splitlines()[0].split(",") == COLUMNS


def test_an_orphaned_passage_keeps_its_row_and_says_so(
    workspace: Workspace, case_service: CaseService, scripted: ScriptedCase
) -> None:
    path = workspace.root / DOC_004
    path.write_text(path.read_text(encoding="utf-8").replace(AUTHORISED, "gone"), encoding="utf-8")
    row = next(r for r in _rows(case_service) if r["item"] == scripted.authorised)
    assert row["quote"] == AUTHORISED and row["flags"] == "orphaned"


@pytest.mark.parametrize(
    "cell",
    [
        "=1+1",
        "+1",
        "-1",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "-2+3+cmd|' /C calc'!A0",
        "- cmd|' /C calc'!A0",
        '- HYPERLINK("http://evil.example","click")',
        "+ SUM(A1:A9)",
        "-A1",
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_neutralised(cell: str) -> None:
    assert neutralise(cell) == "'" + cell


@pytest.mark.parametrize(
    "quote",
    [
        "- The Pentagon said it would review the contract (on Monday).",
        "+ more to come, officials said",
        "– an en dash is not a sign",
    ],
)
def test_a_plain_text_quote_is_never_changed(quote: str) -> None:
    """Issue 13, bug 5: the guard never turns a bulleted line of prose into "'- …"."""
    assert neutralise(quote) == quote


def test_ordinary_text_is_left_alone() -> None:
    assert neutralise("Trump = bad?") == "Trump = bad?"


@pytest.fixture
def hostile_rows(workspace: Workspace) -> list[dict[str, str]]:
    write_hostile_document(workspace.root)
    workspace.refresh()
    add_hostile_items(workspace.case())
    return _rows(workspace.case())


def test_quotes_with_line_breaks_commas_and_quotes_survive_a_round_trip(hostile_rows: list[dict[str, str]]) -> None:
    assert hostile_rows[0]["quote"] == HOSTILE_QUOTE


def test_no_text_cell_of_the_export_starts_a_formula(hostile_rows: list[dict[str, str]]) -> None:
    cells = [value for row in hostile_rows for key, value in row.items() if key not in ("start", "end", "number")]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert hostile_rows[1]["quote"] == "'" + FORMULA_QUOTE and hostile_rows[1]["analyst_note"] == "'@SUM(1+1)"
