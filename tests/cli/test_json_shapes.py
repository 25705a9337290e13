"""The ``--json`` shapes the README documents for check, case and the case actions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.cli import main

DOC = "001_c0973cc29b59132c.txt"
QUOTE = "explicitly opposed expanding"
ITEM_KEYS = {"number", "id", "kind", "section", "flags", "record"}


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    main(list(argv))
    return json.loads(capsys.readouterr().out)


def test_check_json(seed_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["tag", str(seed_corpus), DOC, "--quote", QUOTE, "--tag", "t"])
    capsys.readouterr()
    document = seed_corpus / DOC
    document.write_text("A new first line.\n" + document.read_text())
    report = _json(capsys, "check", str(seed_corpus), "--json")
    assert isinstance(report, dict)
    assert set(report) == {"checked", "anchored", "moved", "review", "problems", "needs_attention", "documents"}
    (moved,) = report["moved"]
    assert set(moved) == {"id", "doc_id", "status", "score", "start", "end", "quote", "tags", "conflicts"}
    assert (moved["status"], moved["quote"], moved["tags"]) == ("moved", QUOTE, ["t"])
    assert document.read_text()[moved["start"] : moved["end"]] == QUOTE


def test_case_json_shapes(seed_corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = str(seed_corpus)
    added = _json(capsys, "case", corpus, "add", "passage", DOC, "--quote", QUOTE, "--json")
    assert isinstance(added, dict) and set(added) == {"case", "message", "item"}
    assert set(added["item"]) == ITEM_KEYS | {"tags", "annotation_note", "citation"}
    assert set(added["item"]["citation"]) == {"doc_id", "title", "outlet", "published", "start", "end", "page"}
    note = _json(capsys, "case", corpus, "add", "note", "hello", "--json")
    assert isinstance(note, dict) and set(note["item"]) == ITEM_KEYS  # passage-only keys only on passages
    shown = _json(capsys, "case", corpus, "show", "--json")
    assert isinstance(shown, dict)
    keys = {"path", "name", "read_only", "title", "summary", "questions", "sections", "links", "sources"}
    assert set(shown) == keys
    assert [item["kind"] for item in shown["sections"][0]["items"]] == ["passage", "note"]
    assert set(shown["sources"][0]) == {"doc_id", "title", "author", "outlet", "published", "missing"}
    assert _json(capsys, "case", corpus, "list", "--json") == [{"name": None, "file": "case.json"}]
