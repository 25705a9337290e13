"""The core never loads the terminal UI libraries at run time (see ARCHITECTURE.md, "Layers"), and a
command loads only what it uses (ARCHITECTURE.md, "Start-up").

``lint-imports`` checks the same rule statically from the import statements; this test checks what
Python really loads, in a fresh interpreter, so an import hidden behind a plugin or a re-export is
caught too. Each package is imported on its own, so a failure names the package that pulls them in.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from caseview.corpus.extraction import EXTRACTORS, NamedReader
from caseview.workspace import Workspace
from tests.corpus.makers import make_pdf

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


def run_command(arguments: list[str], exit_code: int = 0) -> tuple[str, set[str]]:
    """Run ``caseview ARGUMENTS`` as the command runs (through ``__main__``) in a fresh interpreter:
    what it printed, and every module it had loaded when it finished."""
    program = (
        "import json, runpy, sys\n"
        f"sys.argv = ['caseview', *{arguments!r}]\n"
        "code = 0\n"
        "try:\n"
        "    runpy.run_module('caseview', run_name='__main__', alter_sys=True)\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write('\\n' + json.dumps({'code': code, 'modules': sorted(sys.modules)}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stderr.splitlines()[-1])
    assert outcome["code"] == exit_code, done.stderr
    return done.stdout, set(outcome["modules"])


def test_the_top_level_help_loads_no_library_a_verb_or_the_app_needs() -> None:
    # The usage is built from the verb table alone, so it must not pay for the app, the index, the
    # models, the team server or PDF reading.
    printed, modules = run_command(["--help"])
    assert "usage: caseview [FOLDER]" in printed
    loaded = {name.partition(".")[0] for name in modules}
    assert not {"textual", "whoosh", "psycopg", "pypdfium2", "pydantic", "rich"} & loaded


#: What a search on a warm index never uses: the extraction, the case, the exports, provenance, the
#: team code, the annotation store and service (a refresh only stats annotation files), the format
#: readers and their libraries, the progress bar, the app.
NOT_FOR_A_WARM_SEARCH = (
    "caseview.extract",
    "caseview.casefile",
    "caseview.export",
    "caseview.provenance",
    "caseview.team",
    "caseview.tui",
    "caseview.annotations.service",
    "caseview.annotations.store",
    "caseview.annotations.model",
    "caseview.corpus.formats.pdf",
    "caseview.corpus.formats.office",
    "caseview.corpus.formats.epub",
    "caseview.corpus.formats.outlook",
    "caseview.corpus.formats.rtf",
    "caseview.corpus.formats.mail",
    "pypdfium2",
    "olefile",
    "striprtf",
    "psycopg",
    "textual",
    "rich.progress",
)


def test_a_search_on_a_warm_index_loads_only_what_searching_needs(tmp_path: Path) -> None:
    # The PDF's snippet comes from the text cache: finding and showing it must not load PDFium.
    (tmp_path / "memo.txt").write_text("The lighthouse keeper wrote to the ministry.\n", encoding="utf-8")
    make_pdf(tmp_path / "report.pdf", [["The lighthouse was sold in 1921."], ["A second page."]])
    Workspace.open(tmp_path).close()  # warm: indexed, nothing changes before the search
    printed, modules = run_command(["search", str(tmp_path), "lighthouse"])
    assert "2 documents match 'lighthouse'" in printed and "sold in 1921" in printed and "ministry" in printed
    assert "caseview.search.index" in modules and "whoosh" in modules  # it did search
    loaded = sorted(name for name in modules if name.startswith(NOT_FOR_A_WARM_SEARCH))
    assert loaded == []


def test_a_tag_search_on_a_warm_index_loads_annotations_but_not_the_extraction(tmp_path: Path) -> None:
    # tag: marks the tagged passages: that needs the annotation service, made on first use; the
    # extraction, the case and the exports are still not loaded.
    (tmp_path / "memo.txt").write_text("The lighthouse keeper wrote to the ministry.\n", encoding="utf-8")
    workspace = Workspace.open(tmp_path)
    try:
        workspace.annotate_quote("memo.txt", "lighthouse keeper", tags=["keeper"])
        workspace.refresh()
    finally:
        workspace.close()
    printed, modules = run_command(["search", str(tmp_path), "tag:keeper"])
    assert "1 document match 'tag:keeper'" in printed and "lighthouse keeper" in printed
    assert "caseview.annotations.service" in modules
    assert sorted(name for name in modules if name.startswith(("caseview.extract", "caseview.export"))) == []


@pytest.mark.parametrize("fmt", sorted(EXTRACTORS))
def test_every_format_reader_the_registry_names_exists(fmt: str) -> None:
    # The registry names readers instead of importing them: a misspelt name must fail here, not on
    # the first analyst's file of that format.
    reader = EXTRACTORS[fmt].read
    assert isinstance(reader, NamedReader)
    assert callable(getattr(importlib.import_module(reader.module), reader.function))
