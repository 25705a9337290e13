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


def _columns(tmp_path: Path, query: str, *params: object) -> list[tuple[object, ...]]:
    import sqlite3

    with sqlite3.connect(tmp_path / MANIFEST_NAME) as db:
        return db.execute(query, params).fetchall()


def test_hashes_are_stored_as_bytes_and_repeated_strings_once(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path, schema_version=2)
    long_url = "https://www.presidency.ucsb.edu/documents/first-annual-address-congress-0"
    entries = {f"p{n}.txt": _entry(size=n).model_copy(update={"url": long_url}) for n in range(3)}
    with manifest.transaction():
        for doc_id, entry in entries.items():
            manifest.put(doc_id, entry)
    assert _columns(tmp_path, "SELECT DISTINCT typeof(sha256), length(sha256) FROM documents") == [("blob", 32)]
    assert _columns(tmp_path, "SELECT count(*) FROM strings WHERE text = ?", long_url) == [(1,)]
    # The URL by reference; a short value and the columns a refresh compares inline.
    types = "SELECT DISTINCT typeof(url), typeof(format), typeof(extras_stamp) FROM documents"
    assert _columns(tmp_path, types) == [("integer", "text", "text")]
    assert {doc_id: manifest.get(doc_id) for doc_id in entries} == entries
    assert dict(manifest.entries()) == entries
    assert manifest.stat_keys() == {doc_id: (entry.size, 123, 4, "") for doc_id, entry in entries.items()}


def test_a_hash_not_in_hex_and_a_taken_string_number_read_back(tmp_path: Path) -> None:
    from caseview.search.manifest import _string_id

    manifest = Manifest(tmp_path, schema_version=2)
    with manifest.transaction():  # another text already holds the URL's number: the URL takes the next one
        manifest._db.execute("INSERT INTO strings VALUES (?, ?)", (_string_id("https://example.org"), "taken"))
        manifest.put("a.txt", _entry().model_copy(update={"sha256": "not-hex", "author": "Someone Else Entirely"}))
    assert manifest.get("a.txt") == _entry().model_copy(update={"sha256": "not-hex", "author": "Someone Else Entirely"})


def test_strings_of_a_rolled_back_transaction_are_written_again(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path, schema_version=2)
    entry = _entry().model_copy(update={"author": "A long author name"})
    with pytest.raises(RuntimeError), manifest.transaction():
        manifest.put("a.txt", entry)
        raise RuntimeError("indexing failed")
    with manifest.transaction():
        manifest.put("b.txt", entry)
    assert manifest.get("b.txt") == entry


def test_rows_of_the_layout_before_shared_strings_read_back(tmp_path: Path) -> None:
    """Rows written with every text inline and the hash in hex (the layout before) read as they were."""
    from caseview.search.manifest import _ENTRY_COLUMNS

    manifest = Manifest(tmp_path, schema_version=2)
    entry = _entry().model_copy(update={"author": "A long author name"})
    values = [getattr(entry, name) for name in _ENTRY_COLUMNS]
    row = ("a.txt", *(value.isoformat() if isinstance(value, date) else value for value in values))
    with manifest.transaction():
        manifest._db.execute(f"INSERT INTO documents VALUES ({', '.join('?' * len(row))})", row)
    assert manifest.get("a.txt") == entry
    assert dict(manifest.entries()) == {"a.txt": entry}


def test_stat_keys_of_prefixes_read_only_the_ids_that_start_with_them(tmp_path: Path) -> None:
    # A file watcher's refresh asks for one file's rows (and its attachments'), not the whole table.
    manifest = Manifest(tmp_path, schema_version=2)
    ids = ["a.txt", "a.txt.bak", "b.txt", "mail.eml", "mail.eml/report.pdf", "mail.eml/x/y.txt", "mail.emlx", "é.txt"]
    with manifest.transaction():
        for number, doc_id in enumerate(ids):
            manifest.put(doc_id, _entry(size=number))
        manifest.put_skipped("mail.eml/broken.pdf", SkippedEntry(size=1, mtime_ns=2, reason="damaged"))
        manifest.put_skipped("other.pdf", SkippedEntry(size=1, mtime_ns=2, reason="damaged"))
    assert set(manifest.stat_keys(["mail.eml"])) == {"mail.eml", "mail.eml/report.pdf", "mail.eml/x/y.txt", "mail.emlx"}
    assert set(manifest.stat_keys(["a.txt", "é.txt", "a.txt"])) == {"a.txt", "a.txt.bak", "é.txt"}
    assert manifest.stat_keys(["none.txt"]) == {} and manifest.stat_keys([]) == {}
    assert manifest.stat_keys(["b.txt"]) == {"b.txt": (2, 123, 4, "")}
    assert set(manifest.skipped_keys(["mail.eml"])) == {"mail.eml/broken.pdf"}
    assert set(manifest.stat_keys()) == set(ids) and set(manifest.skipped_keys()) == {
        "mail.eml/broken.pdf",
        "other.pdf",
    }
