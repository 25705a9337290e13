"""Fixtures the search tests share."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from caseview.workspace import Workspace


@pytest.fixture
def multi_segment(seed_corpus: Path, tmp_path: Path) -> Iterator[Workspace]:
    """Each seed paragraph a document, indexed in two refreshes: two segments (neither small enough to
    be merged)."""
    corpus = tmp_path / "many"
    corpus.mkdir()
    articles = sorted(seed_corpus.glob("*.txt"))
    workspace = None
    for batch in (articles[:2], articles[2:]):
        for article in batch:
            for number, part in enumerate(article.read_text("utf-8").split("\n")):
                if part.strip():
                    (corpus / f"{article.stem}-{number:03d}.txt").write_text(part, "utf-8")
        if workspace is None:
            workspace = Workspace.open(corpus)
        else:
            workspace.refresh()
    assert workspace is not None and len(workspace.index.ix._segments()) > 1
    yield workspace
    workspace.close()
