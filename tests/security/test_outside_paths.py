"""The corpus jail for paths named by data and for links planted in the corpus (issue 12, point 1):
nothing outside the corpus folder is read, written, created or copied in, whatever the corpus says."""

from __future__ import annotations

import json
import os

import pytest

from caseview.annotations.errors import AnnotationError
from caseview.annotations.service import AnnotationService
from caseview.cli.common import EXIT_USAGE
from caseview.workspace import Workspace

from .conftest import DOC, QUOTE, Layout, outside_state, run_cli, sidecar_json, tag, write_sidecar


@pytest.mark.parametrize("outside_source", ["../outside/victim.txt", "ABSOLUTE"])
def test_an_annotation_targeting_outside_is_flagged_and_never_written(
    layout: Layout, capsys: pytest.CaptureFixture[str], outside_source: str
) -> None:
    """Editing or deleting an annotation whose target.source names ``../outside/victim.txt`` or an
    absolute path once created ``victim.txt.annotations.json`` and a lock outside the corpus; now
    check flags it, edit and delete refuse with one line, and nothing outside changes."""
    annotation_id = tag(capsys, layout.corpus)
    source = str(layout.victim) if outside_source == "ABSOLUTE" else outside_source
    data = sidecar_json(layout.corpus)
    data["first"]["items"][0]["target"]["source"] = "urn:caseview:doc:" + source  # type: ignore[index]
    sidecar = write_sidecar(layout.corpus, data)
    inside_before = sidecar.read_bytes()
    before = outside_state(layout.corpus.parent, layout.corpus)

    code, out, err = run_cli(capsys, "check", str(layout.corpus))
    assert code != 0
    assert "outside the corpus" in out + err and annotation_id in out + err
    for action in (["edit", annotation_id, "--tag", "changed"], ["delete", annotation_id]):
        code, _, err = run_cli(capsys, "annotation", str(layout.corpus), *action)
        assert code == EXIT_USAGE
        assert "outside the corpus" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1

    assert outside_state(layout.corpus.parent, layout.corpus) == before
    assert sidecar.read_bytes() == inside_before


def test_document_ids_that_climb_out_are_refused_by_the_api(layout: Layout) -> None:
    """The annotation API itself (no CLI) never derives a sidecar path outside the corpus."""
    service = AnnotationService(layout.corpus)
    before = outside_state(layout.corpus.parent, layout.corpus)
    for doc_id in ("../outside/victim.txt", str(layout.victim), "sub/../../outside/victim.txt"):
        with pytest.raises(AnnotationError, match=r"outside the corpus|absolute path|climbs out"):
            service.add_quote(doc_id, "never", tags=["x"])
        with pytest.raises(AnnotationError, match=r"outside the corpus|absolute path|climbs out"):
            service.sidecar(doc_id)
    assert outside_state(layout.corpus.parent, layout.corpus) == before


def test_an_audit_log_linked_outside_is_never_appended_to(layout: Layout, capsys: pytest.CaptureFixture[str]) -> None:
    """``caseview-audit.jsonl`` linked to a file outside was appended to; now the annotation is
    written (and reported written) and the link's target stays as it was."""
    (layout.corpus / "caseview-audit.jsonl").symlink_to(layout.victim)
    before = outside_state(layout.corpus.parent, layout.corpus)
    code, out, err = run_cli(capsys, "tag", str(layout.corpus), DOC, "--quote", QUOTE, "--tag", "kept")
    assert code == 0 and "urn:uuid:" in out and "Traceback" not in err
    assert [a["body"][0]["value"] for a in sidecar_json(layout.corpus)["first"]["items"]] == ["kept"]  # type: ignore[index]
    assert outside_state(layout.corpus.parent, layout.corpus) == before


