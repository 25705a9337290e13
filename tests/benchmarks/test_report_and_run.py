"""The one command: corpora prepared, phases run in their own processes, tables and JSON written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.report import render
from benchmarks.run import run


@pytest.mark.slow  # every phase of the harness, each in a fresh process
def test_run_measures_a_corpus_and_renders_its_row(tmp_path: Path, tiny_speeches) -> None:
    results = run(["paragraphs"], ["build", "search"], tmp_path / "corpora", 1, log=None, speeches=tiny_speeches)
    corpus = results["corpora"]["paragraphs"]
    assert corpus["documents"] == 8
    assert corpus["build"]["documents"] == 8, corpus["build"]
    assert corpus["search"]["queries"]["government"]["total"] == 3, corpus["search"]
    table = render(json.loads(json.dumps(results)))
    assert "| paragraphs | 8 |" in table
    assert results["machine"]["python"]


def test_a_failing_phase_is_reported_not_raised(tmp_path: Path) -> None:
    from benchmarks.run import run_phase_process

    result = run_phase_process("search", tmp_path / "no-such-corpus", 1, log=None)
    assert "error" in result
