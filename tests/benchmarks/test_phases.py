"""Each measurement phase, run in-process on a tiny corpus: it measures what it says and tidies up."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpora import prepare, spec_for
from benchmarks.phases import EDIT_MARKER, main, run_phase
from benchmarks.queries import QUERY_MIX, TARGET_KINDS


@pytest.fixture
def tiny_corpus(tmp_path: Path, tiny_speeches) -> Path:
    return prepare(spec_for("paragraphs"), tmp_path / "corpora", tiny_speeches).root


@pytest.fixture
def built_corpus(tiny_corpus: Path) -> Path:
    run_phase("build", tiny_corpus)
    return tiny_corpus


def test_build_indexes_every_document_from_nothing(tiny_corpus: Path) -> None:
    (tiny_corpus / ".caseview").mkdir()
    (tiny_corpus / ".caseview" / "stale").write_text("x", "utf-8")
    result = run_phase("build", tiny_corpus)
    assert result["documents"] == 8
    assert result["docs_per_s"] > 0 and result["peak_rss_mb"] > 0
    assert not (tiny_corpus / ".caseview" / "stale").exists()


def test_incremental_update_finds_the_change_and_restores_the_file(built_corpus: Path) -> None:
    before = {path: path.read_bytes() for path in built_corpus.rglob("*.txt")}
    result = run_phase("incremental", built_corpus, repeats=1)
    assert result["change_found"] is True
    assert result["refresh_after_change"]["n"] == 1
    assert {path: path.read_bytes() for path in built_corpus.rglob("*.txt")} == before
    assert EDIT_MARKER not in "".join(text.decode() for text in before.values())


def test_noop_refresh_reports_its_split_and_the_cli_answer(built_corpus: Path) -> None:
    result = run_phase("noop_refresh", built_corpus, repeats=2)
    assert result["files"] == 8 and result["documents_unchanged"] == 8
    assert set(result["cpu_split_s"]) == {"scan", "manifest", "plan"}  # type: ignore[arg-type]
    assert result["cli_search_wall_s"] > 0 and isinstance(result["refresh_cpu_s"], float)


def test_search_times_every_query_of_the_mix_both_ways(built_corpus: Path) -> None:
    result = run_phase("search", built_corpus, repeats=2)
    assert set(result["queries"]) == {query.text for query in QUERY_MIX}
    government = result["queries"]["government"]
    assert government["total"] == 3
    assert government["snippets"]["n"] == government["no_snippets"]["n"] == 2
    assert result["targeted_with_snippets"]["n"] == 2 * sum(query.kind in TARGET_KINDS for query in QUERY_MIX)


def test_date_range_query_counts_only_documents_of_those_years(built_corpus: Path) -> None:
    result = run_phase("search", built_corpus, repeats=1)
    assert result["queries"]["date:[1900 TO 1950]"]["total"] == 3
    assert result["queries"]["war date:[1941 TO 1945]"]["total"] == 1


def test_open_reports_cold_and_warm_times(built_corpus: Path) -> None:
    result = run_phase("open", built_corpus, repeats=2)
    assert result["cold"]["total_ms"] >= result["cold"]["open_ms"] > 0
    assert result["warm"]["total"]["n"] == 2
    assert result["with_refresh"]["warm_total"]["n"] == 2


def test_extraction_is_measured_or_skipped_with_a_reason(built_corpus: Path) -> None:
    result = run_phase("extract", built_corpus)
    assert ("skipped" in result) or result["documents"] == 8


def test_phase_command_writes_its_result_as_json(built_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    assert main(["search", str(built_corpus), "--out", str(out), "--repeats", "1"]) == 0
    assert '"queries"' in out.read_text("utf-8")


def test_app_build_includes_entity_extraction(tiny_corpus: Path) -> None:
    result = run_phase("build_app", tiny_corpus)
    assert result["with_extraction"] is True and result["documents"] == 8
