"""The ripgrep side of the comparison lists the same documents for a term and a phrase."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpora import prepare, spec_for
from benchmarks.ripgrep import measure_ripgrep, rg_available, rg_command

pytestmark = pytest.mark.skipif(not rg_available(), reason="ripgrep (rg) is not installed")


def test_ripgrep_searches_documents_not_sidecars(tmp_path: Path) -> None:
    assert "*.txt" in rg_command("war", tmp_path)


def test_ripgrep_lists_files_with_the_term_and_the_phrase(tmp_path: Path, tiny_speeches) -> None:
    root = prepare(spec_for("paragraphs"), tmp_path, tiny_speeches).root
    result = measure_ripgrep(root, repeats=1)["queries"]
    assert result["government"]["files"] == 3
    assert result['"united states"']["files"] == 2
