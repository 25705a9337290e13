"""The app with a team server: two analysts' open apps, as two PostgreSQL roles, on one real server.

Each analyst has a private copy of the seeds (at a different path); each app is the real app driven
by Pilot, its workspace linked to the throwaway server of ``conftest`` as that analyst's role. The
tests wait on conditions (what the other app shows, what the server holds), never a fixed time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from caseview.team.annotations import TeamAnnotations
from caseview.team.db import connect
from caseview.team.migrations import migrate
from caseview.tui.app import CaseviewApp, make_app
from caseview.workspace import Workspace
from tests.team.conftest import ServerSwitch, TeamDatabase
from tests.tui.annotate_helpers import DOC_003, open_at, tag_selection
from tests.tui.tui_helpers import LEAN, WIDE, press, widget_text

REPO = Path(__file__).resolve().parents[2]
#: Generous bounds for a busy two-core machine; the live path itself is held to one second below.
WAIT_S = 20.0


@pytest.fixture
def team(team_db: TeamDatabase) -> TeamDatabase:
    with connect(team_db.url()) as owner:
        migrate(owner)
    return team_db


def analyst_folder(prepared_seed_corpus: Path, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name / "copy-of-the-corpus"
    shutil.copytree(prepared_seed_corpus, target)
    return target


#: The links' poll, far longer than any wait here: what reaches the other app does so on the live path
#: (a nudge after a change here, LISTEN/NOTIFY there), which is what these tests guard, and no
#: timing on a busy machine decides whether they pass.
NO_POLL_S = 3600.0


def team_app(folder: Path, url: str) -> CaseviewApp:
    workspace = Workspace(folder)
    link = workspace.join_team(url)
    assert link is not None
    link.poll_interval = NO_POLL_S
    return make_app(workspace=workspace, settings=LEAN)


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str, timeout: float = WAIT_S) -> float:
    """Wait (letting every app on the loop run) until ``condition`` holds; the seconds it took."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"waited {timeout:.0f} s for {what}")
        await pilot.pause(0.01)
    return time.monotonic() - start


def status(app: CaseviewApp) -> str:
    return app.main_screen.status.state.team


def reader_tags(app: CaseviewApp) -> list[str]:
    return sorted(tag for annotation in app.main_screen.reader.annotations for tag in annotation.tags)


def server_tags(team: TeamDatabase, doc: str) -> list[str]:
    with connect(team.url()) as connection:
        content = TeamAnnotations(connection, "default").load(doc)
    return sorted(tag for annotation in content.annotations for tag in annotation.tags)


def offset_of(folder: Path, words: str) -> int:
    return Workspace.open(folder).document(DOC_003).text.index(words)


async def test_a_tag_made_in_one_app_shows_in_the_others_on_the_live_path(
    team: TeamDatabase, prepared_seed_corpus: Path, tmp_path: Path
) -> None:
    """Guards the live path: analyst A tags a passage in A's app; B's open reader shows it with no poll
    to wait for (LISTEN/NOTIFY → B's file → the "changed elsewhere" path), and each status line names
    its role. (How fast: ``benchmarks/team_bench.py``.)"""
    alice_folder = analyst_folder(prepared_seed_corpus, tmp_path, "alice")
    bob_folder = analyst_folder(prepared_seed_corpus, tmp_path, "bob")
    alice, bob = team_app(alice_folder, team.url("analyst_a")), team_app(bob_folder, team.url("analyst_b"))
    async with alice.run_test(size=WIDE) as pa, bob.run_test(size=WIDE) as pb:
        await until(pa, lambda: status(alice) == "team: connected as analyst_a", "A to connect")
        await until(pb, lambda: status(bob) == "team: connected as analyst_b", "B to connect")
        assert "team: connected as analyst_b" in widget_text(bob, "#status")
        await open_at(pb, DOC_003, 0)
        assert reader_tags(bob) == []

        await open_at(pa, DOC_003, offset_of(alice_folder, "save face"))
        await press(pa, "s")
        await tag_selection(pa, "designation")  # returns once the tag is in A's file
        await until(pb, lambda: reader_tags(bob) == ["designation"], "B's reader to show A's tag")
        assert server_tags(team, DOC_003) == ["designation"]


