"""The adapter from the corpus's documents to what provenance analysis reads."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from caseview.corpus import read_document, scan_corpus
from caseview.provenance import analyse_provenance, source_texts


def test_documents_become_source_texts_with_their_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Port strike\n\nAccording to Reuters, the port reopened.\n", encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(
        json.dumps({"title": "Port strike ends", "outlet": "Harbour Weekly", "date": "2026-03-02"}), encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("No metadata here\n\nJust a text.\n", encoding="utf-8")
    documents = [read_document(entry)[0] for entry in scan_corpus(tmp_path).files]
    first, second = source_texts(documents)
    assert (first.doc_id, first.outlet, first.published, first.title) == (
        "a.txt",
        "Harbour Weekly",
        date(2026, 3, 2),
        "Port strike ends",
    )
    assert first.text == documents[0].text and second.doc_id == "b.txt" and second.outlet is None
    cited = analyse_provenance([first, second]).document("a.txt")
    assert cited is not None and cited.relayed_outlets == ("Reuters",)
