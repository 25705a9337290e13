"""A query is parsed once and travels down; each hit's text is loaded once and its snippets made once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from whoosh import query as wq

from caseview.corpus import Document, read_document, scan_corpus
from caseview.search import IndexExtras, ParsedQuery, QuerySyntaxError, SearchIndex, Span, parse_query
from caseview.search.field_terms import FieldTerms

TAGGED = "004_8f20206c802690a7.txt"
PASSAGE = "have been authorized to use"


def _documents(corpus: Path) -> dict[str, Document]:
    return {entry.doc_id: read_document(entry)[0] for entry in scan_corpus(corpus).files}


@pytest.fixture
def seeds_index(seed_corpus: Path, tmp_path: Path) -> Iterator[tuple[SearchIndex, dict[str, Document]]]:
    """A real index of the seeds, one of them tagged ``flagged`` (as the workspace would index its tags)."""
    documents = _documents(seed_corpus)
    index = SearchIndex(tmp_path / "index")
    index.open()
    index.update(
        [(doc, IndexExtras(tags=("flagged",) if doc_id == TAGGED else ())) for doc_id, doc in documents.items()]
    )
    yield index, documents
    index.close()


class _CountingSource:
    """Our callbacks for the index: document texts and tagged passages, counting each call per document."""

    def __init__(self, documents: dict[str, Document]) -> None:
        self.documents = documents
        self.loads: Counter[str] = Counter()
        self.asked: Counter[str] = Counter()
        self.texts_given: dict[str, str] = {}

    def load_text(self, doc_id: str) -> str | None:
        self.loads[doc_id] += 1
        return self.documents[doc_id].text

    def tagged_passages(self, doc_id: str, text: str) -> list[Span]:
        self.asked[doc_id] += 1
        self.texts_given[doc_id] = text
        start = text.find(PASSAGE) if doc_id == TAGGED else -1
        return [Span(start, start + len(PASSAGE))] if start != -1 else []


def test_each_hit_text_is_loaded_once_and_its_passages_asked_once(
    seeds_index: tuple[SearchIndex, dict[str, Document]],
) -> None:
    index, documents = seeds_index
    source = _CountingSource(documents)
    results = index.search(
        parse_query("tag:flagged OR mythos"), 20, source.load_text, extra_spans=source.tagged_passages
    )
    shown = [hit.doc_id for hit in results.hits]
    assert len(shown) == 5 and "tag" in results.hits[shown.index(TAGGED)].matched_fields
    assert source.loads == Counter(shown), "every hit's text loaded exactly once"
    assert source.asked == Counter(shown), "extra spans asked once per hit"
    assert source.texts_given == {doc_id: documents[doc_id].text for doc_id in shown}, "with the text loaded"
    tagged = results.hits[shown.index(TAGGED)]
    text = documents[TAGGED].text
    assert PASSAGE in [text[m.start : m.end] for m in tagged.matches]
    assert any(PASSAGE in snippet.text for snippet in tagged.snippets)


def test_extra_spans_are_not_asked_when_no_hit_matched_a_passage_field(
    seeds_index: tuple[SearchIndex, dict[str, Document]],
) -> None:
    index, documents = seeds_index
    source = _CountingSource(documents)
    results = index.search(parse_query("tag:other OR mythos"), 20, source.load_text, extra_spans=source.tagged_passages)
    assert results.hits and not source.asked
    assert source.loads == Counter(hit.doc_id for hit in results.hits)


def test_without_snippets_no_text_is_loaded(seeds_index: tuple[SearchIndex, dict[str, Document]]) -> None:
    index, documents = seeds_index
    source = _CountingSource(documents)
    results = index.search("tag:flagged", 20, source.load_text, with_snippets=False, extra_spans=source.tagged_passages)
    assert [hit.doc_id for hit in results.hits] == [TAGGED]
    assert not source.loads and not source.asked and not results.hits[0].snippets


def test_a_parsed_query_is_not_checked_or_parsed_again(seeds_index: tuple[SearchIndex, dict[str, Document]]) -> None:
    index, documents = seeds_index
    # Text no checker would let through, with a valid parsed form: only the parsed form is used.
    parsed = ParsedQuery(text="AND AND (", whoosh_query=wq.Term("body", "mytho"), field_terms=FieldTerms())
    results = index.search(parsed, 20, _CountingSource(documents).load_text)
    assert results.query == "AND AND (" and len(results.hits) == 5
    with pytest.raises(QuerySyntaxError):
        index.search("AND AND (", 20, _CountingSource(documents).load_text)


def test_parsing_finds_the_field_terms_and_keeps_the_column_exact_message() -> None:
    parsed = parse_query('entity:"Scott Bessent" OR tag:Flagged NOT note:contradicts mythos')
    assert parsed.field_terms == FieldTerms(entity=frozenset({"scott bessent"}), tag=frozenset({"flagged"}))
    assert parsed.needs_entities
    assert not parse_query("mythos").field_terms
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query("mythos OR")
    assert (caught.value.message, caught.value.column) == ("OR needs a search term on its right", 8)
