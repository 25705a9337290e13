"""The codebook screen (key 6) driven by keys: tags with counts, merge and undo, a passage opened in the reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from caseview.tui.app import CaseviewApp
from caseview.tui.screens.codebook import CodebookScreen
from caseview.tui.screens.main import MainScreen
from caseview.workspace import Workspace
from tests.tui.annotate_helpers import DOC_003, written_annotations
from tests.tui.tui_helpers import NARROW, WIDE, press, settle, stop_blinking, type_text, widget_text

WSJ = "002_029d7ec1a1d3b899.txt"


def tag_passages(corpus: Path) -> None:
    """Three tagged passages in two documents, written before the app starts."""
    workspace = Workspace.open(corpus)
    workspace.annotate_quote(WSJ, "supply chain risk designation", tags=["designation"], note="first use")
    workspace.annotate_quote(DOC_003, "get around Anthropic's supply chain risk designation", tags=["designation"])
    workspace.annotate_quote(DOC_003, "save face and bring em back in", tags=["access-expansion"])
    workspace.codebook.describe("designation", "The Pentagon's label on Anthropic")
    workspace.close()


async def open_codebook(pilot: Pilot) -> CodebookScreen:
    await settle(pilot)
    await press(pilot, "6")
    screen = pilot.app.screen
    assert isinstance(screen, CodebookScreen)
    await settle(pilot)
    return screen


async def test_codebook_lists_tags_with_counts_and_passages(app: CaseviewApp, seed_corpus: Path) -> None:
    """Key 6 opens the codebook: each tag with its count and description; the highlighted tag's passages."""
    tag_passages(seed_corpus)
    async with app.run_test(size=WIDE) as pilot:
        await open_codebook(pilot)
        tags = widget_text(app, "#codebook-tags")
        assert "designation 2 passages · 2 docs" in tags and "The Pentagon's label on Anthropic" in tags
        assert "access-expansion 1 passage · 1 doc" in tags
        passages = widget_text(app, "#codebook-passages")
        assert "supply chain risk designation" in passages and "note: first use" in passages
        await press(pilot, "j")  # to access-expansion: its passage replaces the list
        assert "save face and bring em back in" in widget_text(app, "#codebook-passages")


async def test_merge_from_the_codebook_changes_the_files_and_ctrl_z_undoes_it(
    app: CaseviewApp, seed_corpus: Path
) -> None:
    """m on "access-expansion", "desig" + enter: every annotation file says "designation"; ctrl+z undoes all."""
    tag_passages(seed_corpus)
    async with app.run_test(size=WIDE) as pilot:
        await open_codebook(pilot)
        await press(pilot, "j", "m")
        await type_text(pilot, "desig")
        await press(pilot, "enter")
        await settle(pilot)
        assert [w.tags for w in written_annotations(seed_corpus, DOC_003)] == [("designation",), ("designation",)]
        assert "designation 3 passages · 2 docs" in widget_text(app, "#codebook-tags")
        assert "access-expansion" not in widget_text(app, "#codebook-tags")
        await press(pilot, "ctrl+z")
        await settle(pilot)
        assert sorted(w.tags for w in written_annotations(seed_corpus, DOC_003)) == [
            ("access-expansion",),
            ("designation",),
        ]
        assert "access-expansion 1 passage" in widget_text(app, "#codebook-tags")


async def test_rename_from_the_codebook(app: CaseviewApp, seed_corpus: Path) -> None:
    """r, a new name, enter: the tag is renamed in both documents and keeps its description."""
    tag_passages(seed_corpus)
    async with app.run_test(size=WIDE) as pilot:
        await open_codebook(pilot)
        await press(pilot, "r", "end", "ctrl+u")  # the name is there to edit: clear it and retype
        await type_text(pilot, "scr")
        await press(pilot, "enter")
        await settle(pilot)
        assert [w.tags for w in written_annotations(seed_corpus, WSJ)] == [("scr",)]
        assert "scr 2 passages · 2 docs The Pentagon's label" in widget_text(app, "#codebook-tags")


async def test_enter_on_a_passage_opens_it_in_the_reader(app: CaseviewApp, seed_corpus: Path) -> None:
    """Enter on the tag, then on its second passage: the reader shows it, n/N through the tag's passages."""
    tag_passages(seed_corpus)
    async with app.run_test(size=WIDE) as pilot:
        await open_codebook(pilot)
        await press(pilot, "enter", "j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        pane = app.main_screen.reader
        assert pane.document_id == DOC_003
        assert pane.trail is not None and pane.trail.describe() == "passage 2 of 2 · tagged designation"
        assert "passage 2 of 2" in widget_text(app, "#pane-reader .reader-header")
        await press(pilot, "n")
        await settle(pilot)
        assert pane.document_id == WSJ


async def test_export_from_the_codebook_writes_markdown(app: CaseviewApp, seed_corpus: Path) -> None:
    """x, "md", enter: tag-designation.md is written into the corpus folder and the notice says where."""
    tag_passages(seed_corpus)
    async with app.run_test(size=WIDE) as pilot:
        await open_codebook(pilot)
        await press(pilot, "x")
        await type_text(pilot, "md")
        await press(pilot, "enter")
        await settle(pilot)
        text = (seed_corpus / "tag-designation.md").read_text(encoding="utf-8")
        assert text.startswith("# Tag: designation") and "note: first use".capitalize() in text


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_codebook_snapshot(snap_compare, app: CaseviewApp, seed_corpus: Path, size: tuple[int, int]) -> None:
    """The codebook: tags with colour swatch, counts and description; the first tag's passages with notes."""
    tag_passages(seed_corpus)

    async def run_before(pilot: Pilot) -> None:
        await open_codebook(pilot)
        stop_blinking(pilot.app)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)
