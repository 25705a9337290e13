"""Snapshots of annotated texts and the audit log: small stores that must not lie."""

from __future__ import annotations

from datetime import UTC, datetime

from caseview.annotations.audit import AuditEntry, AuditLog
from caseview.annotations.snapshots import SnapshotStore
from caseview.corpus import text_sha256


def test_a_snapshot_is_stored_once_under_its_hash(tmp_path):
    store = SnapshotStore(tmp_path / "snapshots")
    digest = store.save("the annotated text")
    assert digest == text_sha256("the annotated text")
    assert store.save("the annotated text") == digest and len(list((tmp_path / "snapshots").iterdir())) == 1
    assert store.load(digest) == "the annotated text"


def test_a_damaged_or_missing_snapshot_reads_as_none(tmp_path):
    store = SnapshotStore(tmp_path / "snapshots")
    digest = store.save("original")
    store.path_for(digest).write_text("tampered", encoding="utf-8")
    assert store.load(digest) is None
    assert store.load("0" * 64) is None


def test_the_audit_log_skips_a_line_cut_by_a_crash(tmp_path):
    log = AuditLog(tmp_path / "caseview-audit.jsonl")
    entry = AuditEntry(
        at=datetime(2026, 5, 1, tzinfo=UTC),
        who="Ann",
        action="add",
        doc_id="a.txt",
        annotation_id="urn:uuid:x",
        summary="tags: t",
    )
    log.append(entry)
    with open(log.path, "a", encoding="utf-8") as handle:
        handle.write('{"at": "2026-05-01T00:0')
    log.append(entry)
    assert log.read() == [entry, entry]
    assert "Ann" in entry.line() and "2026-05-01T00:00:00Z" in entry.line()
