"""The compact positions format: exact round trips, Whoosh's own searcher reads it, hits are those of
Whoosh's ``Positions``, and an index of the previous schema version is rebuilt."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from whoosh import fields
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Frequency, Positions

from caseview.search.lean_writer import LeanSegmentWriter
from caseview.search.positions_format import (
    CompactPositions,
    pack_positions,
    position_count,
    positions_bytes,
    unpack_positions,
)
from caseview.search.query import make_parser
from caseview.search.schema import SCHEMA_VERSION, build_schema
from caseview.search.weight_format import WeightOnly
from caseview.workspace import Workspace

POSITION_LISTS = [
    [0],
    [1],
    [125],
    [126],
    [127],
    [128],
    [0, 1],
    [0, 1, 2, 3, 4],
    [3, 130, 131, 10_000, 2_000_000, 2_000_001],
    [5, 16_384, 16_385],
    [2**31, 2**40],
    list(range(0, 3000, 7)),
]

PHRASE_QUERIES = [
    '"supply chain risk"',
    '"the administration"',
    '"united states"~2',
    '"of the"',
    '"the the"',
    'title:"white house"',
    'exact:"supply risk"~3',
    '"a a a"',
    '"word word"',
    "government",
    "anthropic pentagon",
    "title:anthropic",
]


def test_positions_round_trip_through_the_integer_and_the_bytes() -> None:
    fmt = CompactPositions(field_boost=2.0)
    for positions in POSITION_LISTS:
        value = pack_positions(positions)
        assert value > 0  # a block drops falsy values
        encoded = fmt.encode(positions)
        assert encoded == positions_bytes(value) and encoded[-1] != 0
        assert int.from_bytes(encoded, "little") == value
        for stored in (value, encoded):
            assert unpack_positions(stored) == positions
            assert fmt.decode_positions(stored) == positions
            assert position_count(stored) == fmt.decode_frequency(stored) == len(positions)
            assert fmt.decode_weight(stored) == 2.0 * len(positions)
    assert pack_positions([126]) == 127 and pack_positions([0]) == 1  # one byte, one position: most postings
    assert fmt.combine([pack_positions([1, 5]), fmt.encode([2, 5])]) == fmt.encode([1, 2, 5])


def _previous_schema() -> fields.Schema:
    """caseview's schema as it was at version 3: Whoosh's own ``Positions`` for the positional fields,
    ``Frequency`` for ``body``, ``path`` stored."""
    schema = build_schema()
    for name in schema.names():
        field = schema[name]
        if isinstance(field.format, CompactPositions):
            field.format = Positions(field_boost=field.format.field_boost)
        elif isinstance(field.format, WeightOnly):
            field.format = Frequency(field_boost=field.format.field_boost)
    schema["path"].stored = True
    return schema


def _documents(seed_corpus: Path) -> list[dict[str, Any]]:
    texts = ["a " * 300 + "word " * 300, "the the the", "x" * 3000 + " the administration"]
    for article in sorted(seed_corpus.glob("*.txt")):
        text = article.read_text("utf-8")
        texts.append(text)
        texts.extend(part for part in text.split("\n") if part.strip())
    return [
        {
            "id": f"doc-{number:04d}.txt",
            "path": f"doc-{number:04d}.txt",
            "title": text.strip().split("\n")[0][:80],
            "outlet": ["The New York Times", "Reuters", ""][number % 3],
            "body": text,
            "exact": text,
        }
        for number, text in enumerate(texts)
    ]


def _every_weight(ix: Any) -> dict[tuple[str, bytes], list[tuple[int, float]]]:
    found = {}
    with ix.reader() as reader:
        for fieldname, term in reader.all_terms():
            matcher = reader.postings(fieldname, term)
            found[fieldname, term] = []
            while matcher.is_active():
                found[fieldname, term].append((matcher.id(), matcher.weight()))
                matcher.next()
    return found


def _every_position(ix: Any) -> dict[tuple[str, bytes], list[tuple[int, list[int]]]]:
    found = {}
    with ix.reader() as reader:
        for fieldname, term in reader.all_terms():
            if reader.schema[fieldname].format.supports("positions"):
                matcher = reader.postings(fieldname, term)
                found[fieldname, term] = list(matcher.items_as("positions"))
    return found


def test_whooshs_searcher_reads_the_format_as_it_read_whooshs_positions(seed_corpus: Path, tmp_path: Path) -> None:
    """Whoosh's writer with schema version 3 (Whoosh's ``Positions``, ``Frequency``) against the lean
    writer with the compact formats: the same positions and weights in every posting, and the same
    hits, order and scores from Whoosh's own searcher, phrase and near queries included."""
    documents = _documents(seed_corpus)
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old_ix = FileStorage(str(tmp_path / "old")).create_index(_previous_schema())
    new_ix = FileStorage(str(tmp_path / "new")).create_index(build_schema())
    old_writer, new_writer = old_ix.writer(), LeanSegmentWriter(new_ix)
    for document in documents:
        old_writer.add_document(**document)
        new_writer.add_document(**document)
    old_writer.commit()
    new_writer.commit()

    reopened = FileStorage(str(tmp_path / "new")).open_index()  # the format is unpickled from the TOC
    assert isinstance(reopened.schema["exact"].format, CompactPositions)
    old_positions, new_positions = _every_position(old_ix), _every_position(reopened)
    assert old_positions == new_positions and len(new_positions) > 1000
    assert _every_weight(old_ix) == _every_weight(reopened)  # body's too, with no value beside its weights
    assert not reopened.schema["body"].format.supports("frequency")  # which it could not decode

    parser = make_parser()
    with old_ix.searcher() as old, reopened.searcher() as new:
        for text in PHRASE_QUERIES:
            query = parser.parse(text)
            expected = [(hit.docnum, hit.score) for hit in old.search(query, limit=None)]
            assert [(hit.docnum, hit.score) for hit in new.search(query, limit=None)] == expected, text
            assert expected or text == '"the the"', text


def test_an_index_of_the_previous_schema_version_is_rebuilt(seed_corpus: Path) -> None:
    """A real version-3 index (Whoosh's ``Positions`` pickled in its TOC) is rebuilt on open, with one message."""
    workspace = Workspace.open(seed_corpus)
    folder = workspace.index.folder
    workspace.close()
    for path in folder.iterdir():
        path.unlink()
    old_ix = FileStorage(str(folder)).create_index(_previous_schema())
    writer = old_ix.writer()
    for document in _documents(seed_corpus)[:3]:
        writer.add_document(**document)
    writer.commit()
    (folder / "caseview-index.json").write_text(json.dumps({"schema_version": SCHEMA_VERSION - 1}), "utf-8")

    reopened = Workspace.open(seed_corpus)
    try:
        reason = reopened.last_report.rebuilt_reason
        assert reason is not None and "\n" not in reason
        assert f"schema {SCHEMA_VERSION - 1}, now {SCHEMA_VERSION}" in reason
        assert len(reopened.last_report.indexed) == 5
        assert isinstance(reopened.index.ix.schema["exact"].format, CompactPositions)
        assert reopened.search('"supply chain risk"').total > 0
    finally:
        reopened.close()
