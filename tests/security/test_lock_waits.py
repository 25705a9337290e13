"""Lock waits that end well (issue 12, point 6): a writer that cannot get a lock in time says so in
one line and exits 75, never reports failure for a write that happened nor success for one that did
not; the annotation write path does not wait on the refresh lock (re-indexing is put off)."""

from __future__ import annotations

from pathlib import Path

import pytest

import caseview.annotations.store
import caseview.workspace.core
from caseview.cli.common import EXIT_BUSY
from caseview.kernel.paths import lock_path_for
from caseview.workspace import Workspace

from .conftest import DOC, QUOTE, Layout, held_lock, run_cli, sidecar_json, tag


def test_a_writer_blocked_by_re_indexing_exits_75_and_changes_nothing(
    layout: Layout, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process re-indexing (holding refresh.lock) past the wait: one line, exit 75, no
    annotation written (the retry will not make a duplicate)."""
    Workspace.open(layout.corpus).close()
    monkeypatch.setattr(caseview.workspace.core, "REFRESH_LOCK_TIMEOUT_S", 0.3)
    with held_lock(layout.corpus / ".caseview" / "refresh.lock"):
        code, out, err = run_cli(capsys, "tag", str(layout.corpus), DOC, "--quote", QUOTE, "--tag", "x")
    assert code == EXIT_BUSY and out == ""
    assert err.strip() == "caseview: another caseview is re-indexing this folder; try again"
    assert not (layout.corpus / f"{DOC}.annotations.json").exists()
    code, out, _ = run_cli(capsys, "tag", str(layout.corpus), DOC, "--quote", QUOTE, "--tag", "x")
    assert code == 0 and len(sidecar_json(layout.corpus)["first"]["items"]) == 1  # type: ignore[index]


def test_a_writer_blocked_on_the_annotation_file_exits_75_and_changes_nothing(
    layout: Layout, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer holding the annotation file's lock (in .caseview/locks/) past the wait."""
    tag(capsys, layout.corpus, "first")
    before = (layout.corpus / f"{DOC}.annotations.json").read_bytes()
    monkeypatch.setattr(caseview.annotations.store, "LOCK_TIMEOUT_S", 0.3)
    lock = lock_path_for(layout.corpus / ".caseview", layout.corpus / f"{DOC}.annotations.json")
    with held_lock(lock):
        code, out, err = run_cli(capsys, "tag", str(layout.corpus), DOC, "--quote", QUOTE, "--tag", "second")
    assert code == EXIT_BUSY and out == "" and "nothing was changed" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert (layout.corpus / f"{DOC}.annotations.json").read_bytes() == before


def test_the_annotation_write_does_not_wait_on_re_indexing(layout: Layout) -> None:
    """With the index open and another process re-indexing, an annotation is written and returned
    at once; its re-indexing is put off and done by the next refresh (then the tag is searchable)."""
    workspace = Workspace.open(layout.corpus)
    with held_lock(workspace.derived_dir / "refresh.lock"):
        annotation = workspace.annotate_quote(DOC, QUOTE, tags=["deferred-tag"])
        assert [a.id for a in workspace.annotations(DOC)] == [annotation.id]
        assert workspace.corpus_index.deferred == {DOC}
        edited = workspace.edit_annotation(annotation.id, tags=["deferred-tag", "second"])
        assert edited.outcome == "applied"
    workspace.refresh()
    assert workspace.corpus_index.deferred == set()
    assert [hit.doc_id for hit in workspace.search("tag:second").hits] == [DOC]


def test_lock_files_live_in_the_derived_folder(layout: Layout, capsys: pytest.CaptureFixture[str]) -> None:
    """No ``*.lock`` beside the analyst's files (issue 13 point 7 asks this too)."""
    annotation_id = tag(capsys, layout.corpus)
    assert run_cli(capsys, "case", str(layout.corpus), "set", "--title", "Locks")[0] == 0
    assert run_cli(capsys, "annotation", str(layout.corpus), "edit", annotation_id, "--tag", "y")[0] == 0
    beside = [path.name for path in layout.corpus.rglob("*.lock") if ".caseview" not in path.parts]
    assert beside == []
    assert sorted(p.name.split(".")[0] for p in (layout.corpus / ".caseview" / "locks").iterdir()) == [
        "case",
        "caseview-audit",
        Path(DOC).stem,
    ]
