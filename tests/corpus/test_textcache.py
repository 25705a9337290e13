"""The extracted-text cache: the same bytes give the same text, an unchanged file costs no extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.corpus import TextCache, entry_for, read_document, read_documents, scan_corpus
from caseview.corpus import extraction as extraction_module
from caseview.corpus.extraction import EXTRACTORS, Extractor
from caseview.corpus.formats import ExtractedText, ReadOptions
from tests.corpus.makers import make_eml, make_pdf


class CountingExtractors:
    """Wraps the real readers to count how often each format is really extracted."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: dict[str, int] = {}
        wrapped = {fmt: self._counting(fmt, extractor) for fmt, extractor in EXTRACTORS.items()}
        monkeypatch.setattr(extraction_module, "EXTRACTORS", wrapped)

    def _counting(self, fmt: str, extractor: Extractor) -> Extractor:
        def read(data: bytes, options: ReadOptions) -> ExtractedText:
            self.calls[fmt] = self.calls.get(fmt, 0) + 1
            return extractor.read(data, options)

        return Extractor(extractor.version, read)


def _read(root: Path, doc_id: str, cache: TextCache):
    entry = entry_for(root, doc_id)
    assert entry is not None
    return read_document(entry, cache)[0]


def test_an_unchanged_file_is_extracted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = CountingExtractors(monkeypatch)
    make_pdf(tmp_path / "a.pdf", [["Alpha page"], ["Beta page"]])
    cache = TextCache(tmp_path / ".caseview")
    first = _read(tmp_path, "a.pdf", cache)
    second = _read(tmp_path, "a.pdf", TextCache(tmp_path / ".caseview"))  # a new process, the same folder
    assert first == second and counter.calls == {"pdf": 1}
    (tmp_path / "a.pdf").touch()  # touched, not changed: same bytes, no extraction
    assert _read(tmp_path, "a.pdf", cache).text == first.text and counter.calls == {"pdf": 1}


def test_a_library_that_changes_its_output_changes_nothing_already_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_pdf(tmp_path / "a.pdf", [["Original wording"]])
    cache = TextCache(tmp_path / ".caseview")
    original = _read(tmp_path, "a.pdf", cache)
    upgraded = dict(EXTRACTORS)
    upgraded["pdf"] = Extractor(EXTRACTORS["pdf"].version, lambda data, options: ExtractedText(text="Reworded!"))
    monkeypatch.setattr(extraction_module, "EXTRACTORS", upgraded)
    assert _read(tmp_path, "a.pdf", cache).text == original.text
    # A new extractor version is a deliberate change: that one does re-extract.
    upgraded["pdf"] = Extractor("pdf-999", lambda data, options: ExtractedText(text="Reworded!"))
    assert _read(tmp_path, "a.pdf", cache).text == "Reworded!"


def test_a_changed_file_is_extracted_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = CountingExtractors(monkeypatch)
    cache = TextCache(tmp_path / ".caseview")
    make_pdf(tmp_path / "a.pdf", [["First version"]])
    assert "First version" in _read(tmp_path, "a.pdf", cache).text
    make_pdf(tmp_path / "a.pdf", [["Second version"]])
    assert "Second version" in _read(tmp_path, "a.pdf", cache).text and counter.calls == {"pdf": 2}


def test_a_containers_children_reread_from_the_cache_without_parsing_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter = CountingExtractors(monkeypatch)
    pdf = make_pdf(tmp_path / "made.pdf", [["Attached page"]]).read_bytes()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "mail.eml").write_bytes(make_eml("S", "Body", attachments=(("r.pdf", pdf, "application/pdf"),)))
    cache = TextCache(corpus / ".caseview")
    entry = scan_corpus(corpus).files[0]
    first = list(read_documents(entry, cache))
    assert counter.calls == {"eml": 1, "pdf": 1}
    assert list(read_documents(entry, cache)) == first
    assert _read(corpus, "mail.eml/r.pdf", cache).text == "Attached page"
    assert counter.calls == {"eml": 1, "pdf": 1}


def test_a_corrupt_cache_is_set_aside_and_rebuilt(tmp_path: Path) -> None:
    derived = tmp_path / ".caseview"
    derived.mkdir()
    (derived / "extracted.sqlite").write_bytes(b"this is not a database" * 100)
    make_pdf(tmp_path / "a.pdf", [["Still readable"]])
    assert "Still readable" in _read(tmp_path, "a.pdf", TextCache(derived)).text
    assert (derived / "extracted.sqlite.corrupt").exists()


def test_the_cache_travels_to_a_worker_process_and_its_records_are_shared(tmp_path: Path) -> None:
    import multiprocessing
    import pickle

    make_pdf(tmp_path / "a.pdf", [["Worker page"]])
    cache = TextCache(tmp_path / ".caseview")
    assert "Worker page" in _read(tmp_path, "a.pdf", cache).text  # this process has a connection open
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        text = pool.apply(_read_text_in_worker, (tmp_path, pickle.dumps(cache)))
    assert "Worker page" in text


def _read_text_in_worker(root: Path, pickled: bytes) -> str:
    import pickle

    return str(_read(root, "a.pdf", pickle.loads(pickled)).text)
