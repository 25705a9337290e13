"""Snapshots: the reader with annotations in their tag colours, and the tag picker (120×40)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp
from caseview.workspace import Workspace
from tests.tui.annotate_helpers import DOC_003, open_at
from tests.tui.tui_helpers import WIDE, press, settle, stop_blinking, type_text


@pytest.fixture
def app(extracting_app: CaseviewApp) -> CaseviewApp:
    """The whole screen is in the picture: entities and events included."""
    return extracting_app


def annotate(corpus: Path) -> None:
    """Two tagged passages and a note, written before the app starts."""
    workspace = Workspace.open(corpus)
    workspace.annotate_quote(DOC_003, "get around Anthropic's supply chain risk designation", tags=["designation"])
    workspace.annotate_quote(DOC_003, "save face and bring em back in", tags=["access-expansion"])
    workspace.annotate_quote(DOC_003, "productive introductory meeting", note="who asked for it?")


async def ready(pilot: Pilot) -> None:
    await settle(pilot)
    stop_blinking(pilot.app)
    await pilot.pause()


def test_reader_with_annotations_in_tag_colours(snap_compare, app: CaseviewApp, seed_corpus: Path) -> None:
    """Article 003 with two tagged passages in their tag colours and a note underlined; the cursor on
    the first annotation (``]``), the header counting "✎ 3 annotations"."""
    annotate(seed_corpus)

    async def open_annotated(pilot: Pilot) -> None:
        await open_at(pilot, DOC_003, 0)
        await press(pilot, "right_square_bracket")
        await ready(pilot)

    assert snap_compare(app, terminal_size=WIDE, run_before=open_annotated)


def test_tag_picker_filters_the_corpus_tags(snap_compare, app: CaseviewApp, seed_corpus: Path) -> None:
    """The tag picker over the reader, "dsg" typed: only "designation" is listed, its letters marked."""
    annotate(seed_corpus)

    async def pick(pilot: Pilot) -> None:
        pane = await open_at(pilot, DOC_003, 0)
        pane.view.go_to_offset(pane.document.text.index("Why it matters"))
        await press(pilot, "s", "t")
        await type_text(pilot, "dsg")
        await ready(pilot)

    assert snap_compare(app, terminal_size=WIDE, run_before=pick)


def test_reader_with_a_selected_sentence(snap_compare, app: CaseviewApp) -> None:
    """Article 003 with the sentence at "Why it matters" selected by ``s``; t / a / c shown in the key bar."""

    async def select(pilot: Pilot) -> None:
        pane = await open_at(pilot, DOC_003, 0)
        pane.view.go_to_offset(pane.document.text.index("Why it matters"))
        await press(pilot, "s")
        await ready(pilot)

    assert snap_compare(app, terminal_size=WIDE, run_before=select)
