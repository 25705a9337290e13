"""One store discipline for the analyst's files: the shared JSON store and the metadata sidecar writer."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from caseview.kernel.docmeta import MetaChange, UnreadableDocumentMeta, meta_sidecar_path, write_document_meta
from caseview.kernel.jsonstore import JsonFile
from caseview.kernel.storeerrors import BusyStoredFile, NewerSchemaFile, UnreadableStoredFile
from caseview.workspace import UnknownDocument, Workspace

from .conftest import WSJ


class _Unreadable(UnreadableStoredFile):
    action = "use the test file"


class _Newer(NewerSchemaFile):
    pass


class _Busy(BusyStoredFile):
    pass


def _stored(path: Path, timeout: float = 5.0) -> JsonFile:
    return JsonFile(path, path.parent / "quarantine", _Unreadable, _Newer, _Busy, lock_timeout=timeout)


def test_an_unreadable_file_is_quarantined_and_named_with_its_reason(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(b'{"a": 1,,}')
    with pytest.raises(_Unreadable, match=r"store\.json: cannot be read: not valid JSON: .* line 1, column 9"):
        _stored(path).read_json()
    assert path.read_bytes() == b'{"a": 1,,}'
    assert [copy.read_bytes() for copy in (tmp_path / "quarantine").iterdir()] == [b'{"a": 1,,}']


def test_text_that_is_not_utf8_says_where(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    path.write_bytes(b'{"a": "\xff"}')
    with pytest.raises(_Unreadable, match=r"not UTF-8 text \(byte 7\)"):
        _stored(path).read_json()


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    with pytest.raises(_Newer, match="written by a newer caseview"):
        _stored(tmp_path / "store.json").refuse_newer(3, 2)
    _stored(tmp_path / "store.json").refuse_newer(2, 2)


def test_a_lock_held_by_another_process_makes_a_writer_give_up_clearly(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from caseview.kernel.locks import OwnedLock;"
            " lock = OwnedLock(Path(sys.argv[1]), 5); lock.acquire();"
            " print('locked', flush=True); sys.stdin.read()",
            str(_stored(path).lock_file),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(_Busy, match="another program has held its lock"), _stored(path, timeout=0.2).locked():
            pass
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    with _stored(path).locked():  # and the next writer is not blocked
        _stored(path).write_json({"written": True})
    assert json.loads(path.read_text("utf-8")) == {"written": True}


def test_a_locked_write_removes_what_a_killed_writer_left(tmp_path: Path) -> None:
    path = tmp_path / "store.json"
    leftover = tmp_path / ".store.json.abc123.tmp"
    leftover.write_text("half written", "utf-8")
    with _stored(path).locked():
        _stored(path).write_json({"a": 1})
    assert not leftover.exists() and path.stat().st_mode & 0o777 == 0o644


def test_document_meta_is_merged_keeping_unknown_keys(seed_corpus: Path) -> None:
    document = seed_corpus / WSJ
    sidecar = meta_sidecar_path(document)
    sidecar.write_text(json.dumps({"outlet": "WSJ", "desk": "tech"}), "utf-8")
    written = write_document_meta(document, MetaChange(published=date(2026, 4, 9)), seed_corpus / ".q")
    assert written == sidecar
    assert json.loads(sidecar.read_text("utf-8")) == {"outlet": "WSJ", "desk": "tech", "published": "2026-04-09"}


def test_document_meta_updates_the_date_key_the_corpus_reads(seed_corpus: Path) -> None:
    document = seed_corpus / WSJ
    short = document.with_name(document.stem + ".meta.json")  # the other name the corpus accepts
    document.with_name(document.name + ".meta.json").unlink()  # the seed's own sidecar: only the short one
    short.write_text(json.dumps({"date": "2020-01-01"}), "utf-8")
    write_document_meta(document, MetaChange(published=date(2026, 4, 9)), seed_corpus / ".q")
    assert json.loads(short.read_text("utf-8")) == {"date": "2026-04-09"}
    assert not document.with_name(document.name + ".meta.json").exists()


def test_an_unreadable_meta_sidecar_is_left_untouched(seed_corpus: Path) -> None:
    document = seed_corpus / WSJ
    sidecar = meta_sidecar_path(document)
    sidecar.write_text("[1, 2]", "utf-8")
    with pytest.raises(UnreadableDocumentMeta, match="expected a JSON object of metadata"):
        write_document_meta(document, MetaChange(published=date(2026, 4, 9)), seed_corpus / ".q")
    assert sidecar.read_text("utf-8") == "[1, 2]" and list((seed_corpus / ".q").iterdir())


def test_a_date_stored_through_the_workspace_is_the_document_s_after_a_refresh(workspace: Workspace) -> None:
    workspace.write_document_meta(WSJ, MetaChange(published=date(2026, 4, 9)))
    workspace.refresh()
    assert next(info.published for info in workspace.documents() if info.id == WSJ) == date(2026, 4, 9)
    with pytest.raises(UnknownDocument):
        workspace.write_document_meta("no-such.txt", MetaChange(published=date(2026, 4, 9)))
