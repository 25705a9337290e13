"""Case files, entity corrections and document dates on the team server (schema version 3).

Real copies of the seeds (ready index and extraction), real files written through the workspace,
the real ``caseview`` command line for push and pull, and a real PostgreSQL with analyst roles.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import psycopg
import pytest

from caseview.casefile.model import NoteItem
from caseview.cli import main
from caseview.extract.corrections import CORRECTIONS_FILE
from caseview.kernel.docmeta import MetaChange
from caseview.team.db import connect
from caseview.team.files import TeamFiles
from caseview.team.migrations import migrate
from caseview.team.records import local_files
from caseview.team.session import TeamSession
from caseview.workspace import Workspace
from tests.team.conftest import TeamDatabase

DOC = "003_dcac92be05b45050.txt"


@pytest.fixture(autouse=True)
def _no_team_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASEVIEW_TEAM_URL", raising=False)


@pytest.fixture
def team(team_db: TeamDatabase) -> TeamDatabase:
    with connect(team_db.url()) as owner:
        migrate(owner)
    return team_db


def copy_of(prepared_seed_corpus: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name / "seeds"
    shutil.copytree(prepared_seed_corpus, target)
    return target


def session(folder: Path, team: TeamDatabase, role: str) -> TeamSession:
    made = TeamSession.for_corpus(folder, team.url(role))
    assert made is not None
    return made


def exchange_all(folder: Path, team: TeamDatabase, role: str) -> list[str]:
    """Send and receive every case, corrections and metadata file of ``folder``; the refusals."""
    link = session(folder, team, role)
    try:
        with link.connect() as connection:
            names = sorted({*local_files(folder), *TeamFiles(connection, "default").names()})
        refused: list[str] = []
        for store, name in names:
            exchanged = link.exchange_file(store, name, found=True)  # what a sync does
            assert exchanged is not None
            refused += exchanged.refused
        return refused
    finally:
        link.close()


def note_texts(folder: Path) -> list[str]:
    """Each case note's analyst's note when it has one, else its text."""
    return sorted(
        item.note or item.text for item in Workspace(folder).case().load().items if isinstance(item, NoteItem)
    )


def test_push_then_pull_gives_back_case_corrections_and_dates_byte_for_byte(
    team: TeamDatabase, prepared_seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guards "files stay the interchange" for the v3 stores: a case file, an entity correction and a
    document date pushed from one folder come out of a pull into a fresh folder with the same bytes."""
    alice = copy_of(prepared_seed_corpus, tmp_path, "alice")
    workspace = Workspace.open(alice)
    workspace.case().add_question("Who drafted the executive action?")
    workspace.case().add_passage(DOC, quote="save face", note="the spin, in their words")
    entity = workspace.entities()[0]
    workspace.correct_entities("hide", [entity.id])
    workspace.write_document_meta(DOC, MetaChange(published=date(2026, 4, 29)))
    shared = [name for _, name in local_files(alice)]
    assert {"case.json", CORRECTIONS_FILE, f"{DOC}.meta.json"} <= set(shared)
    before = {name: (alice / name).read_bytes() for name in shared}

    assert main(["team", "push", str(alice), "--team", team.url("analyst_a")]) == 0
    bob = copy_of(prepared_seed_corpus, tmp_path, "bob")
    for name in shared:
        (bob / name).unlink(missing_ok=True)
    assert main(["team", "pull", str(bob), "--team", team.url("analyst_b")]) == 0
    assert "case, corrections and metadata files" in capsys.readouterr().out
    assert {name: (bob / name).read_bytes() for name in shared} == before


def test_an_analyst_cannot_change_anothers_case_records_but_keeps_their_own_change(
    team: TeamDatabase, prepared_seed_corpus: Path, tmp_path: Path
) -> None:
    """Guards row-level security on case records: B rewrites A's note and adds one of B's own; the
    server keeps A's text (and says whose it is), takes B's note, and B's file gets A's text back."""
    alice = copy_of(prepared_seed_corpus, tmp_path, "alice")
    bob = copy_of(prepared_seed_corpus, tmp_path, "bob")
    mine = Workspace.open(alice).case().add_note("A's reading of the scoop")
    assert exchange_all(alice, team, "analyst_a") == []
    assert exchange_all(bob, team, "analyst_b") == []
    assert note_texts(bob) == ["A's reading of the scoop"]

    bob_case = Workspace.open(bob).case()
    bob_case.set_note(mine.id, "B's rewrite")
    bob_case.add_note("B's own note")
    refused = exchange_all(bob, team, "analyst_b")
    assert any("belongs to analyst_a" in reason for reason in refused)
    assert exchange_all(alice, team, "analyst_a") == []
    assert "A's reading of the scoop" in note_texts(alice) and "B's own note" in note_texts(alice)
    assert "B's rewrite" not in note_texts(bob) and "A's reading of the scoop" in note_texts(bob)


