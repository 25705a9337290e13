"""The wheel carries the bundled case: built from a copy of the source, installed into a fresh venv
outside the checkout, and run from a folder that is not the checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

from caseview.kernel.paths import CHECKOUT_SEEDS, PACKAGED_SEEDS, SEED_PATTERNS

ROOT = Path(__file__).resolve().parents[2]
#: What a source distribution of caseview holds: enough to build the wheel, nothing of a developer's.
SOURCES = ("caseview", "data", "pyproject.toml", "setup.py", "README.md")


def test_the_wheel_ships_the_seeds_with_the_patterns_the_working_copy_copies() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert setuptools["package-dir"] == {f"caseview.{PACKAGED_SEEDS}": "data/seeds"}
    assert tuple(setuptools["package-data"][f"caseview.{PACKAGED_SEEDS}"]) == SEED_PATTERNS


def _copy_sources(target: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".caseview", "*.lock", "*.egg-info")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


def _run(command: list[str | Path], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd, env=env, timeout=300)
    assert done.returncode in (0, 1), f"{command}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.mark.slow
def test_the_installed_wheel_opens_the_bundled_case_outside_the_checkout(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CASEVIEW_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"), COLUMNS="200")
    source = _copy_sources(tmp_path / "src")
    _run([sys.executable, "-m", "pip", "wheel", source, "--no-deps", "-q", "-w", tmp_path / "dist"], tmp_path, env)
    (wheel,) = (tmp_path / "dist").glob("caseview-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        shipped = sorted(n for n in archive.namelist() if n.startswith(f"caseview/{PACKAGED_SEEDS}/"))
        # The articles and their .meta.json sidecars (title, outlet, publication date) both ship.
        assert [n.rsplit("/", 1)[1] for n in shipped] == sorted(p.name for p in CHECKOUT_SEEDS.iterdir())
        assert archive.read(shipped[0]) == (CHECKOUT_SEEDS / shipped[0].rsplit("/", 1)[1]).read_bytes()

    venv.create(tmp_path / "venv", with_pip=True)
    bin_dir = tmp_path / "venv" / "bin"
    _run([bin_dir / "python", "-m", "pip", "install", "-q", wheel], tmp_path, env)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    docs = _run([bin_dir / "caseview", "docs", "--json"], elsewhere, env)
    assert [row["id"] for row in json.loads(docs.stdout)] == sorted(p.name for p in CHECKOUT_SEEDS.glob("*.txt"))
    copy = tmp_path / "data" / "caseview" / "bundled-case"
    assert f"your working copy of the bundled case is {copy}" in " ".join(docs.stderr.split())

    search = _run([bin_dir / "caseview", "search", "mythos"], elsewhere, env)
    assert search.returncode == 0 and "5 documents match 'mythos'" in search.stdout
    assert "Trump Admin releases Anthropic Mythos" in search.stdout

    installed = json.loads(
        _run(
            [
                bin_dir / "python",
                "-c",
                "import json, caseview.kernel.paths as p; print(json.dumps(str(p.BUNDLED_CORPUS)))",
            ],
            elsewhere,
            env,
        ).stdout
    )
    site = Path(installed)
    assert site.is_relative_to(tmp_path / "venv") and site.name == PACKAGED_SEEDS
    assert sorted(p.name for p in site.iterdir() if p.name != "__pycache__") == sorted(
        p.name for p in CHECKOUT_SEEDS.iterdir()
    ), "caseview wrote into the installed package"
