"""The shared fixtures are what their docstrings promise: a warm copy is really reused, a cold one is cold."""

from __future__ import annotations

from pathlib import Path

from caseview.kernel.paths import DERIVED_DIR
from caseview.workspace import Workspace


def test_a_prepared_copy_is_not_indexed_again(prepared_seed_corpus: Path) -> None:
    workspace = Workspace(prepared_seed_corpus)
    try:
        report = workspace.refresh()
        assert report.rebuilt_reason is None
        assert report.indexed == []
        assert report.removed == []
        assert report.unchanged == 5
        # The extraction is ready too: entity names are searchable without extracting again.
        assert workspace.search("entity:anthropic").hits
    finally:
        workspace.close()


def test_each_test_gets_its_own_prepared_copy(prepared_seed_corpus: Path, tmp_path: Path) -> None:
    assert prepared_seed_corpus.is_relative_to(tmp_path) and prepared_seed_corpus.name == "seeds"
    assert (prepared_seed_corpus / DERIVED_DIR / "index").is_dir()
    assert sorted(path.name for path in prepared_seed_corpus.glob("*.txt")) == sorted(
        path.name for path in (Path(__file__).parent.parent / "data" / "seeds").glob("*.txt")
    )


def test_the_cold_and_the_prepared_copy_are_two_folders(seed_corpus: Path, prepared_seed_corpus: Path) -> None:
    assert seed_corpus != prepared_seed_corpus and seed_corpus.name == prepared_seed_corpus.name == "seeds"
    assert not (seed_corpus / DERIVED_DIR).exists() and (prepared_seed_corpus / DERIVED_DIR).is_dir()


def test_a_cold_copy_has_no_derived_data(seed_corpus: Path) -> None:
    assert not (seed_corpus / DERIVED_DIR).exists()
    workspace = Workspace(seed_corpus)
    try:
        assert len(workspace.refresh().indexed) == 5
    finally:
        workspace.close()
