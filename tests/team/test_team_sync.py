"""Two analysts' folders kept in step through the team server, including while it is down.

Real folders (copies of the seeds), real annotation files written through the workspace, a real
PostgreSQL that the tests stop and start again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from caseview.annotations.store import AnnotationStore, sidecar_path
from caseview.corpus import read_document, scan_corpus
from caseview.team.annotations import DocumentKey, TeamAnnotations
from caseview.team.db import connect
from caseview.team.migrations import migrate
from caseview.team.notify import ChangeListener
from caseview.team.sync import TeamSync
from caseview.workspace import Workspace
from tests.team.conftest import TeamDatabase

CORPUS = "mythos"
SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"


def folder(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(SEEDS, target)
    return target


def key(root: Path, rel_path: str) -> DocumentKey:
    entry = next(entry for entry in scan_corpus(root).files if entry.doc_id == rel_path)
    return DocumentKey(rel_path, read_document(entry)[0].sha256)


def analyst(root: Path, team_db: TeamDatabase, role: str) -> tuple[Workspace, TeamSync]:
    workspace = Workspace(root)
    workspace.refresh()
    return workspace, TeamSync(root, team_db.url(role), CORPUS, AnnotationStore(root / ".caseview" / "quarantine"))


def tags_in(root: Path, rel_path: str) -> list[str]:
    content = AnnotationStore(root / "q").load(sidecar_path(root / rel_path), rel_path).content
    return sorted(tag for annotation in content.annotations for tag in annotation.tags)


@pytest.fixture
def team(team_db: TeamDatabase) -> TeamDatabase:
    with connect(team_db.url()) as owner:
        migrate(owner)
    return team_db


def test_a_tag_made_by_one_analyst_arrives_in_the_others_folder(team: TeamDatabase, tmp_path: Path) -> None:
    alice_ws, alice = analyst(folder(tmp_path, "alice"), team, "analyst_a")
    bob_ws, bob = analyst(folder(tmp_path, "bob"), team, "analyst_b")
    doc = sorted(d.id for d in alice_ws.documents())[3]
    listener = ChangeListener(team.url("analyst_b"), CORPUS)
    try:
        alice_ws.annotate_quote(doc, "Susie Wiles", tags=["people"])
        assert alice.local_change(key(alice_ws.root, doc)).message == "team: in sync"
        change = next(listener.changes(timeout=10))
    finally:
        listener.close()
    assert bob.receive(change.doc)
    assert tags_in(bob_ws.root, doc) == ["people"]


def test_changes_made_while_the_server_is_down_arrive_when_it_is_back(team: TeamDatabase, tmp_path: Path) -> None:
    alice_ws, alice = analyst(folder(tmp_path, "alice"), team, "analyst_a")
    docs = sorted(d.id for d in alice_ws.documents())
    alice.local_change(key(alice_ws.root, docs[0]))  # connected once
    team.cluster.stop()
    try:
        for doc, quote, tag in ((docs[0], "Mythos", "one"), (docs[1], "Anthropic", "two"), (docs[3], "Axios", "three")):
            alice_ws.annotate_quote(doc, quote, tags=[tag])
            status = alice.local_change(key(alice_ws.root, doc))
            assert not status.online and "kept locally" in status.message
        assert status.pending == 3
    finally:
        team.cluster.restart_after()
    # A new process (the app was killed meanwhile): the pending marks are on disk.
    restarted = TeamSync(alice_ws.root, team.url("analyst_a"), CORPUS, AnnotationStore(tmp_path / "q"))
    assert restarted.flush().message == "team: in sync"
    with connect(team.url("analyst_b")) as connection:
        server = TeamAnnotations(connection, CORPUS)
        assert sorted(tag for d in docs for a in server.load(d).annotations for tag in a.tags) == [
            "one",
            "three",
            "two",
        ]
        # Sent after the restart, each still names the text it belongs to (for copies at other paths).
        assert {d.rel_path: d.sha256 for d in server.documents()} == {
            d: key(alice_ws.root, d).sha256 for d in docs[:2] + docs[3:4]
        }


def test_deleting_another_analysts_annotation_is_refused_and_undone_locally(team: TeamDatabase, tmp_path: Path) -> None:
    alice_ws, alice = analyst(folder(tmp_path, "alice"), team, "analyst_a")
    bob_ws, bob = analyst(folder(tmp_path, "bob"), team, "analyst_b")
    doc = sorted(d.id for d in alice_ws.documents())[0]
    made = alice_ws.annotate_quote(doc, "Mythos", tags=["model"])
    alice.local_change(key(alice_ws.root, doc))
    bob.receive(doc)
    bob_ws.delete_annotation(made.id, base_rev=made.rev)
    assert tags_in(bob_ws.root, doc) == []
    bob.local_change(key(bob_ws.root, doc))
    assert "belongs to analyst_a" in bob.refused
    assert tags_in(bob_ws.root, doc) == ["model"], "the refused delete is undone in Bob's file"
    assert tags_in(alice_ws.root, doc) == ["model"]