async def test_one_role_cannot_delete_the_others_annotation(
    team: TeamDatabase, prepared_seed_corpus: Path, tmp_path: Path
) -> None:
    """Guards row-level security seen from the app: B deletes A's annotation in B's copy; the server
    refuses, B's app says so, and A's annotation is back in B's file and reader and stays on the server."""
    alice_folder = analyst_folder(prepared_seed_corpus, tmp_path, "alice")
    bob_folder = analyst_folder(prepared_seed_corpus, tmp_path, "bob")
    alice, bob = team_app(alice_folder, team.url("analyst_a")), team_app(bob_folder, team.url("analyst_b"))
    async with alice.run_test(size=WIDE) as pa, bob.run_test(size=WIDE) as pb:
        await until(pa, lambda: status(alice) == "team: connected as analyst_a", "A to connect")
        await until(pb, lambda: status(bob) == "team: connected as analyst_b", "B to connect")
        await open_at(pb, DOC_003, 0)
        alice.workspace.annotate_quote(DOC_003, "save face", tags=["spin"])
        alice.main_screen.watcher.seen()  # as after a change made in A's app: send it now
        await until(pb, lambda: reader_tags(bob) == ["spin"], "B to receive A's tag")

        [theirs] = bob.workspace.annotations(DOC_003)
        bob.workspace.delete_annotation(theirs.id)
        bob.main_screen.watcher.seen()
        await until(pb, lambda: any("refused" in n.message for n in bob._notifications), "B to be told it was refused")
        await until(pb, lambda: [a.id for a in bob.workspace.annotations(DOC_003)] == [theirs.id], "B's file restored")
        assert server_tags(team, DOC_003) == ["spin"]
        await until(pb, lambda: reader_tags(bob) == ["spin"], "B's reader to show it again")


async def test_tags_made_while_the_server_is_stopped_arrive_when_it_is_back(
    team: TeamDatabase, server_switch: ServerSwitch, prepared_seed_corpus: Path, tmp_path: Path
) -> None:
    """Guards "never lose a tag" in the app: the server stops mid-session, the status line says so, three
    tags are made in the app and counted as kept locally; the server starts again and all three arrive."""
    alice_folder = analyst_folder(prepared_seed_corpus, tmp_path, "alice")
    alice = team_app(alice_folder, team.url("analyst_a"))
    async with alice.run_test(size=WIDE) as pa:
        await until(pa, lambda: status(alice) == "team: connected as analyst_a", "A to connect")
        server_switch.stop()
        await until(pa, lambda: status(alice).startswith("team: server unreachable"), "the status line to say so")
        for count, words in enumerate(("save face", "Why it matters", "Behind the scenes"), start=1):
            await open_at(pa, DOC_003, offset_of(alice_folder, words))
            await press(pa, "s")
            await tag_selection(pa, f"offline-{count}")
            kept = f"team: server unreachable, {'1 change' if count == 1 else f'{count} changes'} kept locally"
            await until(pa, lambda kept=kept: status(alice) == kept, kept)
        assert "3 changes kept locally" in widget_text(alice, "#status")

        server_switch.start()
        await until(pa, lambda: status(alice) == "team: connected as analyst_a", "A to reconnect")
        await until(pa, lambda: len(server_tags(team, DOC_003)) == 3, "the three tags on the server")
        assert server_tags(team, DOC_003) == ["offline-1", "offline-2", "offline-3"]


KILLED_SCRIPT = """
import os, signal, sys
from caseview.workspace import Workspace
workspace = Workspace.open(sys.argv[1])
link = workspace.join_team(sys.argv[2])
link.start(lambda event: None)
for number, quote in enumerate(("save face", "Why it matters", "Behind the scenes"), start=1):
    workspace.annotate_quote(sys.argv[3], quote, tags=[f"killed-{number}"])
    link.nudge()
os.kill(os.getpid(), signal.SIGKILL)
"""


async def test_the_local_journal_survives_a_kill(
    team: TeamDatabase, server_switch: ServerSwitch, prepared_seed_corpus: Path, tmp_path: Path
) -> None:
    """Guards the journal across a kill: with the server stopped, a caseview makes three tags and is
    killed (SIGKILL, no clean-up); the server starts, the analyst opens the app, and all three arrive."""
    alice_folder = analyst_folder(prepared_seed_corpus, tmp_path, "alice")
    server_switch.stop()
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_SCRIPT, str(alice_folder), team.url("analyst_a"), DOC_003],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -9, killed.stderr
    server_switch.start()
    alice = team_app(alice_folder, team.url("analyst_a"))
    async with alice.run_test(size=WIDE) as pa:
        await until(pa, lambda: status(alice) == "team: connected as analyst_a", "A to connect")
        await until(pa, lambda: len(server_tags(team, DOC_003)) == 3, "the three tags on the server")
    assert server_tags(team, DOC_003) == ["killed-1", "killed-2", "killed-3"]


