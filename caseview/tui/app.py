"""The app object, its factory (used by the CLI and the tests alike) and the entry point."""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

from rich.console import RenderableType
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from caseview.kernel.paths import CorpusNotFound, default_corpus
from caseview.kernel.textsafe import one_line, printable
from caseview.team.settings import TeamConfigError
from caseview.tui.keys import KeySpec, binding_ids, palette_commands
from caseview.tui.screens.main import MainScreen
from caseview.tui.settings import Place, Settings, read_keymap, read_place, write_place
from caseview.tui.trail import Mark, Trail
from caseview.tui.widgets.panes.reader import ReaderPane
from caseview.workspace import Workspace


class CaseviewApp(App[None]):
    """caseview: explore a folder of documents by keyboard."""

    CSS_PATH = "caseview.tcss"
    TITLE = "caseview"
    #: False until the remembered theme is back (so restoring it is not taken for the analyst's choice).
    _place_restored = False

    def __init__(self, workspace: Workspace, settings: Settings | None = None, *, notice: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings or Settings()
        #: Said once when the app opens (e.g. where the working copy of the bundled case was just made).
        self.opening_notice = notice
        self.sub_title = one_line(str(workspace.root))
        self._keymap_problems: tuple[str, ...] = ()
        keymap = read_keymap(self.settings.keymap_file, binding_ids())
        self._keymap_problems = keymap.problems
        if keymap.keymap:
            self.set_keymap(dict(keymap.keymap))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice of the app (widgets' and screens' ``notify`` come here): names in it are jailed (issue 12)."""
        super().notify(printable(message), title=one_line(title), severity=severity, timeout=timeout, markup=markup)

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.workspace, self.settings)

    def on_mount(self) -> None:
        self._restore_place()
        if self.opening_notice:
            self.notify(self.opening_notice, title="caseview", markup=False, timeout=12)
        if self._keymap_problems:
            problems = "\n".join(self._keymap_problems)
            self.notify(problems, title="keymap.toml: entries ignored", severity="warning", markup=False, timeout=10)

    # -- where the app was (issue 13, bug 10) --------------------------------------------------------
    def _restore_place(self) -> None:
        """The theme, and the document and position this corpus was left at, as the last run left them."""
        place = read_place(self.settings.state_file, self.workspace.root)
        if place.theme and place.theme in self.available_themes:
            self.theme = place.theme
        self._place_restored = True
        document = place.document
        if document and (self.workspace.root / document).is_file():
            mark = Mark(document, place.offset, place.offset + 1)
            trail = Trail("passage", "where you left off", (mark,))
            self.call_after_refresh(self._open_when_ready, document, trail, 100)

    def _open_when_ready(self, document: str, trail: Trail, tries: int) -> None:
        """Open the remembered document once the main screen has its panes (a few refreshes after mount)."""
        main = self.screen_stack[0] if self.screen_stack else None
        if isinstance(main, MainScreen) and main.query(ReaderPane):
            main.reader.open(document, trail, focus_reader=False)
        elif tries > 0:
            self.call_after_refresh(self._open_when_ready, document, trail, tries - 1)

    def remember_place(self) -> None:
        """Keep the theme and the open document and position for the next run."""
        main = self.screen_stack[0] if self.screen_stack else None
        reader = main.reader if isinstance(main, MainScreen) and main.query(ReaderPane) else None
        document = reader.document_id if reader is not None else None
        offset = reader.view.cursor_offset() if reader is not None and document is not None else 0
        write_place(self.settings.state_file, self.workspace.root, Place(self.theme, document, offset))

    def watch_theme(self, theme: str) -> None:
        if self._place_restored:  # a theme picked by the analyst, not the one being restored
            write_place(self.settings.state_file, self.workspace.root, Place(theme=theme))

    def exit(self, result: None = None, return_code: int = 0, message: RenderableType | None = None) -> None:
        self.remember_place()
        super().exit(result, return_code, message)

    @property
    def main_screen(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place a failed worker becomes a notice (every worker runs with ``exit_on_error=False``)."""
        if event.state is not WorkerState.ERROR:
            return
        error = event.worker.error
        reason = f"{type(error).__name__}: {error}" if error is not None else "it stopped"
        self.notify(reason, title=f"Could not {event.worker.name}", severity="error", markup=False, timeout=8)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
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
                spec.command_title, f"{spec.help}  (key: {spec.display_keys})", self._palette_callback(screen, spec)
            )

    def _palette_allows(self, screen: MainScreen, spec: KeySpec) -> bool:
        """Whether the action applies now (the same check that dims its key)."""
        namespace, _, action = spec.action.rpartition(".")
        name = action.split("(", 1)[0]
        if spec.pane is not None:
            return screen.pane(spec.pane).check_action(name, ()) is not False
        if namespace == "screen":
            return screen.check_action(name, ()) is not False
        return True

    def _palette_callback(self, screen: MainScreen, spec: KeySpec) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            if spec.pane is None:
                await self.run_action(spec.action)
                return
            pane = screen.pane(spec.pane)
            screen.action_focus_pane(spec.pane)  # the pane's action works on what it shows
            await self.run_action(spec.action, pane)

        return run


def make_app(
    corpus: str | Path | None = None,
    *,
    workspace: Workspace | None = None,
    settings: Settings | None = None,
    notice: str | None = None,
) -> CaseviewApp:
    """The app on ``corpus`` (default: the working copy of the bundled case); cheap — indexing starts
    once the app runs."""
    return CaseviewApp(workspace if workspace is not None else Workspace(corpus), settings, notice=notice)


def app_for(corpus: str | None, team: str | None = None) -> CaseviewApp:
    """The app ``caseview [--team URL] [FOLDER]`` opens: on FOLDER, else on ``$CASEVIEW_CORPUS`` or the
    working copy of the bundled case — saying where that copy is on the run that made it — linked to
    the team server of ``--team``, ``$CASEVIEW_TEAM_URL`` or the folder's ``caseview.toml`` if any."""
    notice = None
    if corpus is None:
        chosen = default_corpus()
        corpus = str(chosen.path)
        if chosen.created:
            notice = (
                f"Your working copy of the bundled case is {printable(str(chosen.path))} "
                "(the installed seeds stay untouched)."
            )
    workspace = Workspace(corpus)
    workspace.join_team(team)
    return make_app(workspace=workspace, notice=notice)


def run_app(corpus: str | None, team: str | None = None) -> int:
    """Run the app in this terminal; returns the process exit status."""
    try:
        app = app_for(corpus, team)
    except CorpusNotFound as error:
        print(f"caseview: {error}", file=sys.stderr)
        return 2
    except TeamConfigError as error:
        print(f"caseview: {printable(str(error))}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"caseview: cannot make the working copy of the bundled case: {error}", file=sys.stderr)
        return 2
    app.run()
    return app.return_code or 0
