"""The core never loads the terminal UI libraries at run time (see ARCHITECTURE.md, "Layers").

``lint-imports`` checks the same rule statically from the import statements; this test checks what
Python really loads, in a fresh interpreter, so an import hidden behind a plugin or a re-export is
caught too. Each package is imported on its own, so a failure names the package that pulls them in.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TERMINAL_UI = ("textual", "rich")
CORE_PACKAGES = [
    "caseview.kernel",
    "caseview.corpus",
    "caseview.search",
    "caseview.annotations",
    "caseview.extract",
    "caseview.casefile",
    "caseview.export",
    "caseview.workspace",
]


def loaded_after_import(modules: list[str], watched: tuple[str, ...]) -> list[str]:
    """Which of ``watched`` (top-level package names) are in ``sys.modules`` after importing ``modules``."""
    program = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        f"print(json.dumps(sorted(n for n in {list(watched)!r} if n in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout)
    return loaded


@pytest.mark.parametrize("module", CORE_PACKAGES)
def test_core_packages_do_not_load_textual_or_rich(module: str) -> None:
    assert loaded_after_import([module], TERMINAL_UI) == []


def test_the_workspace_and_the_cli_do_not_load_textual() -> None:
    # `caseview` with no verb opens the app: textual is imported then, and only then.
    assert loaded_after_import(["caseview.workspace", "caseview.cli"], ("textual",)) == []


def test_the_workspace_and_the_cli_do_not_load_rich() -> None:
    assert loaded_after_import(["caseview.workspace", "caseview.cli"], ("rich",)) == []


def test_the_bare_package_loads_nothing_heavy() -> None:
    # `import caseview` (e.g. for its version) must not pay for the index, the models or the UI.
    assert loaded_after_import(["caseview"], (*TERMINAL_UI, "whoosh", "pydantic")) == []


def test_the_top_level_help_loads_no_library_a_verb_or_the_app_needs() -> None:
    # `python -m caseview --help`, run as the command is (through __main__): the usage is built from
    # the verb table alone, so it must not pay for the app, the index, the team server or PDF reading.
    program = (
        "import json, runpy, sys\n"
        "sys.argv = ['caseview', '--help']\n"
        "try:\n"
        "    runpy.run_module('caseview', run_name='__main__', alter_sys=True)\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "usage: caseview [FOLDER]" in done.stdout
    loaded = {name.partition(".")[0] for name in json.loads(done.stderr.splitlines()[-1])}
    assert not {"textual", "whoosh", "psycopg", "pypdfium2", "pydantic", "rich"} & loaded
