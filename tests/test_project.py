"""Promises the project makes about itself: the bundled corpus and the set-up commands."""

import re
from pathlib import Path

import pytest

from caseview.kernel.paths import BUNDLED_CORPUS, resolve_corpus

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def test_from_a_checkout_the_bundled_seeds_are_data_seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (ROOT / "data" / "seeds").resolve() == BUNDLED_CORPUS
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    copy = resolve_corpus(None)  # every command defaults to a working copy of them
    assert copy == (tmp_path / "data" / "caseview" / "bundled-case").resolve()
    assert sorted(p.name for p in copy.iterdir()) == sorted(p.name for p in BUNDLED_CORPUS.iterdir())


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="the shared seed folder is not beside this checkout")
def test_the_bundled_seeds_are_the_shared_articles_byte_for_byte() -> None:
    shared = sorted(path.name for path in SHARED_SEEDS.iterdir())
    assert sorted(path.name for path in BUNDLED_CORPUS.glob("*.txt")) == shared
    for name in shared:
        assert (BUNDLED_CORPUS / name).read_bytes() == (SHARED_SEEDS / name).read_bytes(), name


def test_ci_runs_the_readme_commands() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    install, tests = blocks[0], blocks[1]
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert install.removesuffix(" && .venv/bin/caseview") in ci_lines
    assert tests in ci_lines
