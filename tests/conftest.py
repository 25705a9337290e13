"""Shared fixtures: real corpus folders in tmp_path (never the bundled seeds themselves).

Two ways to get the five bundled seed articles:

``seed_corpus``
    A cold copy: the ``.txt`` files and their ``.meta.json`` sidecars (title, outlet, publication
    date, as the bundled corpus ships them), no ``.caseview/`` folder. Use it when the test is about
    building the index or running extraction for the first time (refresh reports, rebuild reasons,
    progress callbacks, caches being filled).

``prepared_seed_corpus``
    A warm copy: the same files plus a ``.caseview/`` folder in which the search index is built and
    entity extraction has run (its cache and the entity names it adds to the index). The expensive
    work happens once per test session (once per xdist worker); each test gets its own copy in its
    ``tmp_path``, so it may write annotations, case files or corrections freely. Opening it is
    cheap: the first ``Workspace(path).refresh()`` finds every document unchanged and re-indexes
    nothing, and ``extraction()`` is read from the cache. Use it whenever a test only needs "a ready
    corpus" — which is most tests of search, annotations, the case file, exports, the CLI and the TUI::

        def test_something(prepared_seed_corpus: Path) -> None:
            workspace = Workspace.open(prepared_seed_corpus)
            ...

    The folder is named ``seeds`` like the cold copy, so tests that print or compare paths do not
    depend on which fixture they use; it sits in its own sub-folder (``tmp_path/prepared/seeds``), so
    a test may take both fixtures and get two separate corpora.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from caseview.workspace import Workspace

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


def _copy_seeds(target: Path) -> Path:
    """The articles with their publication-facts sidecars: the corpus as the bundled case ships it."""
    target.mkdir()
    for path in sorted(SEEDS.glob("*.txt")) + sorted(SEEDS.glob("*.txt.meta.json")):
        shutil.copy2(path, target / path.name)
    return target


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """A private copy of the five bundled seed articles and their sidecars (without any derived data)."""
    return _copy_seeds(tmp_path / "seeds")


@pytest.fixture(scope="session")
def _built_seed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The seeds with their index and extraction, built once per session (per xdist worker). Never
    handed to a test directly: tests get a copy (``prepared_seed_corpus``) so none can spoil it."""
    base = tmp_path_factory.mktemp("built-seeds")
    with pytest.MonkeyPatch.context() as patch:
        # The function-scoped isolation below does not apply to session fixtures: keep this one out
        # of the real user's folders too.
        patch.setenv("XDG_CACHE_HOME", str(base / "xdg-cache"))
        patch.setenv("XDG_CONFIG_HOME", str(base / "xdg-config"))
        patch.setenv("XDG_STATE_HOME", str(base / "xdg-state"))
        patch.delenv("CASEVIEW_CORPUS", raising=False)
        corpus = _copy_seeds(base / "seeds")
        workspace = Workspace(corpus)
        try:
            workspace.refresh()
            workspace.extraction()
            # Should the corpus-level entity names differ from the per-document ones, the next
            # refresh re-indexes those documents: do it here, so a copy's first refresh has nothing to do.
            workspace.refresh()
        finally:
            # Closing checkpoints the manifest's SQLite journal, so the copied files are complete.
            workspace.close()
    yield corpus


@pytest.fixture
def prepared_seed_corpus(_built_seed_corpus: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds with a ready ``.caseview/`` (index built, extraction cached).

    See the module docstring for when to use it instead of ``seed_corpus``."""
    target = tmp_path / "prepared" / "seeds"
    target.parent.mkdir()
    # copy2 (copytree's default) keeps modification times, which is what tells the refresh that a
    # document is unchanged; the lock files come along and are harmless.
    shutil.copytree(_built_seed_corpus, target)
    return target


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep caches and configuration of tests out of the real user's folders."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))  # where the app remembers its place
    monkeypatch.delenv("CASEVIEW_CORPUS", raising=False)