async def test_a_server_that_never_answers_is_said_in_the_status_line(
    prepared_seed_corpus: Path, tmp_path: Path
) -> None:
    """Guards the offline start: a team URL whose server is not there opens the app all the same, the
    status line says it is unreachable, and a tag made is kept in the local file and counted."""
    folder = analyst_folder(prepared_seed_corpus, tmp_path, "alice")
    socket_dir = tmp_path / "no-server"
    socket_dir.mkdir()
    app = team_app(folder, f"postgresql://analyst_a@/team?host={socket_dir}&port=1")
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: status(app) == "team: server unreachable, 0 changes kept locally", "offline")
        await open_at(pilot, DOC_003, offset_of(folder, "save face"))
        await press(pilot, "s")
        await tag_selection(pilot, "kept")
        await until(pilot, lambda: status(app) == "team: server unreachable, 1 change kept locally", "1 kept")
    assert [a.tags for a in Workspace(folder).annotations(DOC_003)] == [("kept",)]


async def test_a_case_edit_and_an_entity_correction_reach_the_other_app_on_the_live_path(
    team: TeamDatabase, prepared_seed_corpus: Path, tmp_path: Path
) -> None:
    """Guards the live path for the v3 stores: A adds a note to the case file and hides an entity; B's
    open case pane shows the note, and B's corrections file holds A's correction, with no poll to wait
    for."""
    alice_folder = analyst_folder(prepared_seed_corpus, tmp_path, "alice")
    bob_folder = analyst_folder(prepared_seed_corpus, tmp_path, "bob")
    alice, bob = team_app(alice_folder, team.url("analyst_a")), team_app(bob_folder, team.url("analyst_b"))
    async with alice.run_test(size=WIDE) as pa, bob.run_test(size=WIDE) as pb:
        await until(pa, lambda: status(alice) == "team: connected as analyst_a", "A to connect")
        await until(pb, lambda: status(bob) == "team: connected as analyst_b", "B to connect")
        await open_at(pb, DOC_003, 0)

        alice.workspace.case().add_note("Ask OMB")
        alice.main_screen.watcher.seen()  # as after a change made in A's app: send it now
        await until(pb, lambda: "Ask OMB" in widget_text(bob, "#pane-case"), "B's case pane")

        entity = alice.workspace.entities()[0]
        correction = alice.workspace.correct_entities("hide", [entity.id])
        alice.main_screen.watcher.seen()
        corrections = bob_folder / "caseview-entities.json"
        await until(
            pb, lambda: corrections.exists() and correction.id in corrections.read_text("utf-8"), "B's corrections"
        )


def test_the_switch_is_the_flag_the_environment_or_the_corpus_config(
    prepared_seed_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guards "one switch": ``caseview --team URL``, ``$CASEVIEW_TEAM_URL`` and the ``team`` entry of
    ``caseview.toml`` each link the app's workspace to that server; none of them, no link at all."""
    from caseview.tui.app import app_for

    folder = analyst_folder(prepared_seed_corpus, tmp_path, "alice")
    monkeypatch.delenv("CASEVIEW_TEAM_URL", raising=False)
    assert app_for(str(folder)).workspace.team is None
    flag = app_for(str(folder), "postgresql://alice@/flag").workspace.team
    assert flag is not None and flag.session.settings.url == "postgresql://alice@/flag"
    (folder / "caseview.toml").write_text('team = "postgresql://alice@/from-config"\n', "utf-8")
    configured = app_for(str(folder)).workspace.team
    assert configured is not None and configured.session.settings.url.endswith("/from-config")
    monkeypatch.setenv("CASEVIEW_TEAM_URL", "postgresql://alice@/from-env")
    environment = app_for(str(folder)).workspace.team
    assert environment is not None and environment.session.settings.url.endswith("/from-env")


def test_a_bad_team_url_is_one_line_and_exit_2(
    prepared_seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Guards bad input at the switch: ``caseview --team mysql://…`` says why in one line (no traceback,
    no password) and exits 2 without opening the app."""
    from caseview.cli import main

    folder = analyst_folder(prepared_seed_corpus, tmp_path, "alice")
    assert main([str(folder), "--team", "mysql://alice:s3cret@db/x"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "not a PostgreSQL connection string" in err
    assert "s3cret" not in err and "Traceback" not in err
