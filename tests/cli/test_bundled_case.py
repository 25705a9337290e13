"""``caseview`` without a folder works on a copy of the bundled case in the user data folder."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from caseview.cli import main
from caseview.kernel.paths import BUNDLED_CORPUS, DefaultCorpus, bundled_case_home, open_bundled_case, resolve_corpus

ROOT = Path(__file__).resolve().parents[2]


def _seed_state() -> list[tuple[str, bytes]]:
    return sorted((path.name, path.read_bytes()) for path in BUNDLED_CORPUS.iterdir())


def test_the_first_run_makes_the_copy_says_where_once_and_never_writes_to_the_seeds(
    _isolated_user_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _seed_state()
    home = _isolated_user_data / "caseview" / "bundled-case"
    assert bundled_case_home() == home and not home.exists()

    assert main(["docs", "--json"]) == 0
    first = capsys.readouterr()
    assert f"your working copy of the bundled case is {home}" in " ".join(first.err.split())
    assert len(json.loads(first.out)) == 5
    assert sorted(path.name for path in home.glob("*.txt")) == sorted(
        path.name for path in BUNDLED_CORPUS.glob("*.txt")
    )

    doc = sorted(home.glob("*.txt"))[0].name
    assert main(["tag", doc, "--quote", "Anthropic", "--tag", "mine"]) == 0
    second = capsys.readouterr()
    assert "working copy" not in second.err
    assert (home / f"{doc}.annotations.json").is_file()
    assert _seed_state() == before


def test_the_copy_holds_the_articles_and_their_metadata_sidecars_only(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("An article")
    (seeds / "a.txt.meta.json").write_text('{"title": "A"}')
    (seeds / "a.txt.annotations.json").write_text("{}")  # someone's old work in a checkout: not the case's
    (seeds / "case.json.lock").write_text("")
    made = open_bundled_case(seeds)
    assert made.created
    assert sorted(path.name for path in made.path.iterdir()) == ["a.txt", "a.txt.meta.json"]
    again = open_bundled_case(seeds)
    assert again == DefaultCorpus(made.path, created=False)


def test_caseview_corpus_still_overrides(seed_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEVIEW_CORPUS", str(seed_corpus))
    assert resolve_corpus(None) == seed_corpus.resolve()
    assert not bundled_case_home().exists()


def test_the_checkout_seeds_stay_clean_in_git() -> None:
    done = subprocess.run(
        ["git", "status", "--porcelain", "--ignored", "--", "data/seeds"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0:
        pytest.skip("not a git checkout")
    assert done.stdout == "", (
        "files in data/seeds that git does not track (left by a caseview older than the working copy?)"
    )
