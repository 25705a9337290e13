"""The extraction cache: once per document content, keyed by extractor version."""

import os
import sqlite3
import threading
import time

from caseview.extract import cache as cache_module
from caseview.extract import extract_corpus
from caseview.extract.cache import ExtractionCache
from caseview.extract.pipeline import extract_document
from tests.extract.extract_helpers import read_corpus, write_corpus


def cached_keys(derived):
    """The keys of every record in every version's cache file under ``derived``, read from the files."""
    keys = []
    for path in sorted((derived / "extract").glob("*/extractions.sqlite")):
        with sqlite3.connect(path) as db:
            keys += [row[0] for row in db.execute("SELECT key FROM extractions")]
        db.close()
    return sorted(keys)


def test_each_document_is_cached_once_by_content(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": "Senator Orla Quenby spoke.", "b.txt": "The FT reported it."})
    derived = root / ".caseview"
    extract_corpus(read_corpus(root), derived)
    first = cached_keys(derived)
    extract_corpus(read_corpus(root), derived)
    assert len(first) == 2 and cached_keys(derived) == first


def test_the_records_are_rows_of_one_file_not_a_file_each(tmp_path):
    """Guards the build's per-document cost: a first build of many documents creates one file."""
    root = write_corpus(tmp_path / "c", {f"d{n}.txt": f"Senator Orla Quenby{n} spoke." for n in range(5)})
    derived = root / ".caseview"
    extract_corpus(read_corpus(root), derived)
    assert len(cached_keys(derived)) == 5
    assert not list((derived / "extract").rglob("*.json"))


def test_a_cached_result_is_used_instead_of_extracting_again(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": "Senator Orla Quenby spoke."})
    derived = root / ".caseview"
    doc = read_corpus(root)[0]
    extract_corpus([doc], derived)
    cache = ExtractionCache(derived)
    stored = cache.get(doc.sha256, doc.meta.published)
    cache.put(doc.sha256, doc.meta.published, stored.model_copy(update={"mentions": ()}))
    cache.close()  # written with others, or when closed
    assert extract_corpus([doc], derived).entities == ()
    assert cache.path.exists()


def test_a_record_written_by_one_thread_is_read_by_another(tmp_path):
    """The workspace's refresh thread writes while the app's workers read: one cache, a connection each."""
    cache = ExtractionCache(tmp_path / ".caseview")
    extraction = extract_document("Senator Orla Quenby spoke.", None)
    writer = threading.Thread(target=cache.put, args=("abc", None, extraction))
    writer.start()
    writer.join()
    assert cache.get("abc", None) == extraction


def test_a_changed_document_is_extracted_again(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": "Senator Orla Quenby spoke."})
    derived = root / ".caseview"
    extract_corpus(read_corpus(root), derived)
    (root / "a.txt").write_text("Senator Ivo Brandt spoke.", "utf-8")
    extraction = extract_corpus(read_corpus(root), derived)
    assert [e.name for e in extraction.entities] == ["Ivo Brandt"]
    assert len(cached_keys(derived)) == 2


def test_a_new_extractor_version_misses_the_cache(tmp_path, monkeypatch):
    root = write_corpus(tmp_path / "c", {"a.txt": "Senator Orla Quenby spoke."})
    derived = root / ".caseview"
    doc = read_corpus(root)[0]
    extract_corpus([doc], derived)
    assert ExtractionCache(derived).get(doc.sha256, None) is not None
    monkeypatch.setattr(cache_module, "extractor_version", lambda: "v999-test")
    assert ExtractionCache(derived).get(doc.sha256, None) is None


def test_a_damaged_record_is_ignored_and_replaced(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": "Senator Orla Quenby spoke."})
    derived = root / ".caseview"
    doc = read_corpus(root)[0]
    extract_corpus([doc], derived)
    path = ExtractionCache(derived).path
    with sqlite3.connect(path) as db:
        db.execute("UPDATE extractions SET record = '{broken'")
    db.close()
    assert [e.name for e in extract_corpus([doc], derived).entities] == ["Orla Quenby"]
    assert ExtractionCache(derived).get(doc.sha256, None) is not None


def test_a_cache_file_that_is_not_a_database_is_set_aside_and_started_afresh(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": "Senator Orla Quenby spoke."})
    derived = root / ".caseview"
    doc = read_corpus(root)[0]
    path = ExtractionCache(derived).path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    assert [e.name for e in extract_corpus([doc], derived).entities] == ["Orla Quenby"]
    assert path.with_name(path.name + ".corrupt").exists()
    assert ExtractionCache(derived).get(doc.sha256, None) is not None


def test_a_cache_that_cannot_be_made_only_means_extracting_again(tmp_path):
    """The version's folder is a file (or cannot be written): extraction still answers, uncached."""
    root = write_corpus(tmp_path / "c", {"a.txt": "Senator Orla Quenby spoke."})
    derived = root / ".caseview"
    doc = read_corpus(root)[0]
    folder = ExtractionCache(derived).folder
    folder.parent.mkdir(parents=True)
    folder.write_text("not a folder", "utf-8")
    assert [e.name for e in extract_corpus([doc], derived).entities] == ["Orla Quenby"]
    assert ExtractionCache(derived).get(doc.sha256, None) is None


def test_records_are_written_in_batches_and_what_is_pending_is_read_and_written_at_close(tmp_path):
    """Guards the build's per-document cost: one transaction per batch of records, not per record."""
    cache = ExtractionCache(tmp_path / ".caseview")
    extraction = extract_document("Senator Orla Quenby spoke.", None)
    for number in range(cache_module.BATCH_RECORDS + 3):
        assert cache.put(f"sha{number}", None, extraction)
    assert len(cached_keys(tmp_path / ".caseview")) == cache_module.BATCH_RECORDS  # one batch written
    assert cache.get(f"sha{cache_module.BATCH_RECORDS + 2}", None) == extraction  # pending, still found
    cache.close()
    assert len(cached_keys(tmp_path / ".caseview")) == cache_module.BATCH_RECORDS + 3


def test_records_still_pending_when_the_process_ends_are_written(tmp_path):
    """``caseview index`` ends right after its build: the last, unfinished batch is written at exit."""
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path; from caseview.extract.cache import ExtractionCache;"
        "from caseview.extract.pipeline import extract_document;"
        "cache = ExtractionCache(Path(sys.argv[1]));"
        "cache.put('abc', None, extract_document('Senator Orla Quenby spoke.'))"
    )
    subprocess.run([sys.executable, "-c", script, str(tmp_path / ".caseview")], check=True)
    assert len(cached_keys(tmp_path / ".caseview")) == 1


def test_the_extractor_version_changes_with_its_code_not_only_its_data():
    """A rule changed in a module (and nobody bumping EXTRACTOR_LOGIC_VERSION) must miss old records."""
    from caseview.extract.lexicon import extraction_inputs, fingerprint

    inputs = extraction_inputs()
    names = [name for name, _ in inputs]
    assert {"events.py", "entities.py", "evidence.py", "data/cues.json"} <= set(names)
    events = names.index("events.py")
    edited = [*inputs[:events], ("events.py", inputs[events][1] + b"\n# a changed rule\n"), *inputs[events + 1 :]]
    assert fingerprint(edited) != fingerprint(inputs)


def test_an_old_versions_records_are_deleted_once_a_week_untouched(tmp_path):
    derived = tmp_path / ".caseview"
    stale = derived / "extract" / "v1-000000000000"
    recent = derived / "extract" / "v1-111111111111"
    for folder in (stale, recent):
        folder.mkdir(parents=True)
        (folder / "extractions.sqlite").write_bytes(b"")
    month_ago = time.time() - 30 * 24 * 3600
    os.utime(stale / "extractions.sqlite", (month_ago, month_ago))
    ExtractionCache(derived)
    assert not stale.exists() and recent.exists()
