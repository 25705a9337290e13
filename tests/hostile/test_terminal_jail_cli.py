"""The terminal jail on the command line: no verb prints a raw control character from a hostile corpus.

Every name and field of the corpus (file names, titles, outlets, authors, tags, notes, entity names,
e-mail headers, the case's header and sections) carries escape sequences; output is captured without
a terminal, so rich adds no escapes of its own and any control character found came from the data.
"""

from __future__ import annotations

import contextlib
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caseview.cli import main
from tests.hostile.corpus import ARTICLE, MAIL, NEWLINE_NAME, OSC_TITLE, build_hostile_corpus, raw_controls


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile_corpus(tmp_path_factory.mktemp("jail") / "hostile")


def _verbs(corpus: str) -> list[list[str]]:
    return [
        ["index", corpus],
        ["docs", corpus],
        ["docs", corpus, "--json"],
        ["search", corpus, "mythos"],
        ["search", corpus, "pentagon", "--json"],
        ["search", corpus, "tag:ok*"],
        ["search", corpus, f"bad {OSC_TITLE} query ("],
        ["search", corpus, f"titel:{OSC_TITLE}"],
        ["entities", corpus],
        ["entities", corpus, "--json"],
        ["events", corpus],
        ["sources", corpus],
        ["sources", corpus, "--verbose"],
        ["annotations", corpus],
        ["annotations", corpus, "--", ARTICLE],
        ["annotations", corpus, "--", NEWLINE_NAME],
        ["annotations", corpus, "--", f"missing{OSC_TITLE}.txt"],
        ["check", corpus],
        ["check", corpus, "--json"],
        ["tag", corpus, "--quote", "Mythos", "--tag", "fine", "--", MAIL],
        ["tag", corpus, "--quote", f"not there {OSC_TITLE}", "--tag", "x", "--", ARTICLE],
        ["case", corpus, "show"],
        ["case", corpus, "list"],
        ["case", corpus, "add", "passage", "--quote", "Pentagon", "--", NEWLINE_NAME],
        ["case", corpus, "add", "note", f"another {OSC_TITLE} note"],
        ["case", corpus, "show", "--json"],
        ["export", corpus, "--format", "md"],
        ["export", corpus, "--format", "json"],
        ["export", corpus, "--format", "html"],
        [f"unknown{OSC_TITLE}", corpus, "x"],
    ]


def test_no_verb_prints_a_raw_control_character(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Guards issue 12's "an outlet colours the screen, a file name changes the window title"."""
    leaks: dict[str, list[str]] = {}
    for argv in _verbs(str(hostile)):
        with contextlib.suppress(SystemExit):  # argparse's usage errors: checked like any other output
            main(argv)
        captured = capsys.readouterr()
        found = raw_controls(captured.out) + raw_controls(captured.err)
        if found:
            leaks[" ".join(argv[:2] + argv[3:])[:80]] = found[:3]
    assert leaks == {}


def test_names_are_shown_escaped_on_one_line(hostile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file name with a newline, tab and carriage return is one row of `docs`, written with \\n \\t \\r."""
    main(["docs", str(hostile)])
    out = capsys.readouterr().out
    (row,) = [line for line in out.splitlines() if "two" in line and "lines" in line]
    assert "two\\nlines\\tand\\rtab.txt" in row
    assert "␛]0;PWNED␇report" in out


def test_a_csv_export_is_data_in_a_pipe_and_jailed_on_a_terminal(hostile: Path, tmp_path: Path) -> None:
    """CSV to a pipe keeps the quotes exactly; the same export on a terminal (a real pty) shows no raw escape."""
    command = [sys.executable, "-m", "caseview", "export", str(hostile), "--format", "csv"]
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    piped = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=True)
    assert OSC_TITLE in piped.stdout  # data, exactly as the case holds it
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(command, stdout=follower, stderr=follower, env=env)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert process.wait(timeout=120) == 0
    finally:
        os.close(leader)
    shown = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    assert "PWNED" in shown
    assert raw_controls(shown) == []


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed: the terminal-level check needs it")
def test_in_a_real_terminal_the_title_and_colours_stay_unchanged(tmp_path: Path) -> None:
    """tmux interprets caseview's output as a terminal does: no OSC retitles the pane, no SGR colours REDTEXT."""
    from tests.hostile.tmux_check import check

    corpus = build_hostile_corpus(tmp_path / "hostile")
    assert check(corpus) == []
