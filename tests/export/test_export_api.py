"""Exporting through the workspace and the CLI: text to stdout, or a file next to the case file."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from caseview.casefile import CaseUsageError
from caseview.cli import main
from caseview.workspace import Workspace
from tests.casefile.scripted import AUTHORISED, DOC_004, ScriptedCase


@pytest.mark.parametrize(
    "format, start", [("md", "# Mythos"), ("html", "<!DOCTYPE html>"), ("json", "{"), ("csv", "item,number")]
)
def test_the_workspace_exports_each_format_as_text(
    workspace: Workspace, scripted: ScriptedCase, format: str, start: str
) -> None:
    assert workspace.export_case(format).startswith(start)


def test_write_export_puts_the_file_next_to_the_case_file(workspace: Workspace, scripted: ScriptedCase) -> None:
    path = workspace.write_export("md")
    assert path == workspace.root / "case.memo.md" and path.read_text(encoding="utf-8").startswith("# Mythos")


def test_a_named_cases_export_is_named_after_it(workspace: Workspace) -> None:
    workspace.case("leak").add_note("x")
    assert workspace.write_export("html", case="leak").name == "leak.memo.html"


def test_the_csv_file_opens_as_utf8_in_spreadsheets(workspace: Workspace, scripted: ScriptedCase) -> None:
    raw = workspace.write_export("csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert len(list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))) == 5


def test_an_unknown_format_is_refused(workspace: Workspace, scripted: ScriptedCase) -> None:
    with pytest.raises(CaseUsageError, match="md, html, json, csv"):
        workspace.export_case("pdf")


def test_the_cli_prints_the_export_and_warns_about_flagged_items(
    prepared_seed_corpus: Path, workspace: Workspace, scripted: ScriptedCase, capsys: pytest.CaptureFixture[str]
) -> None:
    path = prepared_seed_corpus / DOC_004
    path.write_text(path.read_text(encoding="utf-8").replace(AUTHORISED, "gone"), encoding="utf-8")
    code = main(["export", str(prepared_seed_corpus), "--format", "md"])
    captured = capsys.readouterr()
    assert code == 0 and captured.out.startswith("# Mythos")
    assert "orphaned; the export says so" in captured.err and "⚠ Check:" in captured.out


def test_the_cli_writes_next_to_the_case_file_with_dot(
    prepared_seed_corpus: Path, scripted: ScriptedCase, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(prepared_seed_corpus), "-f", "html", "-o", "."]) == 0
    assert "wrote " in capsys.readouterr().err and (prepared_seed_corpus / "case.memo.html").is_file()


def test_exporting_a_case_that_does_not_exist_is_an_error(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(prepared_seed_corpus)]) == 2
    assert "no case to export" in capsys.readouterr().err
