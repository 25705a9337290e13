"""Undoing an entity correction takes it out of caseview-entities.json; redo puts it back in its place."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from caseview.extract import CorrectionsError, load_corrections
from caseview.extract.corrections import corrections_path, remove_correction
from caseview.workspace import Workspace


@pytest.fixture
def workspace(prepared_seed_corpus: Path) -> Iterator[Workspace]:
    opened = Workspace.open(prepared_seed_corpus)
    yield opened
    opened.close()


def _entity(workspace: Workspace, alias: str):
    return next(e for e in workspace.entities(include_hidden=True) if alias in e.aliases)


def _ops(workspace: Workspace) -> list[str]:
    return [c.op for c in load_corrections(corrections_path(workspace.root))]


def test_undoing_a_merge_separates_the_entities_again(workspace: Workspace) -> None:
    trump, administration = _entity(workspace, "Donald Trump"), _entity(workspace, "Trump administration")
    workspace.correct_entities("merge", [trump.id, administration.id])
    result = workspace.undo()
    assert result.message == "undid: merge 'Donald Trump' + 'Trump administration'"
    assert _entity(workspace, "Trump administration").id == administration.id and _ops(workspace) == []


def test_redo_applies_the_correction_again(workspace: Workspace) -> None:
    ft = _entity(workspace, "FT")
    workspace.correct_entities("hide", [ft.id])
    workspace.undo()
    assert not _entity(workspace, "FT").hidden
    workspace.redo()
    assert _entity(workspace, "FT").hidden


def test_redo_puts_the_correction_back_in_its_old_place(workspace: Workspace) -> None:
    ft = _entity(workspace, "FT")
    workspace.correct_entities("hide", [ft.id])
    workspace.correct_entities("rename", [ft.id], value="The FT")
    workspace.undo()
    workspace.undo()
    workspace.redo()
    workspace.redo()
    assert _ops(workspace) == ["hide", "rename"]


def test_undo_keeps_a_correction_another_window_made_meanwhile(
    workspace: Workspace, prepared_seed_corpus: Path
) -> None:
    ft = _entity(workspace, "FT")
    workspace.correct_entities("hide", [ft.id])
    other = Workspace.open(prepared_seed_corpus)
    other.correct_entities("rename", [ft.id], value="The FT")
    other.close()
    workspace.undo()
    assert _ops(workspace) == ["rename"] and _entity(workspace, "The FT").name == "The FT"


def test_undo_of_a_correction_already_taken_back_elsewhere_says_so(workspace: Workspace) -> None:
    ft = _entity(workspace, "FT")
    correction = workspace.correct_entities("hide", [ft.id])
    remove_correction(corrections_path(workspace.root), correction.id)
    assert workspace.undo().note == "it had already been taken back elsewhere"


def test_remove_correction_leaves_the_others_in_order(tmp_path: Path, workspace: Workspace) -> None:
    ft = _entity(workspace, "FT")
    first = workspace.correct_entities("hide", [ft.id])
    second = workspace.correct_entities("unhide", [ft.id])
    third = workspace.correct_entities("rename", [ft.id], value="The FT")
    withdrawn = remove_correction(corrections_path(workspace.root), second.id)
    assert withdrawn.correction is not None
    assert (withdrawn.correction.id, withdrawn.after_id) == (second.id, first.id)
    stored = json.loads(corrections_path(workspace.root).read_text("utf-8"))["corrections"]
    assert [c["id"] for c in stored] == [first.id, third.id]


def test_a_typo_in_an_id_is_refused_with_the_likely_id(workspace: Workspace) -> None:
    with pytest.raises(CorrectionsError, match="did you mean person:scott-bessent"):
        workspace.correct_entities("hide", ["person:scott-besent"])


def test_splitting_off_a_name_the_entity_never_has_is_refused(workspace: Workspace) -> None:
    trump = _entity(workspace, "Donald Trump")
    with pytest.raises(CorrectionsError, match="never mentioned as 'Ivanka'"):
        workspace.correct_entities("split", [trump.id], value="Ivanka")


def test_accepting_a_pair_that_is_not_suggested_is_refused(workspace: Workspace) -> None:
    ft, trump = _entity(workspace, "FT"), _entity(workspace, "Donald Trump")
    with pytest.raises(CorrectionsError, match="not a pending suggested merge"):
        workspace.correct_entities("accept", [ft.id, trump.id])
