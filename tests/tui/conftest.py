"""Fixtures: the real app on private copies of the seed corpus.

``app`` is lean (no folder watcher, no entity extraction: most tests need neither, and extraction
is the slow part); ``extracting_app`` extracts entities and events as the app the analyst runs does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from tests.tui.tui_helpers import EXTRACTING, LEAN


@pytest.fixture
def seed_corpus(prepared_seed_corpus: Path) -> Path:
    """The TUI tests start from a ready copy of the seeds (index built, extraction cached, once per
    session): what they test is the app, not the first indexing, which tests/search covers."""
    return prepared_seed_corpus


@pytest.fixture
def app(seed_corpus: Path) -> CaseviewApp:
    """The app on a private copy of the seeds, without the watcher and extraction."""
    return make_app(seed_corpus, settings=LEAN)


@pytest.fixture
def extracting_app(seed_corpus: Path) -> CaseviewApp:
    """The app on a private copy of the seeds, extracting entities and events."""
    return make_app(seed_corpus, settings=EXTRACTING)
