"""Hostile corpora for the corpus jail (issue 12): a small corpus folder beside an ``outside`` folder
whose every file is checksummed before and after, so a test proves nothing outside was touched."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from caseview.cli import main

DOC = "report.txt"
TEXT = (
    "The ministry confirmed on Tuesday that the contract was signed in March.\n"
    "Officials declined to say how much the consultants were paid.\n"
)
QUOTE = "the contract was signed in March"


@dataclass(frozen=True)
class Layout:
    corpus: Path
    outside: Path
    victim: Path


def outside_state(base: Path, corpus: Path) -> dict[str, str]:
    """Every path under ``base`` outside ``corpus`` with its content hash (or what it is): a file
    created, changed, truncated or removed out there changes this."""
    state: dict[str, str] = {}
    for folder, dirnames, filenames in os.walk(base):
        current = Path(folder)
        dirnames[:] = [d for d in dirnames if current / d != corpus]
        for name in dirnames + filenames:
            path = current / name
            if path.is_symlink():
                state[str(path)] = "link:" + os.readlink(path)
            elif path.is_file():
                state[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                state[str(path)] = "folder" if path.is_dir() else "special"
    return state


@pytest.fixture(autouse=True)
def _isolated_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


@pytest.fixture
def layout(tmp_path: Path) -> Layout:
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (corpus / DOC).write_text(TEXT, encoding="utf-8")
    (corpus / "other.txt").write_text("A second article about the harbour.\n", encoding="utf-8")
    victim = outside / "victim.txt"
    victim.write_text("the analyst's other file, never to be touched\n", encoding="utf-8")
    (outside / "victim.txt.annotations.json").write_text('{"not": "caseview\'s"}\n', encoding="utf-8")
    return Layout(corpus, outside, victim)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """The real ``caseview`` entry point, in-process; exit status, stdout, stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tag(capsys: pytest.CaptureFixture[str], corpus: Path, *tags: str) -> str:
    """Annotate :data:`QUOTE` in :data:`DOC` through the CLI; the new annotation's id."""
    args = ["tag", str(corpus), DOC, "--quote", QUOTE, "--json"]
    for each in tags or ("evidence",):
        args += ["--tag", each]
    code, out, err = run_cli(capsys, *args)
    assert code == 0, err
    return str(json.loads(out)["id"])


def sidecar_json(corpus: Path, doc: str = DOC) -> dict[str, object]:
    return json.loads((corpus / f"{doc}.annotations.json").read_text(encoding="utf-8"))


def write_sidecar(corpus: Path, data: object, doc: str = DOC) -> Path:
    path = corpus / f"{doc}.annotations.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def one_line_error(err: str) -> bool:
    """Whether stderr is one-line messages and no traceback."""
    return "Traceback" not in err and all(line.startswith("caseview:") for line in err.splitlines() if line)


_HOLDER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from caseview.kernel.locks import OwnedLock\n"
    "lock = OwnedLock(Path(sys.argv[1]), 30, stop=Path(sys.argv[1]).parents[2])\n"
    "lock.acquire()\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n"
)


@contextmanager
def held_lock(path: Path) -> Iterator[None]:
    """Another process holding the lock at ``path`` (as another caseview re-indexing or writing would)."""
    root = Path(__file__).resolve().parents[2]
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
