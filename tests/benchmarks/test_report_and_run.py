"""The one command: corpora prepared, phases run in their own processes, tables and JSON written."""

from __future__ import annotations

import importlib.util
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


@pytest.mark.slow  # builds three indexes of the same files, each in a fresh process
def test_baselines_build_the_same_files_and_are_compared_in_one_table(tmp_path: Path, tiny_speeches) -> None:
    """Plain Whoosh and tantivy index the very documents caseview does and answer the same queries."""
    results = run(
        ["paragraphs"],
        ["build", "whoosh_plain", "tantivy", "search"],
        tmp_path / "corpora",
        1,
        log=None,
        speeches=tiny_speeches,
    )
    corpus = results["corpora"]["paragraphs"]
    engines = ["whoosh_plain"]
    if importlib.util.find_spec("tantivy") is not None:  # the bench extra; the test extra lacks it
        engines.append("tantivy")
    else:
        assert corpus["tantivy"] == {"skipped": "tantivy is not installed (pip install '.[bench]')"} | {
            "load_at_start": corpus["tantivy"]["load_at_start"]
        }
    for engine in engines:
        assert corpus[engine]["documents"] == corpus["build"]["documents"] == 8, corpus[engine]
        # "government" is in three paragraphs of the tiny speeches: every engine finds all three.
        assert corpus[engine]["search"]["queries"]["government"]["hits"] == 3, corpus[engine]
        assert isinstance(corpus[engine]["load_at_start"], float)
    table = render(json.loads(json.dumps(results)))
    assert "| paragraphs | tantivy |" in table and "| paragraphs | whoosh_plain |" in table


def test_figures_from_different_loads_are_not_compared() -> None:
    """A ratio between a build at load 0.2 and one at load 3 would measure the load, not the engines."""
    from benchmarks.report import baselines_table

    def corpus(load_ours: float, load_theirs: float) -> dict:
        build = {"docs_per_cpu_s": 200.0, "index_mb": 5.0, "load_at_start": load_ours}
        theirs = {"docs_per_cpu_s": 400.0, "index_to_text": 1.1, "load_at_start": load_theirs, "search": {}}
        return {"corpus_mb": 1.0, "build": build, "search": {"load_at_start": load_ours}, "tantivy": theirs}

    same = baselines_table({"corpora": {"c": corpus(0.2, 0.3)}})
    assert "caseview 0.50×" in same
    different = baselines_table({"corpora": {"c": corpus(0.2, 3.0)}})
    assert "not compared: load 0.20 vs 3.00" in different and "0.50×" not in different
