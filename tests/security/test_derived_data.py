"""Derived data of the wrong kind (issue 12, point 5): ``.caseview/index`` a file,
``index-manifest.sqlite`` a folder, ``refresh.lock`` a folder gave tracebacks in every command;
derived data is never trusted, so each is removed and rebuilt, with one line saying so."""

from __future__ import annotations

import shutil

import pytest

from caseview.workspace import Workspace

from .conftest import DOC, Layout, outside_state, run_cli


def _damage(layout: Layout, what: str) -> None:
    derived = layout.corpus / ".caseview"
    if what == "index-a-file":
        (derived / "index").rename(derived / "index.old")
        (derived / "index").write_text("not an index", encoding="utf-8")
    elif what == "manifest-a-folder":
        (derived / "index-manifest.sqlite").unlink()
        (derived / "index-manifest.sqlite" / "inner").mkdir(parents=True)
    elif what == "refresh-lock-a-folder":
        (derived / "refresh.lock").unlink()
        (derived / "refresh.lock" / "inner").mkdir(parents=True)
    elif what == "locks-a-file":
        for lock in (derived / "locks").iterdir():
            lock.unlink()
        (derived / "locks").rmdir()
        (derived / "locks").write_text("", encoding="utf-8")


@pytest.mark.parametrize("what", ["index-a-file", "manifest-a-folder", "refresh-lock-a-folder"])
def test_derived_data_of_the_wrong_kind_is_rebuilt(
    layout: Layout, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    """Every command works after the damage: the index is rebuilt and finds the documents again."""
    assert run_cli(capsys, "tag", str(layout.corpus), DOC, "--quote", "signed in March", "--tag", "dated")[0] == 0
    _damage(layout, what)
    code, out, err = run_cli(capsys, "search", str(layout.corpus), "contract")
    assert code == 0 and DOC in out and "Traceback" not in err
    code, out, err = run_cli(capsys, "search", str(layout.corpus), "tag:dated")
    assert code == 0 and DOC in out and "Traceback" not in err
    code, out, _ = run_cli(capsys, "docs", str(layout.corpus))
    assert code == 0 and DOC in out and "other.txt" in out
    assert (layout.corpus / ".caseview" / "index").is_dir()
    assert (layout.corpus / ".caseview" / "index-manifest.sqlite").is_file()


def test_a_rebuild_says_why_once(layout: Layout) -> None:
    """The rebuild reason names what was wrong (for the one warning line the CLI prints)."""
    Workspace.open(layout.corpus).close()
    _damage(layout, "index-a-file")
    report = Workspace.open(layout.corpus).last_report
    assert report is not None and report.rebuilt_reason is not None and "index was a file" in report.rebuilt_reason


def test_a_locks_folder_that_is_a_file_gives_one_line(layout: Layout, capsys: pytest.CaptureFixture[str]) -> None:
    """``.caseview/locks`` a file: a write refuses in one line, nothing changed, no traceback."""
    assert run_cli(capsys, "tag", str(layout.corpus), DOC, "--quote", "signed in March", "--tag", "one")[0] == 0
    _damage(layout, "locks-a-file")
    code, _, err = run_cli(capsys, "tag", str(layout.corpus), DOC, "--quote", "signed in March", "--tag", "two")
    assert code == 2 and "locks" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["snapshots", "quarantine", "locks", "extract", "index"])
def test_a_link_planted_in_the_derived_folder_is_never_written_through(
    layout: Layout, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """``.caseview/snapshots`` (or ``quarantine``, ``locks``, ``extract``, ``index``) linked to a folder
    outside: caseview removes the link (derived data) and writes nothing outside."""
    assert run_cli(capsys, "docs", str(layout.corpus))[0] == 0
    planted = layout.corpus / ".caseview" / name
    if planted.is_dir():
        shutil.rmtree(planted)
    target = layout.outside / "elsewhere"
    target.mkdir()
    planted.symlink_to(target, target_is_directory=True)
    before = outside_state(layout.corpus.parent, layout.corpus)
    code, _, err = run_cli(capsys, "tag", str(layout.corpus), DOC, "--quote", "signed in March", "--tag", "x")
    assert code == 0 and "Traceback" not in err
    (layout.corpus / f"{DOC}.annotations.json").write_text("{broken", encoding="utf-8")  # a quarantine copy
    assert run_cli(capsys, "check", str(layout.corpus))[0] == 1
    assert outside_state(layout.corpus.parent, layout.corpus) == before
    assert list(target.iterdir()) == []
