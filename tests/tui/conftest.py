"""Fixtures: the real app on private copies of the seed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from caseview.workspace.core import WorkspaceCore


@pytest.fixture
def app(seed_corpus: Path) -> CaseviewApp:
    """The app on a private copy of the seeds."""
    return make_app(seed_corpus)


@pytest.fixture
def core_app(seed_corpus: Path) -> CaseviewApp:
    """The app on a workspace with documents and search only (no extraction, annotations or case file)."""
    return make_app(workspace=WorkspaceCore(seed_corpus))  # type: ignore[arg-type]
