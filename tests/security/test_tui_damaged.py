"""The app on damaged corpora (issue 12, point 8): it crashed on 3 of 9; now it opens every one,
says once what cannot be read, and shows the rest. And an annotation made while another process
re-indexes is written and reported as made (the app said "Not annotated", inviting a duplicate)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from caseview.tui.app import make_app
from tests.tui.annotate_helpers import DOC_003, open_hit_in_003, tag_selection, written_annotations
from tests.tui.tui_helpers import LEAN, WIDE, press, screen_text, settle

from .conftest import held_lock

OTHER = "000_465b9804960b177b.txt"


def _damage(corpus: Path, what: str) -> str:
    """Damage the corpus; the name the app must show in its notice."""
    if what == "tombstones-a-number":
        (corpus / f"{OTHER}.annotations.json").write_text(
            '{"cv:schemaVersion": 1, "type": "AnnotationCollection", "cv:tombstones": 7}', encoding="utf-8"
        )
        return f"{OTHER}.annotations.json"
    if what == "sidecar-nested-deep":
        (corpus / f"{OTHER}.annotations.json").write_bytes(b'{"cv:schemaVersion": 1, "a": ' + b"[" * 100_000 + b"}")
        return f"{OTHER}.annotations.json"
    if what == "sidecar-linked-to-passwd":
        (corpus / f"{OTHER}.annotations.json").symlink_to("/etc/passwd")
        return f"{OTHER}.annotations.json"
    if what == "case-a-fifo":
        os.mkfifo(corpus / "case.json")
        return "case.json"
    if what == "case-a-string":
        (corpus / "case.json").write_text('"a case"', encoding="utf-8")
        return "case.json"
    if what == "corrections-a-number":
        (corpus / "caseview-entities.json").write_text('{"corrections": 5}', encoding="utf-8")
        return "caseview-entities.json"
    if what == "index-a-file":
        shutil.rmtree(corpus / ".caseview" / "index")
        (corpus / ".caseview" / "index").write_text("not an index", encoding="utf-8")
        return "index was a file"
    if what == "document-a-fifo":
        os.mkfifo(corpus / "pipe.txt")
        return "pipe.txt"
    raise AssertionError(what)


@pytest.mark.parametrize(
    "what",
    [
        "tombstones-a-number",
        "sidecar-nested-deep",
        "sidecar-linked-to-passwd",
        "case-a-fifo",
        "case-a-string",
        "corrections-a-number",
        "index-a-file",
        "document-a-fifo",
    ],
)
async def test_the_app_opens_a_damaged_corpus_and_names_the_problem(prepared_seed_corpus: Path, what: str) -> None:
    """The app starts, lists the five documents, names the damaged file in a notice, and a
    document still opens in the reader."""
    named = _damage(prepared_seed_corpus, what)
    app = make_app(prepared_seed_corpus, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        notices = [f"{n.title}: {n.message}" for n in app._notifications]
        assert any(named in notice for notice in notices), notices
        assert "5 docs" in screen_text(app)
        pane = await open_hit_in_003(pilot)
        assert pane.document_id == DOC_003 and pane.document.text
        await press(pilot, "s")
        assert pane.view.selected_span() is not None
    assert app.return_code in (None, 0)


async def test_tagging_while_another_process_re_indexes_is_reported_as_made(prepared_seed_corpus: Path) -> None:
    """The tag is on disk and the app does not say "Not annotated" (so no retry makes a duplicate)."""
    app = make_app(prepared_seed_corpus, settings=LEAN)
    async with app.run_test(size=WIDE) as pilot:
        pane = await open_hit_in_003(pilot)
        await press(pilot, "s")
        with held_lock(prepared_seed_corpus / ".caseview" / "refresh.lock"):
            await tag_selection(pilot, "while-busy")
            await settle(pilot)
            [written] = written_annotations(prepared_seed_corpus, DOC_003)
            assert written.tags == ("while-busy",)
            assert not [n for n in app._notifications if "Not annotated" in (n.title or "")]
            assert [a.tags for a in pane.workspace.annotations(DOC_003)] == [("while-busy",)]
