"""The team server: schema, push and pull, merge rules, row-level security, notifications.

Against a real PostgreSQL (a throwaway server the fixtures start); skipped with instructions when
PostgreSQL is not installed.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from caseview.annotations.merge import Delete, Put
from caseview.annotations.store import AnnotationStore, sidecar_path
from caseview.corpus import read_document, scan_corpus
from caseview.team.annotations import DocumentKey, TeamAnnotations, TeamPermissionError
from caseview.team.db import connect
from caseview.team.migrations import SCHEMA_VERSION, NewerTeamSchema, check_schema, migrate
from caseview.team.notify import ChangeListener
from caseview.workspace import Workspace
from tests.team.conftest import TeamDatabase

CORPUS = "mythos"


def documents_of(root: Path) -> dict[str, str]:
    found = {}
    for entry in scan_corpus(root).files:
        document, _ = read_document(entry)
        found[document.id] = document.sha256
    return found


def keys(root: Path) -> list[DocumentKey]:
    return [DocumentKey(rel_path, sha) for rel_path, sha in sorted(documents_of(root).items())]


def initialised(team_db: TeamDatabase) -> TeamDatabase:
    with connect(team_db.url()) as owner:
        migrate(owner)
    return team_db


def annotate(root: Path) -> dict[str, bytes]:
    """A few annotations made through the workspace, as an analyst would; the sidecars' bytes."""
    workspace = Workspace(root)
    workspace.refresh()
    docs = sorted(documents_of(root))
    workspace.annotate_quote(docs[0], "Mythos", tags=["model"], note="first mention")
    workspace.annotate_quote(docs[3], "supply chain risk designation", tags=["designation"])
    third = workspace.annotate_quote(docs[3], "Susie Wiles", tags=["people"])
    workspace.delete_annotation(third.id, base_rev=third.rev)
    return {path.name: path.read_bytes() for path in sorted(root.glob("*.annotations.json"))}


def test_init_creates_the_schema_once_and_refuses_a_newer_one(team_db: TeamDatabase) -> None:
    with connect(team_db.url()) as owner:
        first, second = migrate(owner), migrate(owner)
        assert (first.before, first.after) == (0, SCHEMA_VERSION)
        assert second.message == f"team schema is up to date (version {SCHEMA_VERSION})"
        check_schema(owner)
        owner.execute("INSERT INTO caseview_schema (version, description) VALUES (99, 'from the future')")
        owner.commit()
        with pytest.raises(NewerTeamSchema, match="newer than this caseview knows"):
            migrate(owner)
        with pytest.raises(NewerTeamSchema):
            check_schema(owner)


def test_push_then_pull_gives_the_same_bytes(team_db: TeamDatabase, seed_copy: Path) -> None:
    initialised(team_db)
    written = annotate(seed_copy)
    assert written
    with connect(team_db.url("analyst_a")) as connection:
        team = TeamAnnotations(connection, CORPUS)
        report = team.push(seed_copy, keys(seed_copy), AnnotationStore(seed_copy / ".caseview" / "quarantine"))
        assert report.documents == len(written) and not report.skipped
        for name in written:
            (seed_copy / name).unlink()
        pulled = team.pull(seed_copy, documents_of(seed_copy))
    assert sorted(pulled.written) == sorted(name.removesuffix(".annotations.json") for name in written)
    assert {path.name: path.read_bytes() for path in seed_copy.glob("*.annotations.json")} == written


def test_an_analyst_whose_copy_lives_elsewhere_gets_the_work_by_content_hash(
    team_db: TeamDatabase, seed_copy: Path, tmp_path: Path
) -> None:
    initialised(team_db)
    written = annotate(seed_copy)
    other = tmp_path / "elsewhere" / "my-copy"
    other.mkdir(parents=True)
    renamed = {}
    for path in sorted(seed_copy.glob("*.txt")):
        target = other / ("renamed-" + path.name)
        target.write_bytes(path.read_bytes())
        renamed[path.name] = target.name
    with connect(team_db.url("analyst_a")) as connection:
        TeamAnnotations(connection, CORPUS).push(seed_copy, keys(seed_copy), AnnotationStore(tmp_path / "q"))
    with connect(team_db.url("analyst_b")) as connection:
        pulled = TeamAnnotations(connection, CORPUS).pull(other, documents_of(other))
    assert not pulled.unmatched
    for name in written:
        doc = name.removesuffix(".annotations.json")
        arrived = sidecar_path(other / renamed[doc]).read_text("utf-8")
        assert f"caseview annotations on {renamed[doc]}" in arrived  # written for this copy's path


def _change_as(team_db: TeamDatabase, user: str, root: Path) -> TeamAnnotations:
    return TeamAnnotations(connect(team_db.url(user)), CORPUS)


