"""Edit beats delete (issue 12, point 7): an edit of an annotation that another window or process
deleted meanwhile was refused ("no annotation …") and lost; now it is kept, the annotation comes
back with the edit, and every reported outcome is true."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from caseview.annotations.errors import UnknownAnnotation
from caseview.annotations.service import AnnotationService

from .conftest import DOC, QUOTE, Layout, sidecar_json

ROOT = Path(__file__).resolve().parents[2]


def _live(corpus: Path) -> dict[str, list[str]]:
    """Live annotations on disk: id → tags."""
    items = sidecar_json(corpus)["first"]["items"]  # type: ignore[index]
    return {item["id"]: [b["value"] for b in item["body"] if b.get("purpose") == "tagging"] for item in items}


def test_an_edit_in_one_window_beats_a_delete_in_another(layout: Layout) -> None:
    """Two services on one folder (two windows): B reads, A deletes, B edits → kept, resurrected."""
    window_a, window_b = AnnotationService(layout.corpus), AnnotationService(layout.corpus)
    made = window_a.add_quote(DOC, QUOTE, tags=["first"])
    seen = window_b.list(DOC)[0]
    assert window_a.delete(made.id).outcome == "applied" and _live(layout.corpus) == {}
    result = window_b.edit(seen.id, tags=["edited-after-delete"], base_rev=seen.rev)
    assert result.outcome == "resurrected" and "edit beats a delete" in result.message
    assert _live(layout.corpus) == {made.id: ["edited-after-delete"]}
    assert [a.tags for a in window_a.list(DOC)] == [("edited-after-delete",)]
    assert "cv:tombstones" not in sidecar_json(layout.corpus)


def test_an_edit_that_starts_after_the_delete_says_so(layout: Layout) -> None:
    """A session that never read the annotation cannot edit it once deleted: refused, truthfully."""
    window_a = AnnotationService(layout.corpus)
    made = window_a.add_quote(DOC, QUOTE, tags=["first"])
    window_a.delete(made.id)
    with pytest.raises(UnknownAnnotation, match=r"was deleted by .* before this edit read it; nothing was changed"):
        AnnotationService(layout.corpus).edit(made.id, tags=["late"])
    assert _live(layout.corpus) == {}


_EDITOR = (
    "import sys\n"
    "from pathlib import Path\n"
    "from caseview.annotations.service import AnnotationService\n"
    "service = AnnotationService(Path(sys.argv[1]))\n"
    "seen = service.get(sys.argv[2])\n"
    "print('read', flush=True)\n"
    "sys.stdin.readline()\n"
    "result = service.edit(seen.id, tags=['from-the-other-process'], base_rev=seen.rev)\n"
    "print(result.outcome, flush=True)\n"
)


def test_an_edit_in_another_process_beats_a_delete_made_meanwhile(layout: Layout) -> None:
    """Two real processes: the editor reads, this process deletes, then the editor writes: kept."""
    made = AnnotationService(layout.corpus).add_quote(DOC, QUOTE, tags=["first"])
    editor = subprocess.Popen(
        [sys.executable, "-c", _EDITOR, str(layout.corpus), made.id],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert editor.stdout is not None and editor.stdin is not None
    assert editor.stdout.readline().strip() == "read"
    assert AnnotationService(layout.corpus).delete(made.id).outcome == "applied"
    editor.stdin.write("go\n")
    editor.stdin.flush()
    assert editor.stdout.readline().strip() == "resurrected"
    assert editor.wait(timeout=30) == 0
    assert _live(layout.corpus) == {made.id: ["from-the-other-process"]}


def _caseview(tmp_path: Path, *argv: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "xdg"), "CASEVIEW_TEAM_URL": ""}
    return subprocess.Popen(
        [sys.executable, "-m", "caseview", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


@pytest.mark.serial  # processes racing; timing-dependent by nature, the assertions are not
def test_racing_edit_and_delete_commands_report_only_the_truth(layout: Layout, tmp_path: Path) -> None:
    """``caseview annotation edit`` and ``… delete`` started together, several times: whatever the
    order, an edit reported done is on disk (or was deleted by a delete that saw it, i.e. came after
    it), and an edit refused left the annotation deleted."""
    service = AnnotationService(layout.corpus)
    for round_number in range(4):
        made = service.add_quote(DOC, QUOTE, tags=[f"round-{round_number}"])
        tag = f"edited-{round_number}"
        edit = _caseview(tmp_path, "annotation", str(layout.corpus), "edit", made.id, "--tag", tag, "--json")
        delete = _caseview(tmp_path, "annotation", str(layout.corpus), "delete", made.id)
        edit_out, edit_err = edit.communicate(timeout=120)
        _, delete_err = delete.communicate(timeout=120)
        assert "Traceback" not in edit_err + delete_err
        live = _live(layout.corpus)
        if edit.returncode == 0:
            edited = json.loads(edit_out)
            assert edited["id"] == made.id
            if made.id not in live:  # deleted after all: only by a delete that had seen the edit
                tombstones = {t["id"]: t["cv:rev"] for t in sidecar_json(layout.corpus)["cv:tombstones"]}  # type: ignore[union-attr]
                assert tombstones[made.id] == edited["cv:rev"], (edit_err, delete_err)
            else:
                assert live[made.id] == [tag], (edit_err, delete_err)  # reported done → kept
        else:
            assert "deleted" in edit_err and made.id not in live  # refused → truly deleted first
        if delete.returncode == 0 and "not deleted" in delete_err:
            assert made.id in live  # delete reported refused → the edit is there
