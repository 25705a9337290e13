"""A terminal-level check of the jail: caseview's CLI and app run inside a real terminal (tmux) over a hostile corpus.

    python tests/hostile/tmux_check.py CORPUS     # prints the problems found, exits 1 if any

tmux is the terminal: it interprets what caseview writes exactly as a terminal would, so an escape
sequence that got through would change the pane's title (OSC 0/2) or colour the text (SGR). The check
reads the pane's title and its contents with their styles (``capture-pane -e``) after ``docs``,
``sources`` and ``export --format csv`` and after opening a document in the app.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 60.0


class Tmux:
    """One private tmux server (its own socket, no user configuration) with one 120×40 pane."""

    def __init__(self, home: Path) -> None:
        self.base = ["tmux", "-L", f"caseview-jail-{os.getpid()}", "-f", "/dev/null"]
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "CASEVIEW_CORPUS": "",
        }
        self.run("new-session", "-d", "-x", "120", "-y", "40", "-s", "jail", "-c", str(ROOT), "sh")

    def run(self, *arguments: str) -> str:
        done = subprocess.run(
            [*self.base, *arguments], capture_output=True, text=True, env=self.env, timeout=30, check=True
        )
        return done.stdout

    def title(self) -> str:
        return self.run("display-message", "-p", "-t", "jail", "#{pane_title}").strip()

    def screen(self, styled: bool = False) -> str:
        return self.run("capture-pane", "-p", "-t", "jail", "-S", "-2000", *(["-e"] if styled else []))

    def type(self, line: str) -> None:
        self.run("send-keys", "-t", "jail", "-l", line)
        self.run("send-keys", "-t", "jail", "Enter")

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "jail", *keys)

    def wait_for(self, found: Callable[[str], bool], what: str) -> None:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            if found(self.screen()):
                return
            time.sleep(0.2)
        raise TimeoutError(f"waited {WAIT_S:g} s for {what}; the screen:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, env=self.env, timeout=30, check=False)


def check(corpus: Path) -> list[str]:
    """The problems seen: a changed pane title, text coloured by the corpus, an escape not shown as its stand-in."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as home:
        tmux = Tmux(Path(home))
        try:
            title = tmux.title()
            python = sys.executable
            folder = str(corpus)
            for verb in ("docs", "sources", "export --format csv"):
                tmux.type(f"{python} -m caseview {verb} '{folder}'; echo VERB-$((40+2))")
                tmux.wait_for(lambda screen: screen.count("VERB-42") >= 1, f"caseview {verb} to finish")
                tmux.run("clear-history", "-t", "jail")
                problems += _problems(tmux, title, f"caseview {verb}")
            tmux.type("clear")
            tmux.type(f"{python} -m caseview '{folder}'")
            tmux.wait_for(lambda screen: "Sources" in screen and "REDTEXT" in screen, "the app to show the sources")
            tmux.keys("Enter")
            tmux.wait_for(lambda screen: "Headline of the hostile" in screen, "the reader to show a document")
            problems += _problems(tmux, title, "the app's reader")
            tmux.keys("q")
            tmux.wait_for(lambda screen: "Sources" not in screen, "the app to quit")
            if tmux.title() != title:
                problems.append(f"after the app quit the pane title is {tmux.title()!r}, was {title!r}")
        finally:
            tmux.close()
    return problems


def _problems(tmux: Tmux, title: str, after: str) -> list[str]:
    found = []
    now = tmux.title()
    if now != title or "PWNED" in now or "TITLE2" in now:
        found.append(f"after {after} the pane title is {now!r}, was {title!r}")
    styled = tmux.screen(styled=True)
    if "\x1b[31mREDTEXT" in styled:
        found.append(f"after {after} the outlet REDTEXT is shown in red: its escape reached the terminal")
    plain = tmux.screen()
    if "REDTEXT" in plain and "␛[31mREDTEXT" not in plain:
        found.append(f"after {after} REDTEXT is on screen without its escape shown as ␛")
    return found


if __name__ == "__main__":
    seen = check(Path(sys.argv[1]).resolve())
    print("\n".join(seen) or "terminal title and colours unchanged")
    sys.exit(1 if seen else 0)