def test_one_analyst_cannot_change_or_delete_anothers_annotation(team_db: TeamDatabase, seed_copy: Path) -> None:
    initialised(team_db)
    annotate(seed_copy)
    mine = _change_as(team_db, "analyst_a", seed_copy)
    mine.push(seed_copy, keys(seed_copy), AnnotationStore(seed_copy / "q"))
    document = next(key for key in keys(seed_copy) if mine.load(key.rel_path).annotations)
    annotation = mine.load(document.rel_path).annotations[0]
    theirs = _change_as(team_db, "analyst_b", seed_copy)
    with pytest.raises(TeamPermissionError, match="belongs to analyst_a"):
        theirs.apply(document, [Delete(annotation.id, annotation.rev, by="analyst_b", at=datetime.now(UTC))])
    with pytest.raises(TeamPermissionError):
        theirs.apply(document, [Put(annotation.revised(note="overwritten"), base_rev=annotation.rev)])
    # Behind the code, the server itself refuses: raw SQL changes nothing.
    deleted = theirs.connection.execute("DELETE FROM team_annotations WHERE annotation_id = %s", (annotation.id,))
    assert deleted.rowcount == 0
    theirs.connection.commit()
    assert mine.load(document.rel_path).get(annotation.id) == annotation
    # …and the audit log is append-only for analysts.
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        theirs.connection.execute("DELETE FROM team_audit")
    theirs.connection.rollback()


def test_merge_rules_hold_on_the_server(team_db: TeamDatabase, seed_copy: Path) -> None:
    initialised(team_db)
    annotate(seed_copy)
    first = _change_as(team_db, "analyst_a", seed_copy)
    first.push(seed_copy, keys(seed_copy), AnnotationStore(seed_copy / "q"))
    document = next(key for key in keys(seed_copy) if first.load(key.rel_path).annotations)
    original = first.load(document.rel_path).annotations[0]
    # Two windows of one analyst: one edits, the other deletes the version it saw → the edit wins.
    edited = original.revised(note="edited in window one")
    first.apply(document, [Put(edited, base_rev=original.rev)])
    outcomes = first.apply(document, [Delete(original.id, original.rev, by="a", at=datetime.now(UTC))])
    assert outcomes[0].kind == "kept-edit"
    # Two edits of the same version keep both.
    other_edit = original.revised(note="edited in window two")
    outcomes = first.apply(document, [Put(other_edit, base_rev=original.rev)])
    assert outcomes[0].kind == "conflict"
    content = first.load(document.rel_path)
    assert {version.note for version in content.get(original.id).conflicts} == {"edited in window one"}


def test_a_change_reaches_another_analysts_listener_within_a_second(team_db: TeamDatabase, seed_copy: Path) -> None:
    initialised(team_db)
    annotate(seed_copy)
    listener = ChangeListener(team_db.url("analyst_b"), CORPUS)
    heard = []
    try:
        writer = _change_as(team_db, "analyst_a", seed_copy)
        started = time.monotonic()
        thread = threading.Thread(
            target=writer.push, args=(seed_copy, keys(seed_copy), AnnotationStore(seed_copy / "q"))
        )
        thread.start()
        for change in listener.changes(timeout=10):
            heard.append((change, time.monotonic() - started))
            break
        thread.join(timeout=30)
    finally:
        listener.close()
    assert heard, "no notification within 10 s"
    change, _delay = heard[0]
    assert change.kind == "annotation" and change.by == "analyst_a"
    assert change.doc in documents_of(seed_copy)


@pytest.mark.slow
def test_eight_processes_as_four_roles_keep_every_write(team_db: TeamDatabase) -> None:
    """8 processes, 4 roles, 100 writes each, all on one document: all 800 annotations are kept."""
    import subprocess
    import sys

    initialised(team_db)
    doc, sha256, per_process = "shared.txt", "0" * 64, 100
    roles = ["analyst_a", "analyst_b", "analyst_c", "analyst_d"] * 2
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.team.writer",
                team_db.url(role),
                CORPUS,
                doc,
                sha256,
                str(per_process),
                f"{role}-{index}",
            ],
            cwd=Path(__file__).resolve().parents[2],
        )
        for index, role in enumerate(roles)
    ]
    assert [process.wait(timeout=600) for process in processes] == [0] * len(processes)
    with connect(team_db.url()) as owner:
        content = TeamAnnotations(owner, CORPUS).load(doc)
        creators = owner.execute("SELECT creator, count(*) FROM team_annotations GROUP BY creator").fetchall()
    assert len(content.annotations) == len(roles) * per_process
    assert {str(role): int(count) for role, count in creators} == dict.fromkeys(set(roles), 2 * per_process)
