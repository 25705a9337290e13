"""Shared fixtures: real corpus folders in tmp_path (never the bundled seeds themselves)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """A private copy of the five bundled seed articles (without any derived data)."""
    target = tmp_path / "seeds"
    target.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy2(path, target / path.name)
    return target


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep caches and configuration of tests out of the real user's folders."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("CASEVIEW_CORPUS", raising=False)
