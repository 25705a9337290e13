"""The app object, its factory (used by the CLI and the tests alike) and the entry point."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from caseview.kernel.paths import CorpusNotFound
from caseview.tui.features import WorkspaceFeatures
from caseview.tui.keys import KeySpec, palette_commands
from caseview.tui.screens.main import MainScreen
from caseview.workspace import Workspace


class CaseviewApp(App[None]):
    """caseview: explore a folder of documents by keyboard."""

    CSS_PATH = "caseview.tcss"
    TITLE = "caseview"

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.workspace_features = WorkspaceFeatures(workspace)
        self.sub_title = str(workspace.root)

    def get_default_screen(self) -> Screen:
        return MainScreen(self.workspace, self.workspace_features)

    @property
    def main_screen(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette: Textual's own commands (theme, keys, screenshot…) and every caseview action."""
        for command in super().get_system_commands(screen):
            if command.title != "Quit":  # ours says which key quits
                yield command
        if not isinstance(screen, MainScreen):
            return
        for spec in palette_commands():
            if spec.builtin or not self._palette_allows(screen, spec):
                continue
            yield SystemCommand(
                spec.command_title, f"{spec.help}  (key: {spec.display_keys})", self._palette_callback(spec.action)
            )

    def _palette_allows(self, screen: MainScreen, spec: KeySpec) -> bool:
        namespace, _, action = spec.action.partition(".")
        if namespace != "screen":
            return True
        name = action.split("(", 1)[0]
        return screen.check_action(name, ()) is not False

    def _palette_callback(self, action: str):
        async def run() -> None:
            await self.run_action(action)

        return run


def make_app(corpus: str | Path | None = None, *, workspace: Workspace | None = None) -> CaseviewApp:
    """The app on ``corpus`` (default: the bundled seeds); cheap — indexing starts once the app runs."""
    return CaseviewApp(workspace if workspace is not None else Workspace(corpus))


def run_app(corpus: str | None) -> int:
    """Run the app in this terminal; returns the process exit status."""
    try:
        app = make_app(corpus)
    except CorpusNotFound as error:
        print(f"caseview: {error}", file=sys.stderr)
        return 2
    app.run()
    return app.return_code or 0