def test_row_level_security_and_the_append_only_audit_hold_in_sql(
    team: TeamDatabase, prepared_seed_corpus: Path, tmp_path: Path
) -> None:
    """Guards the wall behind the client's rules: in plain SQL, B can neither change nor delete A's
    records, and nobody but the owner can change or delete the audit log (which every change fills)."""
    alice = copy_of(prepared_seed_corpus, tmp_path, "alice")
    Workspace.open(alice).case().add_note("A's note")
    exchange_all(alice, team, "analyst_a")
    with psycopg.connect(team.url("analyst_b"), autocommit=True) as bob:
        mine = "creator = 'analyst_a' AND origin = 'analyst'"
        changed = bob.execute(f"UPDATE team_records SET body = '{{}}' WHERE {mine}").rowcount
        deleted = bob.execute(f"DELETE FROM team_records WHERE {mine}").rowcount
        assert (changed, deleted) == (0, 0)
        # The seeds' metadata A pushed first came with the corpus: B may correct it, and it is then B's.
        corpus = "store = 'meta' AND origin = 'corpus'"
        taken = bob.execute(f"UPDATE team_records SET creator = current_user, origin = 'analyst' WHERE {corpus}")
        assert taken.rowcount > 0
        audited = bob.execute("SELECT count(*) FROM team_audit WHERE actor = 'analyst_a'").fetchone()
        assert audited is not None and audited[0] > 0
        for statement in ("UPDATE team_audit SET action = 'x'", "DELETE FROM team_audit"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                bob.execute(statement)


def test_an_edit_beats_a_delete_and_two_edits_keep_both(
    team: TeamDatabase, prepared_seed_corpus: Path, tmp_path: Path
) -> None:
    """Guards the merge rules on the server: one analyst on two machines edits a case note on one and
    deletes it on the other (the edit stays); then edits it differently on both (both versions kept,
    the record flagged with a conflict)."""
    laptop = copy_of(prepared_seed_corpus, tmp_path, "laptop")
    desktop = copy_of(prepared_seed_corpus, tmp_path, "desktop")
    note = Workspace.open(laptop).case().add_note("first draft")
    exchange_all(laptop, team, "analyst_a")
    exchange_all(desktop, team, "analyst_a")

    Workspace.open(laptop).case().set_note(note.id, "edited on the laptop")
    Workspace.open(desktop).case().remove(note.id)
    exchange_all(desktop, team, "analyst_a")
    exchange_all(laptop, team, "analyst_a")
    exchange_all(desktop, team, "analyst_a")
    assert note_texts(desktop) == ["edited on the laptop"] == note_texts(laptop)

    Workspace.open(laptop).case().set_note(note.id, "laptop says A")
    Workspace.open(desktop).case().set_note(note.id, "desktop says B")
    exchange_all(laptop, team, "analyst_a")
    exchange_all(desktop, team, "analyst_a")
    exchange_all(laptop, team, "analyst_a")
    [item] = Workspace(laptop).case().load().items
    assert item.conflicts, "two edits of one record are flagged"
    assert isinstance(item, NoteItem)
    kept = {item.text, *(json.loads(conflict.value) for conflict in item.conflicts)}
    assert {"laptop says A", "desktop says B"} <= kept
    exchange_all(desktop, team, "analyst_a")
    assert (laptop / "case.json").read_bytes() == (desktop / "case.json").read_bytes()


def test_team_sync_carries_case_files_between_folders(
    team: TeamDatabase, prepared_seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guards ``team sync`` for the v3 stores: a case note and a document date made in A's folder
    reach B's folder after A and B each run ``team sync`` (no app open)."""
    alice = copy_of(prepared_seed_corpus, tmp_path, "alice")
    bob = copy_of(prepared_seed_corpus, tmp_path, "bob")
    workspace = Workspace.open(alice)
    workspace.case().add_note("Check the OMB directive")
    workspace.write_document_meta(DOC, MetaChange(published=date(2026, 4, 29)))
    assert main(["team", "sync", str(alice), "--team", team.url("analyst_a")]) == 0
    assert main(["team", "sync", str(bob), "--team", team.url("analyst_b")]) == 0
    assert "case.json" in capsys.readouterr().out
    assert note_texts(bob) == ["Check the OMB directive"]
    assert (bob / f"{DOC}.meta.json").read_bytes() == (alice / f"{DOC}.meta.json").read_bytes()


def meta_records(team: TeamDatabase, name: str) -> dict[str, tuple[str, str, str]]:
    """The server's records of one metadata file: id → (body, creator, origin)."""
    with psycopg.connect(team.url()) as owner:
        rows = owner.execute(
            "SELECT record_id, body, creator, origin FROM team_records WHERE store = 'meta' AND name = %s", (name,)
        ).fetchall()
    return {str(r): (str(b), str(c), str(o)) for r, b, c, o in rows}


def test_the_seeds_dates_belong_to_no_one_until_an_analyst_corrects_one(
    team: TeamDatabase, prepared_seed_corpus: Path, tmp_path: Path
) -> None:
    """Guards "the first connecting analyst owns seed .meta.json records" (issue 18): A pushes first,
    yet B may correct a date that came with the corpus; the correction is then B's, which A cannot
    overwrite, and A's own correction of another date stays A's."""
    alice = copy_of(prepared_seed_corpus, tmp_path, "alice")
    bob = copy_of(prepared_seed_corpus, tmp_path, "bob")
    assert exchange_all(alice, team, "analyst_a") == []
    assert exchange_all(bob, team, "analyst_b") == []
    seeded = meta_records(team, f"{DOC}.meta.json")
    assert seeded and {origin for _, _, origin in seeded.values()} == {"corpus"}

    Workspace.open(bob).write_document_meta(DOC, MetaChange(published=date(2026, 4, 30)))
    assert exchange_all(bob, team, "analyst_b") == []
    assert meta_records(team, f"{DOC}.meta.json")["date"] == ('"2026-04-30"', "analyst_b", "analyst")
    assert exchange_all(alice, team, "analyst_a") == []
    assert json.loads((alice / f"{DOC}.meta.json").read_text())["date"] == "2026-04-30"

    Workspace.open(alice).write_document_meta(DOC, MetaChange(published=date(2026, 4, 28)))
    refused = exchange_all(alice, team, "analyst_a")
    assert refused == ["date belongs to analyst_b"]
    assert json.loads((alice / f"{DOC}.meta.json").read_text())["date"] == "2026-04-30"

    other = "000_465b9804960b177b.txt"
    Workspace.open(alice).write_document_meta(other, MetaChange(published=date(2026, 4, 17)))
    assert exchange_all(alice, team, "analyst_a") == []
    Workspace.open(bob).write_document_meta(other, MetaChange(published=date(2026, 4, 18)))
    assert exchange_all(bob, team, "analyst_b") == ["date belongs to analyst_a"]
    assert meta_records(team, f"{other}.meta.json")["date"][:2] == ('"2026-04-17"', "analyst_a")

    # A metadata file A's caseview writes anew and sends at once (as after a command) is A's, not the corpus's.
    new = "new-memo.txt"
    for folder in (alice, bob):
        (folder / new).write_text("Memo\nThe board met on the harbour question.\n")
    Workspace.open(alice).write_document_meta(new, MetaChange(published=date(2026, 5, 2)))
    link = session(alice, team, "analyst_a")
    try:
        assert link.after_file_change("meta", f"{new}.meta.json").sent
    finally:
        link.close()
    assert {origin for _, _, origin in meta_records(team, f"{new}.meta.json").values()} == {"analyst"}


def test_schema_6_gives_the_seeds_first_push_to_the_corpus(team_db: TeamDatabase) -> None:
    """Guards the upgrade to schema 6: in a version-5 database, the records a metadata file's first
    push wrote become the corpus's; a record an analyst changed later stays theirs."""
    with connect(team_db.url()) as owner:
        assert migrate(owner, target=5).after == 5
    with psycopg.connect(team_db.url("analyst_a")) as alice:
        with alice.transaction():
            alice.execute("INSERT INTO team_files (corpus, store, name) VALUES ('default', 'meta', 'a.txt.meta.json')")
            for position, (record_id, body) in enumerate((("title", '"Seed"'), ("date", '"2026-04-01"'))):
                alice.execute(
                    "INSERT INTO team_records (corpus, store, name, record_id, position, body)"
                    " VALUES ('default', 'meta', 'a.txt.meta.json', %s, %s, %s)",
                    (record_id, position, body),
                )
        with alice.transaction():
            alice.execute(
                "UPDATE team_records SET body = '\"2026-04-02\"', changed_at = now() WHERE record_id = 'date'"
            )
    with connect(team_db.url()) as owner:
        assert migrate(owner, target=6).message == "team schema upgraded from version 5 to 6"
    assert {record_id: origin for record_id, (_, _, origin) in meta_records(team_db, "a.txt.meta.json").items()} == {
        "title": "corpus",
        "date": "analyst",
    }
    with psycopg.connect(team_db.url("analyst_b"), autocommit=True) as bob:
        assert bob.execute("UPDATE team_records SET body = '\"Fixed\"' WHERE record_id = 'title'").rowcount == 1
        assert bob.execute("UPDATE team_records SET body = '\"2026-05-01\"' WHERE record_id = 'date'").rowcount == 0


def move_document(folder: Path, rel_path: str, to: str) -> None:
    """Keep a document (and its metadata file) at another path in this copy of the corpus."""
    target = folder / to / rel_path
    target.parent.mkdir(parents=True, exist_ok=True)
    (folder / rel_path).rename(target)
    meta = folder / f"{rel_path}.meta.json"
    if meta.exists():
        meta.rename(target.with_name(target.name + ".meta.json"))


def test_a_documents_dates_are_shared_between_copies_that_keep_it_at_different_paths(
    team: TeamDatabase, prepared_seed_corpus: Path, tmp_path: Path
) -> None:
    """Guards issue 18 point 2 for metadata files (written by path only before schema 7): B keeps the
    document in ``inbox/``, C in ``other/`` without its metadata file; B's correction of its date
    reaches A's file at A's path and C's pull writes it beside C's copy. A file the server has no hash
    for (as written by schema 3 to 6) gets it from the first pull that sees its document."""
    alice = copy_of(prepared_seed_corpus, tmp_path, "alice")
    bob = copy_of(prepared_seed_corpus, tmp_path, "bob")
    carol = copy_of(prepared_seed_corpus, tmp_path, "carol")
    move_document(bob, DOC, "inbox")
    move_document(carol, DOC, "other")
    (carol / "other" / f"{DOC}.meta.json").unlink()
    assert main(["team", "push", str(alice), "--team", team.url("analyst_a")]) == 0
    with psycopg.connect(team.url(), autocommit=True) as owner:
        owner.execute("UPDATE team_files SET doc_sha256 = NULL")  # as schema 3 to 6 left them
    assert main(["team", "pull", str(alice), "--team", team.url("analyst_a")]) == 0
    with psycopg.connect(team.url()) as owner:
        row = owner.execute("SELECT doc_sha256 FROM team_files WHERE name = %s", (f"{DOC}.meta.json",)).fetchone()
    assert row is not None and row[0] == Workspace.open(alice).document(DOC).sha256

    Workspace.open(bob).write_document_meta(f"inbox/{DOC}", MetaChange(published=date(2026, 4, 30)))
    assert main(["team", "push", str(bob), "--team", team.url("analyst_b")]) == 0
    assert meta_records(team, f"inbox/{DOC}.meta.json") == {}, "no second file for the same document"
    assert meta_records(team, f"{DOC}.meta.json")["date"][:2] == ('"2026-04-30"', "analyst_b")

    assert main(["team", "pull", str(alice), "--team", team.url("analyst_a")]) == 0
    assert json.loads((alice / f"{DOC}.meta.json").read_text())["date"] == "2026-04-30"
    assert main(["team", "sync", str(carol), "--team", team.url("analyst_c")]) == 0
    assert json.loads((carol / "other" / f"{DOC}.meta.json").read_text())["date"] == "2026-04-30"
    assert not (carol / f"{DOC}.meta.json").exists(), "nothing written where C has no document"
    assert Workspace.open(carol).document(f"other/{DOC}").meta.published == date(2026, 4, 30)
