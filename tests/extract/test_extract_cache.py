"""The extraction cache: once per document content, keyed by extractor version."""

import os

from caseview.extract import cache as cache_module
from caseview.extract import extract_corpus
from caseview.extract.cache import ExtractionCache
from tests.extract.extract_helpers import read_corpus, write_corpus


def cached_files(derived):
    return sorted(p.name for p in (derived / "extract").rglob("*.json"))


def test_each_document_is_cached_once_by_content(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": "Senator Orla Quenby spoke.", "b.txt": "The FT reported it."})
    derived = root / ".caseview"
    extract_corpus(read_corpus(root), derived)
    first = cached_files(derived)
    extract_corpus(read_corpus(root), derived)
    assert len(first) == 2 and cached_files(derived) == first


def test_a_cached_result_is_used_instead_of_extracting_again(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": "Senator Orla Quenby spoke."})
    derived = root / ".caseview"
    doc = read_corpus(root)[0]
    extract_corpus([doc], derived)
    cache = ExtractionCache(derived)
    path = cache.path_for(doc.sha256, doc.meta.published)
    stored = cache.get(doc.sha256, doc.meta.published)
    cache.put(doc.sha256, doc.meta.published, stored.model_copy(update={"mentions": ()}))
    assert extract_corpus([doc], derived).entities == ()
    assert path.exists()


def test_a_changed_document_is_extracted_again(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": "Senator Orla Quenby spoke."})
    derived = root / ".caseview"
    extract_corpus(read_corpus(root), derived)
    (root / "a.txt").write_text("Senator Ivo Brandt spoke.", "utf-8")
    extraction = extract_corpus(read_corpus(root), derived)
    assert [e.name for e in extraction.entities] == ["Ivo Brandt"]
    assert len(cached_files(derived)) == 2


def test_a_new_extractor_version_misses_the_cache(tmp_path, monkeypatch):
    root = write_corpus(tmp_path / "c", {"a.txt": "Senator Orla Quenby spoke."})
    derived = root / ".caseview"
    doc = read_corpus(root)[0]
    extract_corpus([doc], derived)
    assert ExtractionCache(derived).get(doc.sha256, None) is not None
    monkeypatch.setattr(cache_module, "extractor_version", lambda: "v999-test")
    assert ExtractionCache(derived).get(doc.sha256, None) is None


def test_a_damaged_cache_file_is_ignored(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": "Senator Orla Quenby spoke."})
    derived = root / ".caseview"
    doc = read_corpus(root)[0]
    extract_corpus([doc], derived)
    path = ExtractionCache(derived).path_for(doc.sha256, None)
    path.write_text("{broken", "utf-8")
    assert [e.name for e in extract_corpus([doc], derived).entities] == ["Orla Quenby"]
    assert os.path.getsize(path) > 10
