"""The team verbs and the team side of the annotation verbs, through the real command line.

Real folders (copies of the seeds), the real ``caseview.cli.main``, a real PostgreSQL that these
tests stop and start again; two analysts are two folders acting as two PostgreSQL roles.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from caseview.annotations.store import AnnotationStore, sidecar_path
from caseview.cli import main
from caseview.team.annotations import TeamAnnotations
from caseview.team.db import connect
from caseview.team.settings import DEFAULT_CORPUS
from tests.team.conftest import ServerSwitch, TeamDatabase

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
DOCS = sorted(path.name for path in SEEDS.glob("*.txt"))
PASSWORD = "s3cret-Pa55"
EX_TEMPFAIL = 75


@pytest.fixture(autouse=True)
def _no_team_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CASEVIEW_TEAM_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def folder(tmp_path: Path, name: str, team_url: str | None = None) -> Path:
    target = tmp_path / name
    shutil.copytree(SEEDS, target)
    if team_url is not None:
        (target / "caseview.toml").write_text(f'team = "{team_url}"\n', "utf-8")
    return target


def with_password(url: str, user: str) -> str:
    return url.replace(f"postgresql://{user}@", f"postgresql://{user}:{PASSWORD}@")


def tags_in(root: Path, doc: str) -> list[str]:
    content = AnnotationStore(root / "q").load(sidecar_path(root / doc), doc).content
    return sorted(tag for annotation in content.annotations for tag in annotation.tags)


def server_tags(team: TeamDatabase, docs: list[str]) -> list[str]:
    with connect(team.url()) as owner:
        server = TeamAnnotations(owner, DEFAULT_CORPUS)
        return sorted(tag for doc in docs for annotation in server.load(doc).annotations for tag in annotation.tags)


def annotation_ids(capsys: pytest.CaptureFixture[str], root: Path, doc: str) -> list[str]:
    code, out, _ = run(capsys, "annotations", str(root), doc, "--json")
    assert code == 0
    return [item["id"] for item in json.loads(out)]


@pytest.fixture
def team(team_db: TeamDatabase, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> TeamDatabase:
    """A database whose schema ``caseview team init`` made, as its owner would."""
    code, out, _ = run(capsys, "team", "init", str(folder(tmp_path, "owner")), "--team", team_db.url())
    assert code == 0, out
    return team_db


def test_init_creates_the_schema_then_says_it_is_up_to_date(
    team_db: TeamDatabase, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = folder(tmp_path, "owner")
    code, out, _ = run(capsys, "team", "init", str(root), "--team", team_db.url())
    assert code == 0 and "team schema upgraded from version 0 to" in out
    code, out, _ = run(capsys, "team", str(root), "init", "--team", team_db.url())
    assert code == 0 and "team schema is up to date" in out
    with connect(team_db.url()) as owner:
        owner.execute("INSERT INTO caseview_schema (version, description) VALUES (99, 'from the future')")
    code, out, err = run(capsys, "team", "init", str(root), "--team", team_db.url())
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "newer than this caseview knows" in err


def test_push_then_pull_gives_back_the_same_bytes(
    team: TeamDatabase, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = folder(tmp_path, "alice")  # no team configured while annotating: the files alone
    assert run(capsys, "tag", str(root), DOCS[0], "--quote", "Mythos", "--tag", "model", "--note", "first")[0] == 0
    assert run(capsys, "tag", str(root), DOCS[3], "--quote", "Susie Wiles", "--tag", "people")[0] == 0
    assert run(capsys, "tag", str(root), DOCS[3], "--quote", "Axios", "--tag", "outlet")[0] == 0
    doomed = annotation_ids(capsys, root, DOCS[3])[-1]
    assert run(capsys, "annotation", str(root), "delete", doomed)[0] == 0
    written = {path.name: path.read_bytes() for path in root.glob("*.annotations.json")}
    assert len(written) == 2

    code, out, _ = run(capsys, "team", "push", str(root), "--team", team.url("analyst_a"))
    assert code == 0 and "pushed 2 documents (3 records)" in out  # 2 annotations and a tombstone
    for name in written:
        (root / name).unlink()
    code, out, _ = run(capsys, "team", "pull", str(root), "--team", team.url("analyst_a"))
    assert code == 0 and "wrote 2 annotation files, 0 unchanged" in out
    assert {path.name: path.read_bytes() for path in root.glob("*.annotations.json")} == written
    code, out, _ = run(capsys, "team", "pull", str(root), "--team", team.url("analyst_a"))
    assert "wrote 0 annotation files, 2 unchanged" in out


def test_a_tag_made_in_one_folder_reaches_the_other_after_sync(
    team: TeamDatabase, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    alice = folder(tmp_path, "alice", team.url("analyst_a"))
    bob = folder(tmp_path, "bob", team.url("analyst_b"))
    started = time.monotonic()
    code, _, err = run(capsys, "tag", str(alice), DOCS[3], "--quote", "Susie Wiles", "--tag", "people")
    tagged_in_s = time.monotonic() - started
    assert code == 0 and err == ""
    assert server_tags(team, [DOCS[3]]) == ["people"], "on the server as soon as the command returned"
    assert tagged_in_s < 30

    code, out, _ = run(capsys, "team", "sync", str(bob))
    assert code == 0 and "1 updated here" in out and DOCS[3] in out
    assert tags_in(bob, DOCS[3]) == ["people"]
    code, out, _ = run(capsys, "team", "status", str(bob), "--json")
    status = json.loads(out)
    assert code == 0 and status["reachable"] and status["role"] == "analyst_b" and status["pending"] == []


def test_tags_made_while_the_server_is_down_are_kept_and_sent_later(
    team: TeamDatabase, server_switch: ServerSwitch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    alice = folder(tmp_path, "alice", team.url("analyst_a"))
    server_switch.stop()
    made = ((DOCS[0], "Mythos", "one"), (DOCS[1], "Anthropic", "two"), (DOCS[3], "Axios", "three"))
    for count, (doc, quote, tag) in enumerate(made, start=1):
        code, out, err = run(capsys, "tag", str(alice), doc, "--quote", quote, "--tag", tag)
        changes = "1 change" if count == 1 else f"{count} changes"
        assert code == 0 and tag in out
        assert err.strip() == f"caseview: team server unreachable — {changes} kept locally, sent when it is back"
        assert tags_in(alice, doc) == [tag], "the local write stands"
    code, out, _ = run(capsys, "team", "status", str(alice))
    assert code == EX_TEMPFAIL and "cannot reach the team server" in out and "3 documents with changes" in out
    code, _, err = run(capsys, "team", "sync", str(alice))
    assert code == EX_TEMPFAIL and "cannot reach the team server" in err

    server_switch.start()
    code, out, _ = run(capsys, "team", "sync", str(alice))
    assert code == 0 and "sent 3 pending" in out
    assert server_tags(team, [doc for doc, _, _ in made]) == ["one", "three", "two"]
    assert json.loads(run(capsys, "team", "status", str(alice), "--json")[1])["pending"] == []


def test_one_analyst_cannot_delete_anothers_annotation(
    team: TeamDatabase, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    alice = folder(tmp_path, "alice", team.url("analyst_a"))
    bob = folder(tmp_path, "bob", team.url("analyst_b"))
    assert run(capsys, "tag", str(alice), DOCS[0], "--quote", "Mythos", "--tag", "model")[0] == 0
    assert run(capsys, "team", "sync", str(bob))[0] == 0
    [theirs] = annotation_ids(capsys, bob, DOCS[0])

    code, _, err = run(capsys, "annotation", str(bob), "delete", theirs)
    assert code == 2 and "refused by the team server" in err and "belongs to analyst_a" in err
    assert tags_in(bob, DOCS[0]) == ["model"], "Bob's file gets the annotation back"
    code, _, err = run(capsys, "annotation", str(bob), "edit", theirs, "--note", "mine now")
    assert code == 2 and "belongs to analyst_a" in err
    assert server_tags(team, [DOCS[0]]) == ["model"]
    # Her own annotation she may change.
    code, _, err = run(capsys, "annotation", str(alice), "edit", theirs, "--tag", "model", "--tag", "ai")
    assert code == 0 and err == ""
    assert server_tags(team, [DOCS[0]]) == ["ai", "model"]


@pytest.mark.parametrize("query", ["mythos", '"supply chain risk"', "Anthropic NOT Axios", "secur*", "tag:model"])
def test_team_search_finds_what_search_finds(
    team: TeamDatabase, capsys: pytest.CaptureFixture[str], tmp_path: Path, query: str
) -> None:
    alice = folder(tmp_path, "alice", team.url("analyst_a"))
    assert run(capsys, "tag", str(alice), DOCS[2], "--quote", "Anthropic", "--tag", "model")[0] == 0
    local_code, local, _ = run(capsys, "search", str(alice), query, "--json", "--limit", "100")
    team_code, on_server, _ = run(capsys, "team", "search", str(alice), query, "--json", "--limit", "100")
    local_hits, server_hits = json.loads(local), json.loads(on_server)
    assert team_code == local_code == 0
    assert set(server_hits) == set(local_hits), "the same JSON shape"
    assert {hit["doc_id"] for hit in server_hits["hits"]} == {hit["doc_id"] for hit in local_hits["hits"]}
    assert server_hits["total"] == local_hits["total"]


def test_an_unreachable_server_is_one_line_exit_75_without_the_password(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = folder(tmp_path, "alice")
    nowhere = f"postgresql://analyst_a:{PASSWORD}@/team?host={tmp_path / 'no-server'}&port=5999"
    for argv in (["status"], ["push"], ["pull"], ["sync"], ["init"], ["search", "mythos"]):
        code, out, err = run(capsys, "team", argv[0], str(root), *argv[1:], "--team", nowhere)
        assert code == EX_TEMPFAIL, argv
        assert PASSWORD not in out + err and "analyst_a:***@" in out + err
        if argv != ["status"]:
            assert len(err.strip().splitlines()) == 1 and err.startswith("caseview: cannot reach the team server")
    code, _, err = run(capsys, "team", "status", str(root), "--team", f"postgresql://analyst_a:{PASSWORD}@/t?bogus=1")
    assert code == 2 and PASSWORD not in err and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "team", "status", str(root))
    assert code == 2 and "no team server" in err


def test_a_password_in_the_url_is_never_printed_nor_written(
    team_db: TeamDatabase,
    server_switch: ServerSwitch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    owner = with_password(team_db.url(), team_db.cluster.superuser)
    assert run(capsys, "team", "init", str(folder(tmp_path, "owner")), "--team", owner)[0] == 0
    root = folder(tmp_path, "alice")
    monkeypatch.setenv("CASEVIEW_TEAM_URL", with_password(team_db.url("analyst_a"), "analyst_a"))
    outputs = [run(capsys, "tag", str(root), DOCS[0], "--quote", "Mythos", "--tag", "model")]
    for argv in (["status"], ["status", "--json"], ["push"], ["pull"], ["sync"], ["search", "mythos"]):
        outputs.append(run(capsys, "team", argv[0], str(root), *argv[1:]))
    server_switch.stop()
    outputs.append(run(capsys, "tag", str(root), DOCS[1], "--quote", "Anthropic", "--tag", "x"))
    outputs.append(run(capsys, "team", "status", str(root)))
    assert [code for code, _, _ in outputs] == [0, 0, 0, 0, 0, 0, 0, 0, EX_TEMPFAIL]
    assert all(PASSWORD not in out + err for _, out, err in outputs)
    assert any("analyst_a:***@" in out for _, out, _ in outputs), "the server is named, redacted"
    state = (root / "caseview-team.json").read_text("utf-8")
    assert "pending" in state and PASSWORD not in state
    for path in root.rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


def test_without_the_schema_a_tag_is_kept_locally_and_team_verbs_say_to_run_init(
    team_db: TeamDatabase, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    alice = folder(tmp_path, "alice", team_db.url("analyst_a"))
    code, _, err = run(capsys, "tag", str(alice), DOCS[0], "--quote", "Mythos", "--tag", "model")
    assert code == 0 and tags_in(alice, DOCS[0]) == ["model"]
    assert err.strip() == (
        "caseview: team server: the team database has no caseview schema yet; run 'caseview team init' first"
        " — 1 change kept locally, sent when it is back"
    )
    code, _, err = run(capsys, "team", "push", str(alice))
    assert code == 2 and "run 'caseview team init' first" in err
    assert run(capsys, "team", "init", str(alice), "--team", team_db.url())[0] == 0
    code, out, _ = run(capsys, "team", "sync", str(alice))
    assert code == 0 and "sent 1 pending" in out
    assert server_tags(team_db, [DOCS[0]]) == ["model"]
