"""Undoing a merge the rules made on evidence (Scott Besant into Scott Bessent): one call, stored as an
entity correction (so it survives a reopen), itself undone by the session's undo."""

import re
from pathlib import Path

import pytest

from caseview.extract import CorrectionsError, load_corrections
from caseview.extract.corrections import corrections_path
from caseview.workspace import Workspace

BESSENT, BESANT = "person:scott-bessent", "person:scott-besant"


def _names(workspace: Workspace) -> dict[str, tuple[str, ...]]:
    return {e.id: e.aliases for e in workspace.entities() if e.id in (BESSENT, BESANT)}


def test_the_evidence_merge_carries_its_reason(prepared_seed_corpus: Path):
    """Guards the target "Besant/Bessent merged automatically with its reason" on the seeds."""
    workspace = Workspace.open(prepared_seed_corpus)
    try:
        entity = workspace.extraction().entity(BESSENT)
    finally:
        workspace.close()
    assert entity is not None and "Scott Besant" in entity.aliases and "evidence" in entity.merged_by
    (reason,) = entity.merge_reasons
    assert reason.alias == "Scott Besant" and reason.into == "Scott Bessent"
    assert reason.text == "same title and first name, similar surname, 3 shared co-mentions"


def test_unmerge_splits_the_name_off_and_survives_a_reopen(prepared_seed_corpus: Path):
    """Guards issue 14 point 2's undo: after `unmerge` the two are separate (no reason left on the
    kept entity), and a fresh workspace still sees them separate (stored as a split correction)."""
    workspace = Workspace.open(prepared_seed_corpus)
    try:
        correction = workspace.unmerge_entity(BESSENT)
        assert (correction.op, correction.value) == ("split", "Scott Besant")
        assert _names(workspace) == {BESSENT: ("Scott Bessent",), BESANT: ("Scott Besant",)}
        kept = workspace.extraction().entity(BESSENT)
        assert kept is not None and kept.merge_reasons == () and "evidence" not in kept.merged_by
    finally:
        workspace.close()
    stored = load_corrections(corrections_path(prepared_seed_corpus), prepared_seed_corpus / ".caseview" / "q")
    assert [(c.op, c.value) for c in stored] == [("split", "Scott Besant")]

    reopened = Workspace.open(prepared_seed_corpus)
    try:
        assert set(_names(reopened)) == {BESSENT, BESANT}
    finally:
        reopened.close()


def test_undo_of_an_unmerge_in_the_same_session_merges_again(prepared_seed_corpus: Path):
    """Guards that the unmerge is an ordinary undoable step (ctrl+z in the app)."""
    workspace = Workspace.open(prepared_seed_corpus)
    try:
        workspace.unmerge_entity(BESSENT, "scott besant")
        assert set(_names(workspace)) == {BESSENT, BESANT}
        assert workspace.undo() is not None
        assert set(_names(workspace)) == {BESSENT}
        assert workspace.extraction().entity(BESSENT).merge_reasons != ()
    finally:
        workspace.close()


def test_unmerge_of_an_entity_not_merged_on_evidence_is_a_one_line_refusal(prepared_seed_corpus: Path):
    """Guards the messages: nothing merged automatically, an unknown name, an unknown id."""
    workspace = Workspace.open(prepared_seed_corpus)
    try:
        with pytest.raises(CorrectionsError, match="was not merged automatically on evidence"):
            workspace.unmerge_entity("person:dario-amodei")
        with pytest.raises(CorrectionsError, match=re.escape("'Scott B.' was not merged into 'Scott Bessent'")):
            workspace.unmerge_entity(BESSENT, "Scott B.")
        with pytest.raises(CorrectionsError, match="no entity 'person:nobody'"):
            workspace.unmerge_entity("person:nobody")
    finally:
        workspace.close()