def test_a_sidecar_linked_outside_is_not_read_and_quarantined_as_a_link(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    """A sidecar that is a link to a file outside (here one shaped like an annotation file, or
    /etc/passwd) is not listed, is named by check, and the quarantine copy is the link, not the file."""
    tag(capsys, layout.corpus, "real")
    real = layout.corpus / f"{DOC}.annotations.json"
    (layout.outside / "planted.annotations.json").write_bytes(real.read_bytes())
    real.unlink()
    real.symlink_to(layout.outside / "planted.annotations.json")
    (layout.corpus / "other.txt.annotations.json").symlink_to("/etc/passwd")
    before = outside_state(layout.corpus.parent, layout.corpus)

    code, out, err = run_cli(capsys, "annotations", str(layout.corpus), DOC)
    assert code != 0 and "real" not in out and "symbolic link" in err and "Traceback" not in err
    code, out, err = run_cli(capsys, "check", str(layout.corpus))
    assert code != 0 and "symbolic link" in out + err

    quarantine = layout.corpus / ".caseview" / "quarantine"
    copies = sorted(quarantine.iterdir())
    assert copies and all(copy.is_symlink() for copy in copies)
    assert {os.readlink(copy) for copy in copies} == {str(layout.outside / "planted.annotations.json"), "/etc/passwd"}
    assert b"root:" not in b"".join(
        p.read_bytes() for p in layout.corpus.rglob("*") if p.is_file() and not p.is_symlink()
    )
    assert outside_state(layout.corpus.parent, layout.corpus) == before


def test_a_case_file_linked_to_etc_passwd_is_not_copied_in(layout: Layout, capsys: pytest.CaptureFixture[str]) -> None:
    """``case.json`` → ``/etc/passwd`` was read and copied into the quarantine; now it is named,
    left alone, and the quarantine holds a link, not the file's content."""
    (layout.corpus / "case.json").symlink_to("/etc/passwd")
    code, out, err = run_cli(capsys, "check", str(layout.corpus))
    assert code != 0 and "case.json" in out + err and "symbolic link" in out + err
    code, _, err = run_cli(capsys, "case", str(layout.corpus), "show")
    assert code != 0 and "Traceback" not in err and "symbolic link" in err
    for path in (layout.corpus / ".caseview").rglob("*"):
        assert path.is_symlink() or not path.is_file() or b"root:" not in path.read_bytes()
    assert (layout.corpus / "case.json").is_symlink()


@pytest.mark.parametrize("lock_name", ["case.json", "caseview-audit.jsonl", f"{DOC}.annotations.json"])
def test_a_lock_file_linked_elsewhere_gives_one_line(
    layout: Layout, capsys: pytest.CaptureFixture[str], lock_name: str
) -> None:
    """A lock that is a link (here: to a file outside, which a truncating lock would empty) is
    refused with one line; the file it points to is untouched."""
    annotation_id = tag(capsys, layout.corpus, "first")
    workspace = Workspace(layout.corpus)
    from caseview.kernel.paths import lock_path_for

    lock = lock_path_for(workspace.derived_dir, layout.corpus / lock_name)
    lock.parent.mkdir(parents=True, exist_ok=True)
    if lock.exists():
        lock.unlink()
    lock.symlink_to(layout.victim)
    before = outside_state(layout.corpus.parent, layout.corpus)
    if lock_name == "case.json":
        code, _, err = run_cli(capsys, "case", str(layout.corpus), "set", "--title", "T")
        assert code != 0 and "symbolic link" in err
    elif lock_name == "caseview-audit.jsonl":  # the edit is written and said so; only the log line is not
        code, out, err = run_cli(capsys, "annotation", str(layout.corpus), "edit", annotation_id, "--tag", "second")
        assert code == 0 and "second" in out and "not logged" in err and "symbolic link" in err
        assert [a["body"][0]["value"] for a in sidecar_json(layout.corpus)["first"]["items"]] == ["second"]  # type: ignore[index]
    else:
        code, out, err = run_cli(capsys, "tag", str(layout.corpus), DOC, "--quote", QUOTE, "--tag", "second")
        assert code != 0 and "symbolic link" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) <= 2
    assert outside_state(layout.corpus.parent, layout.corpus) == before


def test_a_linked_derived_folder_is_refused_with_one_line(layout: Layout, capsys: pytest.CaptureFixture[str]) -> None:
    """A ``.caseview/`` that is a link to a folder outside was written into; now every command
    refuses the corpus in one line and writes nothing there."""
    (layout.corpus / ".caseview").symlink_to(layout.outside, target_is_directory=True)
    before = outside_state(layout.corpus.parent, layout.corpus)
    for argv in (["docs", str(layout.corpus)], ["tag", str(layout.corpus), DOC, "--quote", QUOTE, "--tag", "x"]):
        code, _, err = run_cli(capsys, *argv)
        assert code == EXIT_USAGE and ".caseview" in err and "symbolic link" in err
        assert len(err.strip().splitlines()) == 1
    assert outside_state(layout.corpus.parent, layout.corpus) == before
    assert not (layout.corpus / f"{DOC}.annotations.json").exists()


def test_a_deleted_documents_annotations_are_still_listed(layout: Layout, capsys: pytest.CaptureFixture[str]) -> None:
    """``caseview annotations CORPUS DOC`` for a document that was deleted refused it; its
    annotation file still names the annotations, so they are listed."""
    annotation_id = tag(capsys, layout.corpus, "orphan-to-be")
    (layout.corpus / DOC).unlink()
    code, out, err = run_cli(capsys, "annotations", str(layout.corpus), DOC)
    assert code == 0 and annotation_id in out and "orphan-to-be" in out, err
    code, out, _ = run_cli(capsys, "annotations", str(layout.corpus), DOC, "--json")
    assert [item["id"] for item in json.loads(out)] == [annotation_id]


def test_a_case_item_citing_outside_is_flagged_and_never_opened(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case item whose citation names ``../outside/victim.txt`` (hand-edited) is listed by check;
    showing the case does not open the file (nothing outside changes, its text is not shown)."""
    code, _, err = run_cli(capsys, "case", str(layout.corpus), "add", "passage", "--quote", QUOTE, "--", DOC)
    assert code == 0, err
    case = json.loads((layout.corpus / "case.json").read_text(encoding="utf-8"))
    case["items"][0]["citation"]["doc_id"] = "../outside/victim.txt"
    (layout.corpus / "case.json").write_text(json.dumps(case), encoding="utf-8")
    before = outside_state(layout.corpus.parent, layout.corpus)
    code, out, err = run_cli(capsys, "check", str(layout.corpus))
    assert code == 1 and "cites a document outside the corpus" in out + err
    code, out, err = run_cli(capsys, "case", str(layout.corpus), "show")
    assert "Traceback" not in err and "never to be touched" not in out
    assert outside_state(layout.corpus.parent, layout.corpus) == before
