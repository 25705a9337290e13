"""Promises the project makes about itself: the bundled corpus and the set-up commands."""

import re
from pathlib import Path

import pytest

from caseview.kernel.paths import BUNDLED_CORPUS, resolve_corpus

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def test_every_command_defaults_to_the_bundled_seeds() -> None:
    assert resolve_corpus(None) == (ROOT / "data" / "seeds").resolve() == BUNDLED_CORPUS


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
