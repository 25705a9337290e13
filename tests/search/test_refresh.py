"""Opening a corpus re-indexes only what changed, and recovers from a broken or outdated index."""

import json
import os
from pathlib import Path

import pytest

from caseview.search.schema import SCHEMA_VERSION
from caseview.workspace import Workspace


def _touch_later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def test_the_first_open_indexes_everything(seed_corpus: Path) -> None:
    report = Workspace.open(seed_corpus).last_report
    assert len(report.indexed) == 5 and report.unchanged == 0


def test_reopening_an_unchanged_corpus_reads_nothing(seed_corpus: Path) -> None:
    Workspace.open(seed_corpus)
    report = Workspace.open(seed_corpus).last_report
    assert (report.indexed, report.removed, report.unchanged) == ([], [], 5)


def test_only_edited_added_and_deleted_files_are_reindexed(seed_corpus: Path) -> None:
    Workspace.open(seed_corpus)
    edited = seed_corpus / "001_c0973cc29b59132c.txt"
    edited.write_text(edited.read_text() + "\nA new paragraph about quokkas.")
    (seed_corpus / "new.txt").write_text("Fresh article on wombats")
    (seed_corpus / "004_8f20206c802690a7.txt").unlink()
    workspace = Workspace.open(seed_corpus)
    report = workspace.last_report
    assert sorted(report.indexed) == ["001_c0973cc29b59132c.txt", "new.txt"]
    assert report.removed == ["004_8f20206c802690a7.txt"] and report.unchanged == 3
    assert [hit.doc_id for hit in workspace.search("quokkas").hits] == ["001_c0973cc29b59132c.txt"]
    assert [hit.doc_id for hit in workspace.search("wombats").hits] == ["new.txt"]
    assert workspace.search('"Mythos 5"').hits == []


def test_a_touched_but_unchanged_file_is_not_reindexed(seed_corpus: Path) -> None:
    Workspace.open(seed_corpus)
    _touch_later(seed_corpus / "000_465b9804960b177b.txt")
    assert Workspace.open(seed_corpus).last_report.indexed == []


def test_an_open_workspace_sees_changes_on_refresh(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    (seed_corpus / "late.txt").write_text("Late breaking platypus news")
    workspace.refresh()
    assert [hit.doc_id for hit in workspace.search("platypus").hits] == ["late.txt"]


def test_a_search_sees_another_process_commit(seed_corpus: Path) -> None:
    reader = Workspace.open(seed_corpus)
    assert reader.search("platypus").hits == []
    (seed_corpus / "late.txt").write_text("Late breaking platypus news")
    Workspace.open(seed_corpus)  # another writer brings the shared index up to date
    assert [hit.doc_id for hit in reader.search("platypus").hits] == ["late.txt"]
    assert reader.search("Anthropic").total == 5


def test_an_index_of_another_schema_version_is_rebuilt_with_a_message(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    version_file = workspace.index.folder / "caseview-index.json"
    workspace.close()
    version_file.write_text(json.dumps({"schema_version": SCHEMA_VERSION + 99}))
    reopened = Workspace.open(seed_corpus)
    assert "another version of caseview" in reopened.last_report.rebuilt_reason
    assert len(reopened.last_report.indexed) == 5
    assert reopened.search("Anthropic").total == 5


def test_a_corrupted_index_is_rebuilt_with_a_message(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    folder = workspace.index.folder
    workspace.close()
    for segment_file in folder.glob("*.seg"):
        segment_file.write_bytes(b"garbage")
    for toc in folder.glob("_MAIN_*.toc"):
        toc.write_bytes(b"not a table of contents")
    reopened = Workspace.open(seed_corpus)
    assert "unreadable" in reopened.last_report.rebuilt_reason
    assert reopened.search("Anthropic").total == 5


def test_a_deleted_derived_folder_is_rebuilt_silently(seed_corpus: Path) -> None:
    import shutil

    workspace = Workspace.open(seed_corpus)
    workspace.close()
    shutil.rmtree(seed_corpus / ".caseview")
    reopened = Workspace.open(seed_corpus)
    assert reopened.last_report.rebuilt_reason is None and reopened.search("Anthropic").total == 5


def test_a_file_that_becomes_unreadable_leaves_the_index(seed_corpus: Path) -> None:
    Workspace.open(seed_corpus)
    (seed_corpus / "001_c0973cc29b59132c.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    workspace = Workspace.open(seed_corpus)
    assert [w.path for w in workspace.last_report.skipped] == ["001_c0973cc29b59132c.txt"]
    assert "001_c0973cc29b59132c.txt" not in {hit.doc_id for hit in workspace.search("Anthropic").hits}


def test_a_read_only_corpus_keeps_its_index_in_the_user_cache(seed_corpus: Path) -> None:
    if os.geteuid() == 0:
        import pytest

        pytest.skip("root can write into read-only folders")
    seed_corpus.chmod(0o555)
    try:
        workspace = Workspace.open(seed_corpus)
        assert not (seed_corpus / ".caseview").exists()
        assert workspace.search("Anthropic").total == 5
    finally:
        seed_corpus.chmod(0o755)


@pytest.mark.serial  # a process killed while holding the locks, and a time bound on reopening
def test_an_index_locked_by_a_killed_process_opens_normally(seed_corpus: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    Workspace.open(seed_corpus).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time\n"
                "from caseview.workspace import Workspace\n"
                "ws = Workspace.open(sys.argv[1])\n"
                "lock = ws._refresh_lock(); lock.acquire()\n"
                "writer = ws.index.ix.writer()\n"
                "print('locked', flush=True)\n"
                "time.sleep(60)\n"
            ),
            str(seed_corpus),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        started = time.perf_counter()
        (seed_corpus / "late.txt").write_text("written after the crash: axolotl")
        workspace = Workspace.open(seed_corpus)
        assert time.perf_counter() - started < 5
        assert [hit.doc_id for hit in workspace.search("axolotl").hits] == ["late.txt"]
    finally:
        holder.kill()


def test_an_unwritable_corpus_keeps_its_index_in_the_user_cache(seed_corpus: Path, monkeypatch) -> None:
    """As root every folder is writable, so the operating system's answer is replaced for the corpus."""
    import caseview.kernel.paths

    real_access = os.access
    monkeypatch.setattr(
        caseview.kernel.paths.os,
        "access",
        lambda path, mode: (
            False if Path(path).resolve() in (seed_corpus, seed_corpus / ".caseview") else real_access(path, mode)
        ),
    )
    workspace = Workspace.open(seed_corpus)
    assert not (seed_corpus / ".caseview").exists()
    assert "caseview" in str(workspace.derived_dir) and seed_corpus not in workspace.derived_dir.parents
    assert workspace.search("Anthropic").total == 5
