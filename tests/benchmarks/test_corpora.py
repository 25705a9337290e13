"""Preparing benchmark corpora: whole speeches, paragraphs, and paragraphs repeated to a size."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from benchmarks.corpora import OUTLET, prepare, spec_for, split_paragraphs
from caseview.corpus import read_document, scan_corpus


def test_paragraphs_are_split_at_blank_lines_and_stripped() -> None:
    assert split_paragraphs("One.\n\n  Two.\n \n\nThree.\n") == ["One.", "Two.", "Three."]


def test_spec_names_a_repeated_corpus_by_thousands_or_count() -> None:
    assert spec_for("paragraphs-200k").target_docs == 200_000
    assert spec_for("paragraphs-12").target_docs == 12
    assert spec_for("speeches").kind == "speeches"


def test_an_unknown_corpus_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown corpus"):
        spec_for("tweets")


def test_speeches_corpus_has_one_file_per_speech_with_a_sidecar(tmp_path: Path, tiny_speeches) -> None:
    prepared = prepare(spec_for("speeches"), tmp_path, tiny_speeches)
    assert prepared.documents == 3
    sidecar = json.loads((prepared.root / "1941-Roosevelt-1.txt.meta.json").read_text("utf-8"))
    assert sidecar == {
        "title": "Franklin D. Roosevelt, State of the Union 1941",
        "outlet": OUTLET,
        "date": "1941-01-06",
        "url": "https://example.org/1941",
        "author": "Franklin D. Roosevelt",
    }


def test_caseview_reads_the_sidecar_date_of_a_paragraph(tmp_path: Path, tiny_speeches) -> None:
    prepared = prepare(spec_for("paragraphs"), tmp_path, tiny_speeches)
    entries = {entry.doc_id: entry for entry in scan_corpus(prepared.root).files}
    document, _ = read_document(entries["1941-Roosevelt-1/p0002.txt"])
    assert document.text == "Congress must act on health care and the economy."
    assert document.meta.published == date(1941, 1, 6)
    assert document.meta.title.endswith("¶2")


def test_paragraph_corpus_counts_every_paragraph(tmp_path: Path, tiny_speeches) -> None:
    prepared = prepare(spec_for("paragraphs"), tmp_path, tiny_speeches)
    assert prepared.documents == 3 + 3 + 2
    assert len(scan_corpus(prepared.root).files) == 8


def test_repeated_corpus_reaches_the_target_with_distinct_ids(tmp_path: Path, tiny_speeches) -> None:
    prepared = prepare(spec_for("paragraphs-20"), tmp_path, tiny_speeches)
    ids = [entry.doc_id for entry in scan_corpus(prepared.root).files]
    assert prepared.documents == 20
    assert len(ids) == len(set(ids)) == 20
    assert {doc_id.split("/")[0] for doc_id in ids} == {"r00", "r01", "r02"}


def test_a_prepared_corpus_is_reused_not_rewritten(tmp_path: Path, tiny_speeches) -> None:
    first = prepare(spec_for("speeches"), tmp_path, tiny_speeches)
    marker = first.root / "1862-Lincoln-1.txt"
    before = marker.stat().st_mtime_ns
    again = prepare(spec_for("speeches"), tmp_path, speeches=[])
    assert again == first
    assert marker.stat().st_mtime_ns == before
