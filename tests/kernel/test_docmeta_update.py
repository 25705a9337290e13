"""`update_document_meta`: the sidecar is changed under its lock as it is *now*, so concurrent
writers in separate processes never lose each other's keys, and a damaged sidecar is never
overwritten."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from caseview.kernel.docmeta import UnreadableDocumentMeta, update_document_meta

WRITERS = 4
ROUNDS = 8


def _write_rounds(document: str, quarantine: str, key: str) -> None:
    for round_number in range(ROUNDS):

        def update(values: dict[str, object], round_number: int = round_number) -> dict[str, object]:
            return {**values, key: round_number, "date": f"2026-0{1 + round_number % 9}"}

        update_document_meta(Path(document), update, Path(quarantine))


def test_concurrent_writers_in_processes_keep_every_key(tmp_path: Path) -> None:
    """Guards the locked read-modify-write: four processes each set their own key eight times (and
    the date); at the end every key holds its last value and the file is one JSON object."""
    document = tmp_path / "report.txt"
    document.write_text("Text.\n", "utf-8")
    (tmp_path / "report.txt.meta.json").write_text(json.dumps({"title": "Kept"}), "utf-8")
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_write_rounds, args=(str(document), str(tmp_path / "q"), f"writer-{i}"))
        for i in range(WRITERS)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
        assert process.exitcode == 0
    stored = json.loads((tmp_path / "report.txt.meta.json").read_text("utf-8"))
    assert stored["title"] == "Kept"
    assert {f"writer-{i}": ROUNDS - 1 for i in range(WRITERS)}.items() <= stored.items()


def test_a_sidecar_that_is_not_an_object_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    """Guards quarantine: a JSON list is not a sidecar; the update never runs and nothing is written."""
    document = tmp_path / "report.txt"
    document.write_text("Text.\n", "utf-8")
    sidecar = tmp_path / "report.txt.meta.json"
    sidecar.write_text("[1, 2]", "utf-8")
    with pytest.raises(UnreadableDocumentMeta):
        update_document_meta(document, lambda values: {**values, "date": "2026"}, tmp_path / "q")
    assert sidecar.read_text("utf-8") == "[1, 2]"
    assert [p.read_text("utf-8") for p in (tmp_path / "q").iterdir()] == ["[1, 2]"]
