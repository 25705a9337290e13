"""Fixtures: a real copy of the seed corpus in tmp_path and a service over it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caseview.annotations.model import Creator
from caseview.annotations.service import AnnotationService
from caseview.corpus import read_document, scan_corpus
from caseview.workspace.history import SessionHistory

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
FT_ARTICLE = "000_465b9804960b177b.txt"
PASSAGE = "Several agencies have been in discussions with Anthropic"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root)
    return root


@pytest.fixture
def history() -> SessionHistory:
    """The session history a workspace would give the service (undo lives there, not in the service)."""
    return SessionHistory()


@pytest.fixture
def service(corpus: Path, history: SessionHistory) -> AnnotationService:
    return AnnotationService(corpus, corpus / ".caseview", creator=Creator(name="Test Analyst"), history=history)


@pytest.fixture
def ft_document(corpus: Path):
    entry = next(e for e in scan_corpus(corpus).files if e.doc_id == FT_ARTICLE)
    return read_document(entry)[0]


def edit_document(corpus: Path, doc_id: str, old: str, new: str) -> None:
    """Change the document file on disk (as an analyst correcting an article would)."""
    path = corpus / doc_id
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {doc_id}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
