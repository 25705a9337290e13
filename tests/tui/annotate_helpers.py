"""Helpers for the annotating tests: open a document at a place, read what was written beside it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp
from caseview.tui.widgets.panes.reader import ReaderPane
from tests.tui.tui_helpers import press, settle, type_text

DOC_003 = "003_dcac92be05b45050.txt"


@dataclass(frozen=True)
class Written:
    """One annotation as its file beside the document holds it."""

    tags: tuple[str, ...]
    note: str | None
    exact: str
    start: int
    end: int


def written_annotations(corpus: Path, doc_id: str) -> list[Written]:
    """The annotations in ``<doc>.annotations.json`` (the W3C file), read straight from disk."""
    path = corpus / f"{doc_id}.annotations.json"
    if not path.exists():
        return []
    found = []
    for item in json.loads(path.read_text(encoding="utf-8"))["first"]["items"]:
        bodies = item.get("body", [])
        quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        position = next(s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector")
        found.append(
            Written(
                tags=tuple(b["value"] for b in bodies if b.get("purpose") == "tagging"),
                note=next((b["value"] for b in bodies if b.get("purpose") == "commenting"), None),
                exact=quote["exact"],
                start=position["start"],
                end=position["end"],
            )
        )
    return found


def case_items(corpus: Path) -> list[dict]:
    path = corpus / "case.json"
    return json.loads(path.read_text(encoding="utf-8"))["items"] if path.exists() else []


def reader(app: CaseviewApp) -> ReaderPane:
    return app.main_screen.reader


async def open_at(pilot: Pilot, doc_id: str, offset: int) -> ReaderPane:
    """Open ``doc_id`` in the reader with the cursor at ``offset``."""
    app = pilot.app
    await settle(pilot)
    app.main_screen.reader.open(doc_id, None)
    await settle(pilot)
    pane = reader(app)
    pane.view.go_to_offset(offset)
    await pilot.pause()
    return pane


async def open_hit_in_003(pilot: Pilot) -> ReaderPane:
    """Search "supply chain risk" and open the result for 003 at its first hit."""
    await settle(pilot)
    await press(pilot, "slash")
    await type_text(pilot, "supply chain risk")
    await press(pilot, "enter")
    pilot.app.main_screen.sources.primary().highlight(DOC_003)
    await press(pilot, "enter")
    pane = reader(pilot.app)
    assert pane.document_id == DOC_003
    return pane


async def tag_selection(pilot: Pilot, tag: str) -> None:
    await press(pilot, "t")
    await type_text(pilot, tag)
    await press(pilot, "enter")
