"""Special files where caseview expects a document or one of its own files (issue 12, point 3): a
FIFO in place of a document, a sidecar, ``case.json``, a ``.meta.json`` or the entity corrections
made every command hang; now each is skipped with a message naming it and never opened for reading."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DOC, Layout

ROOT = Path(__file__).resolve().parents[2]


def _caseview(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, with a time bound: a hang fails the test, not the suite."""
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg-data"), "XDG_CACHE_HOME": str(tmp_path / "xdg-cache")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "caseview", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    "fifo_name",
    ["pipe.txt", f"{DOC}.annotations.json", "case.json", f"{DOC}.meta.json", "caseview-entities.json"],
)
def test_a_fifo_in_place_of_a_file_is_skipped_with_a_message(layout: Layout, tmp_path: Path, fifo_name: str) -> None:
    """Every command answers; the FIFO is named (as not a regular file) and the rest of the corpus opens."""
    os.mkfifo(layout.corpus / fifo_name)
    docs = _caseview(tmp_path, "docs", str(layout.corpus))
    assert docs.returncode == 0 and DOC in docs.stdout and "Traceback" not in docs.stderr
    if fifo_name == "pipe.txt":
        assert "pipe.txt" in docs.stderr and "FIFO" in docs.stderr
    check = _caseview(tmp_path, "check", str(layout.corpus))
    assert "Traceback" not in check.stderr
    if fifo_name in (f"{DOC}.annotations.json", "case.json", "caseview-entities.json"):
        assert check.returncode != 0 and fifo_name in check.stdout + check.stderr
        assert "FIFO" in check.stdout + check.stderr
    listing = _caseview(tmp_path, "annotations", str(layout.corpus))
    assert listing.returncode in (0, 1) and "Traceback" not in listing.stderr
    assert (layout.corpus / fifo_name).is_fifo()  # left alone, not replaced


def test_writing_beside_a_fifo_sidecar_is_refused_not_blocked(layout: Layout, tmp_path: Path) -> None:
    """Tagging a document whose annotation file is a FIFO refuses in one line (the FIFO is left in place)."""
    os.mkfifo(layout.corpus / f"{DOC}.annotations.json")
    result = _caseview(tmp_path, "tag", str(layout.corpus), DOC, "--quote", "the contract", "--tag", "x")
    assert result.returncode == 2 and "FIFO" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (layout.corpus / f"{DOC}.annotations.json").is_fifo()
