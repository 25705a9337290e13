"""Fixtures: the real app on private copies of the seed corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from tests.tui.standins import ExtractingWorkspace


@pytest.fixture
def app(seed_corpus: Path) -> CaseviewApp:
    """The app on a private copy of the seeds, with this build's workspace (no extraction yet)."""
    return make_app(seed_corpus)


@pytest.fixture
def extracting_app(seed_corpus: Path) -> CaseviewApp:
    """The app on a workspace that has entities and events (see ``standins``)."""
    return make_app(workspace=ExtractingWorkspace(seed_corpus))
