"""Noticing what another window (or the CLI) changed in the corpus folder, by a cheap poll of its
file stamps (``Workspace.changes_since``) every ``Settings.watch_interval`` seconds.

This window's own changes come back with the folder's state token after them (``ChangeDone.token``),
and :meth:`Watcher.seen` records it, so they are not taken for another window's.
"""

from __future__ import annotations

from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker

from caseview.tui.messages import OutsideChanges
from caseview.tui.workers import start_worker
from caseview.workspace import StateToken, Workspace, WorkspaceChanges


class Watcher(Widget):
    """Polls the folder (in a worker) and posts :class:`OutsideChanges`; shows nothing itself."""

    DEFAULT_CSS = "Watcher { display: none; }"

    def __init__(self, workspace: Workspace, interval: float | None) -> None:
        super().__init__()
        self.workspace = workspace
        self.interval = interval
        self.token: StateToken | None = None
        self._timer: Timer | None = None
        self._worker: Worker[None] | None = None

    def start(self) -> None:
        """Look every ``interval`` seconds (never, when the interval is None)."""
        if self.interval is not None and self._timer is None:
            self._timer = self.set_interval(self.interval, self._tick)

    def seen(self, token: StateToken | None) -> None:
        """The folder's state after this window's own change."""
        if token is not None:
            self.token = token

    def on_outside_changes(self, message: OutsideChanges) -> None:
        self.token = message.token  # and on to the screen, which shows what changed

    def _tick(self) -> None:
        if self._worker is None or self._worker.is_finished:
            self.check_now()

    def check_now(self) -> Worker[None]:
        """Look at the folder once, now."""
        workspace = self.workspace
        token = self.token

        def job() -> None:
            now = workspace.state_token()
            if token is None:  # the first look: nothing to compare with yet
                self.post_message(OutsideChanges(WorkspaceChanges(), now))
            elif now != token:
                self.post_message(OutsideChanges(workspace.changes_since(token), now))

        self._worker = start_worker(self, job, name="look for changes made elsewhere", group="watch")
        return self._worker
