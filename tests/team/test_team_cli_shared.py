"""The verbs that change shared work besides annotations (``caseview case …``, ``caseview entity …``)
send their change to the team server themselves, through the real command line and a real PostgreSQL;
offline, the change stays in the local file and reaches the server with the next ``team sync``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.extract.corrections import CORRECTIONS_FILE
from caseview.team.db import connect
from caseview.team.files import TeamFiles
from caseview.team.settings import DEFAULT_CORPUS
from tests.team.conftest import ServerSwitch, TeamDatabase
from tests.team.test_team_cli import folder, run

UNREACHABLE = "caseview: team server unreachable — 1 change kept locally, sent when it is back"


@pytest.fixture(autouse=True)
def _no_team_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CASEVIEW_TEAM_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def team(team_db: TeamDatabase, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> TeamDatabase:
    """A database whose schema ``caseview team init`` made, as its owner would."""
    code, out, _ = run(capsys, "team", "init", str(folder(tmp_path, "owner")), "--team", team_db.url())
    assert code == 0, out
    return team_db


def on_server(team_db: TeamDatabase, store: str, name: str) -> dict[str, object] | None:
    with connect(team_db.url()) as owner:
        raw = TeamFiles(owner, DEFAULT_CORPUS).load(store, name)  # type: ignore[arg-type]
    return None if raw is None else json.loads(raw)


def test_case_and_entity_verbs_send_their_change_to_the_team_server(
    team: TeamDatabase, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A case header set and an entity hidden from the CLI reach the server at once (no sync),
    with the server named by ``caseview.toml`` for one verb and by ``--team`` for the other."""
    alice = folder(tmp_path, "alice", team.url("analyst_a"))
    code, out, err = run(capsys, "case", str(alice), "set", "--title", "Port strike")
    assert (code, err) == (0, "") and "header" in out
    case = on_server(team, "case", "case.json")
    assert case is not None and case["header"]["title"] == "Port strike"  # type: ignore[index]

    bob = folder(tmp_path, "bob")
    code, _, err = run(capsys, "entity", str(bob), "hide", "person:scott-bessent", "--team", team.url("analyst_b"))
    assert (code, err) == (0, "")
    corrections = on_server(team, "entities", CORRECTIONS_FILE)
    assert corrections is not None and "person:scott-bessent" in json.dumps(corrections)

    code, _, err = run(capsys, "case", str(alice), "show")
    assert (code, err) == (0, ""), "a verb that changes nothing sends nothing and says nothing"


def test_offline_case_and_entity_changes_stay_local_and_are_sent_by_team_sync(
    team: TeamDatabase, server_switch: ServerSwitch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With the server stopped, each verb keeps its write and says in one line it will be sent
    later; after the server is back, ``team sync`` sends both files."""
    alice = folder(tmp_path, "alice", team.url("analyst_a"))
    server_switch.stop()
    code, _, err = run(capsys, "case", str(alice), "--case", "strike", "set", "--title", "Offline title")
    assert code == 0 and err.strip() == UNREACHABLE
    assert json.loads((alice / "strike.case.json").read_text())["header"]["title"] == "Offline title"
    code, _, err = run(capsys, "entity", str(alice), "hide", "person:scott-bessent")
    assert code == 0 and err.strip() == UNREACHABLE
    assert (alice / CORRECTIONS_FILE).is_file()

    server_switch.start()
    assert on_server(team, "case", "strike.case.json") is None
    code, out, err = run(capsys, "team", "sync", str(alice))
    assert code == 0, (out, err)
    case = on_server(team, "case", "strike.case.json")
    assert case is not None and case["header"]["title"] == "Offline title"  # type: ignore[index]
    corrections = on_server(team, "entities", CORRECTIONS_FILE)
    assert corrections is not None and "person:scott-bessent" in json.dumps(corrections)


def test_a_bad_team_setting_is_one_line_and_changes_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A malformed ``--team`` URL stops the verb before it writes: exit 2, one line, no case file."""
    alice = folder(tmp_path, "alice")
    code, _, err = run(capsys, "case", str(alice), "set", "--title", "X", "--team", "mysql://alice@db/x")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "not a PostgreSQL connection string" in err
    assert not (alice / "case.json").exists()


def test_changing_another_analysts_case_header_is_refused_and_put_back(
    team: TeamDatabase, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Row-level security through the case verb: Bob's change to the header Alice wrote is refused
    (one line, exit 2) and his file takes the server's version back."""
    alice = folder(tmp_path, "alice", team.url("analyst_a"))
    assert run(capsys, "case", str(alice), "set", "--title", "Alice's title")[0] == 0
    bob = folder(tmp_path, "bob", team.url("analyst_b"))
    assert run(capsys, "team", "pull", str(bob))[0] == 0
    code, _, err = run(capsys, "case", str(bob), "set", "--title", "Bob's title")
    assert code == 2 and "refused by the team server" in err and len(err.strip().splitlines()) == 1
    assert json.loads((bob / "case.json").read_text())["header"]["title"] == "Alice's title"
    case = on_server(team, "case", "case.json")
    assert case is not None and case["header"]["title"] == "Alice's title"  # type: ignore[index]


def test_a_date_set_from_the_cli_reaches_the_team_server(
    team: TeamDatabase, server_switch: ServerSwitch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``caseview doc date`` sends the document's metadata file; offline it says so and team sync sends it."""
    alice = folder(tmp_path, "alice", team.url("analyst_a"))
    doc = sorted(p.name for p in alice.glob("*.txt"))[0]
    code, out, err = run(capsys, "doc", str(alice), "date", doc, "2026-04")
    assert (code, err) == (0, "") and "date set" in out
    meta = on_server(team, "meta", f"{doc}.meta.json")
    assert meta is not None and meta["date"] == "2026-04"
    server_switch.stop()
    code, _, err = run(capsys, "doc", str(alice), "date", doc, "2026")
    assert code == 0 and err.strip() == UNREACHABLE
    server_switch.start()
    assert run(capsys, "team", "sync", str(alice))[0] == 0
    meta = on_server(team, "meta", f"{doc}.meta.json")
    assert meta is not None and meta["date"] == "2026"
