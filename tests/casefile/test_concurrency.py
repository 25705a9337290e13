"""Several processes writing one case file at once lose nothing; a killed writer leaves a good file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from caseview.casefile.store import CaseStore
from caseview.workspace import Workspace

REPO = Path(__file__).resolve().parents[2]

# Six writer processes and kill loops: alone on the machine, after the parallel run.
pytestmark = [pytest.mark.serial, pytest.mark.slow]

# Each writer keeps its own idea of the case and never re-reads it before a change (the worst case:
# a window left open); the store must merge every change into whatever is on disk.
WRITER = """
import sys
from pathlib import Path
from caseview.casefile import operations as ops
from caseview.casefile.store import CaseStore

path, label, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
store = CaseStore(path, path.parent / ".caseview" / "quarantine", lock_timeout=120)
base = store.load().case
mine = base
for number in range(count):
    changed, _ = ops.add_note(mine, f"{label}-{number}", section=f"From {label}")
    store.save(mine, changed)
    mine = changed
"""


def _spawn(*args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-c", WRITER, *args], env=env, stderr=subprocess.PIPE)


def test_six_processes_adding_twenty_notes_each_leave_all_120(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    writers = [_spawn(str(path), f"w{n}", "20") for n in range(6)]
    for writer in writers:
        _, error = writer.communicate(timeout=180)
        assert writer.returncode == 0, error.decode()
    case = CaseStore(path, tmp_path / "q").load().case
    texts = sorted(item.text for item in case.items)
    assert texts == sorted(f"w{n}-{i}" for n in range(6) for i in range(20))


def test_the_sections_each_writer_created_exist_once(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    writers = [_spawn(str(path), "same", "5") for _ in range(3)]
    for writer in writers:
        writer.communicate(timeout=120)
    case = CaseStore(path, tmp_path / "q").load().case
    assert [s.title for s in case.sections] == ["From same"] and len(case.items) == 15


def _wait_for_notes(path: Path, prefix: str, count: int, deadline_s: float = 120.0) -> None:
    """Poll the case file until it holds ``count`` notes starting with ``prefix`` (a loaded machine
    may take many seconds just to start the writer, so no fixed delay is long enough)."""
    give_up = time.monotonic() + deadline_s
    while time.monotonic() < give_up:
        try:
            items = json.loads(path.read_text(encoding="utf-8")).get("items", [])
        except FileNotFoundError:
            items = []
        if sum(1 for item in items if str(item.get("text", "")).startswith(prefix)) >= count:
            return
        time.sleep(0.01)
    raise AssertionError(f"the writer never saved {count} notes starting with {prefix!r}")


def test_a_writer_killed_at_any_moment_leaves_a_file_that_parses(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    for attempt in range(6):
        writer = _spawn(str(path), f"k{attempt}", "10000")
        # Kill it mid-stream, at a different point each time: once it has saved 1, 3, 5, … notes.
        _wait_for_notes(path, f"k{attempt}-", 1 + 2 * attempt)
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        if path.exists():
            json.loads(path.read_text(encoding="utf-8"))
            CaseStore(path, tmp_path / "q").load()
    assert path.exists()


def test_threads_sharing_one_service_lose_nothing(prepared_seed_corpus: Path) -> None:
    workspace = Workspace.open(prepared_seed_corpus)
    service = workspace.case()
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda n: service.add_note(f"note {n}"), range(40)))
    texts = {item.text for item in CaseStore(service.path, prepared_seed_corpus / "q").load().case.items}
    workspace.close()
    assert texts == {f"note {n}" for n in range(40)}
