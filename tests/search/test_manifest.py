"""The index manifest: rows written in transactions, read back as they were, rebuilt when damaged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from caseview.search.manifest import MANIFEST_NAME, Manifest, ManifestEntry, SkippedEntry


def _entry(size: int = 10, title: str = "A title") -> ManifestEntry:
    return ManifestEntry(
        size=size,
        mtime_ns=123,
        meta_mtime_ns=4,
        sha256="ab" * 32,
        format="txt",
        title=title,
        outlet="FT",
        published=date(2026, 4, 1),
        url="https://example.org",
        author="Someone",
        extras_key="[]",
    )


def test_an_entry_reads_back_as_written(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path, schema_version=2)
    with manifest.transaction():
        manifest.put("a.txt", _entry())
    assert manifest.get("a.txt") == _entry()
    assert manifest.stat_keys() == {"a.txt": (10, 123, 4, "")}
    assert "a.txt" in manifest and "b.txt" not in manifest


def test_entries_come_in_id_order_as_sorted_gives(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path, schema_version=2)
    ids = ["b.txt", "a/z.txt", "Z.txt", "é.txt", "a.txt", "a-b.txt"]
    with manifest.transaction():
        for doc_id in ids:
            manifest.put(doc_id, _entry())
    assert [doc_id for doc_id, _ in manifest.entries()] == sorted(ids)


def test_a_failed_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path, schema_version=2)
    with pytest.raises(RuntimeError), manifest.transaction():
        manifest.put("a.txt", _entry())
        raise RuntimeError("indexing failed")
    assert len(manifest) == 0


def test_committed_rows_survive_reopening(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path, schema_version=2)
    manifest.reset()
    with manifest.transaction():
        manifest.put("a.txt", _entry())
        manifest.put_skipped("bad.bin.txt", SkippedEntry(size=3, mtime_ns=9, reason="binary"))
    manifest.close()
    again = Manifest(tmp_path, schema_version=2)
    assert again.is_current()
    assert again.get("a.txt") == _entry()
    assert again.skipped_keys() == {"bad.bin.txt": SkippedEntry(size=3, mtime_ns=9, reason="binary")}


def test_a_manifest_of_another_schema_version_is_not_current(tmp_path: Path) -> None:
    Manifest(tmp_path, schema_version=1).reset()
    assert not Manifest(tmp_path, schema_version=2).is_current()


def test_a_damaged_manifest_is_replaced_by_an_empty_one(tmp_path: Path) -> None:
    (tmp_path / MANIFEST_NAME).write_bytes(b"this is not a database" * 100)
    manifest = Manifest(tmp_path, schema_version=2)
    assert not manifest.is_current()
    assert len(manifest) == 0


def test_a_manifest_with_other_columns_starts_afresh(tmp_path: Path) -> None:
    import sqlite3

    old = sqlite3.connect(tmp_path / MANIFEST_NAME)
    old.executescript(
        "CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO info VALUES ('schema_version', '2');"
        "CREATE TABLE documents (doc_id TEXT PRIMARY KEY, size) WITHOUT ROWID;"
        "INSERT INTO documents VALUES ('a.txt', 1);"
        "CREATE TABLE skipped (doc_id TEXT PRIMARY KEY, size, mtime_ns, reason) WITHOUT ROWID;"
    )
    old.commit()
    old.close()
    manifest = Manifest(tmp_path, schema_version=2)
    assert not manifest.is_current() and len(manifest) == 0
    with manifest.transaction():
        manifest.put("a.txt", _entry())
    assert manifest.get("a.txt") == _entry()
