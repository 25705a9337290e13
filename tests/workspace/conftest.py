"""Fixtures: a workspace over a private copy of the seeds; a helper that runs code in another process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from caseview.workspace import Workspace
from tests.extract.extract_helpers import LOOKALIKES

REPO = Path(__file__).resolve().parents[2]
FT = "000_465b9804960b177b.txt"
EUROPE = "001_c0973cc29b59132c.txt"
WSJ = "002_029d7ec1a1d3b899.txt"
AGGREGATOR = "004_8f20206c802690a7.txt"
#: The look-alike pair of ``LOOKALIKES``: too little evidence to merge by itself, so a merge
#: suggestion (the seeds' own Besant/Bessent pair is merged automatically on evidence).
VENICK, VENNICK = "person:hal-venick", "person:hal-vennick"


@pytest.fixture
def workspace(prepared_seed_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    monkeypatch.setenv("CASEVIEW_CREATOR", "First Window")
    opened = Workspace.open(prepared_seed_corpus)
    yield opened
    opened.close()


def add_lookalikes(workspace: Workspace) -> None:
    """Put the two look-alike articles into the workspace's folder and index them."""
    for name, text in LOOKALIKES.items():
        (workspace.root / name).write_text(text, encoding="utf-8")
    workspace.refresh()


def in_other_process(corpus: Path, code: str) -> str:
    """Run ``code`` in a separate Python process (another caseview window) with ``ws``, a Workspace
    opened on ``corpus``; returns what it printed. Fails the test when it fails."""
    program = f"from caseview.workspace import Workspace\nws = Workspace.open({str(corpus)!r})\n{code}\nws.close()\n"
    env = {**os.environ, "PYTHONPATH": str(REPO), "CASEVIEW_CREATOR": "Second Window"}
    done = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
