"""`caseview tags`: the codebook from the command line — list, rename, merge, describe, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.cli import main
from caseview.workspace import Workspace

WSJ = "002_029d7ec1a1d3b899.txt"
DOC_003 = "003_dcac92be05b45050.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, " ".join(captured.err.split())


@pytest.fixture
def tagged(prepared_seed_corpus: Path) -> Path:
    workspace = Workspace.open(prepared_seed_corpus)
    workspace.annotate_quote(WSJ, "supply chain risk designation", tags=["designation"], note="first")
    workspace.annotate_quote(DOC_003, "supply chain risk designation", tags=["pentagon"])
    workspace.close()
    return prepared_seed_corpus


def test_tags_lists_counts(tagged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One line per tag with its annotation and document counts; --json has the same numbers."""
    code, out, _ = run(capsys, "tags", str(tagged))
    assert code == 0 and "designation     1 in 1 doc" in out and "pentagon" in out
    code, out, _ = run(capsys, "tags", str(tagged), "--json")
    assert {row["name"]: row["count"] for row in json.loads(out)["tags"]} == {"designation": 1, "pentagon": 1}


def test_merge_then_the_passages_of_the_tag(tagged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--merge A --into B changes the annotation files; --tag B lists both passages with the note."""
    code, out, _ = run(capsys, "tags", str(tagged), "--merge", "pentagon", "--into", "designation")
    assert code == 0 and "merge tags 'pentagon' → 'designation' (1 annotation)" in out
    code, out, _ = run(capsys, "tags", str(tagged), "--tag", "designation")
    assert code == 0 and out.count("supply chain risk designation") == 2 and "note: first" in out
    assert [a.tags for a in Workspace(tagged).annotations(DOC_003)] == [("designation",)]


def test_rename_and_export_markdown(tagged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--rename renames; --export md writes tag-NEW.md into the corpus folder."""
    assert run(capsys, "tags", str(tagged), "--rename", "designation", "scr")[0] == 0
    code, out, _ = run(capsys, "tags", str(tagged), "--tag", "scr", "--export", "md")
    assert code == 0 and "written to" in out
    assert (tagged / "tag-scr.md").read_text(encoding="utf-8").startswith("# Tag: scr\n")


def test_bad_requests_are_one_line(tagged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown tag, --merge without --into, --export without --tag: exit 2, one line, nothing changed."""
    code, _, err = run(capsys, "tags", str(tagged), "--rename", "nope", "x")
    assert code == 2 and "no annotation is tagged 'nope'" in err and "Traceback" not in err
    assert run(capsys, "tags", str(tagged), "--merge", "a")[0] == 2
    assert run(capsys, "tags", str(tagged), "--export", "csv")[0] == 2
