"""How ``caseview`` finds a verb: the table, lazy imports, the app's folder, usage errors."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from caseview.cli import main
from caseview.cli.command import Command
from caseview.cli.verbs import VERBS

ROOT = Path(__file__).resolve().parents[2]


def test_every_verb_in_the_table_is_implemented_by_its_module_and_nothing_else_is() -> None:
    modules = {verb.module for verb in VERBS}
    implemented = {name for module in modules for name in importlib.import_module(module).COMMANDS}
    assert implemented == {verb.name for verb in VERBS}
    for verb in VERBS:
        assert isinstance(importlib.import_module(verb.module).COMMANDS[verb.name], Command)


def _modules_loaded_by(*argv: str) -> tuple[int, str, set[str]]:
    """Run ``caseview ARGV`` in a fresh interpreter; its exit code, stdout and the modules it imported."""
    script = (
        "import json, sys\n"
        "from caseview.cli import main\n"
        "try:\n"
        f"    code = main({list(argv)!r})\n"
        "except SystemExit as exit:\n"
        "    code = exit.code\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
        "raise SystemExit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False, cwd=ROOT)
    return done.returncode, done.stdout, set(json.loads(done.stderr.splitlines()[-1]))


def test_top_level_help_lists_every_verb_without_importing_any_of_them() -> None:
    code, out, modules = _modules_loaded_by("--help")
    assert code == 0
    for verb in VERBS:
        assert f"  {verb.name} " in out and verb.summary in out
    assert "caseview [FOLDER]" in out
    heavy = {
        "pydantic",
        "whoosh",
        "rich",
        "textual",
        "psycopg",
        "pypdfium2",
        "caseview.workspace",
        "caseview.cli.common",
    }
    assert not heavy & modules
    assert not {verb.module for verb in VERBS} & modules


def test_a_verb_imports_its_own_module_and_not_the_others_or_the_app() -> None:
    code, out, modules = _modules_loaded_by("case", "--help")
    assert code == 0 and "usage: caseview case" in out
    assert "caseview.cli.case_commands" in modules
    assert not {"caseview.cli.search_command", "caseview.cli.extract", "textual", "caseview.tui"} & modules


def test_every_light_arguments_module_builds_the_same_command_line_as_the_verb_module() -> None:
    for verb in VERBS:
        if verb.arguments is None:
            continue
        command = importlib.import_module(verb.module).COMMANDS[verb.name]
        light = importlib.import_module(verb.arguments).ARGUMENTS[verb.name]
        assert command.arguments == light, verb.name


LIGHT = [verb.name for verb in VERBS if verb.arguments is not None]
HELP_AND_USAGE_ERRORS = [(name, "--help") for name in LIGHT] + [("search", "--limit", "many", "q"), ("docs", "--bogus")]


def test_search_and_the_reading_verbs_have_light_arguments_modules() -> None:
    assert {"search", "index", "docs", "events", "sources"} <= set(LIGHT)


@pytest.mark.parametrize("argv", HELP_AND_USAGE_ERRORS, ids="-".join)
def test_a_verb_with_a_light_arguments_module_answers_help_and_usage_errors_without_its_module(
    argv: tuple[str, ...],
) -> None:
    code, out, modules = _modules_loaded_by(*argv)
    assert code == 0 if argv[-1] == "--help" else code == 2
    if argv[-1] == "--help":
        assert f"usage: caseview {argv[0]}" in out
    heavy = {"pydantic", "whoosh", "rich", "textual", "psycopg", "pypdfium2", "caseview.workspace"}
    assert not heavy & modules
    assert not {verb.module for verb in VERBS} & modules


def test_a_verb_with_a_light_arguments_module_runs_from_its_own_module(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text("A lighthouse keeper kept the lamp lit.\n", encoding="utf-8")
    code, out, modules = _modules_loaded_by("search", str(corpus), "lighthouse")
    assert code == 0 and "one.txt" in out
    assert "caseview.cli.search_command" in modules
    assert not {"caseview.cli.case_commands", "textual", "caseview.tui"} & modules
    assert "rich.progress" in modules  # the first run indexed the document, behind a progress bar
    code, out, modules = _modules_loaded_by("search", str(corpus), "lighthouse")
    assert code == 0 and "one.txt" in out
    assert "rich.progress" not in modules  # a warm index has nothing to report


def test_version() -> None:
    code, out, _ = _modules_loaded_by("--version")
    assert code == 0 and out.startswith("caseview ")


def test_a_mistyped_verb_is_a_usage_error_that_names_the_likely_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["serach", "mythos"])
    assert exit.value.code == 2
    assert "unknown command 'serach' (did you mean 'search'?)" in capsys.readouterr().err


def test_an_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["--bogus"])
    assert exit.value.code == 2 and "unrecognized arguments: --bogus" in capsys.readouterr().err


def test_the_app_on_a_missing_folder_says_so_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nowhere")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_the_corpus_may_come_before_the_action_of_case_and_entity(
    seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["case", str(seed_corpus), "--case", "x", "add", "note", "hello"]) == 0
    assert main(["case", "--case", "x", "show", "--json"]) == 1  # the bundled case has no case file "x"
    capsys.readouterr()
    assert main(["case", str(seed_corpus), "show", "--case", "x", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sections"][0]["items"][0]["record"]["text"] == "hello"
