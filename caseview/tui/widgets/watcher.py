"""Noticing what another window (or the CLI) changed in the corpus folder — and, with a team server,
what other analysts changed, as soon as the server says so.

The folder is watched through the system's file events (``caseview.workspace.file_events``: inotify
on Linux): each batch of changed paths becomes the :class:`OutsideChanges` a poll would post, and a
changed document is re-indexed alone (``Workspace.refresh_paths``), with no scan of the folder. When
events cannot start (or stop working) the watcher falls back to a cheap poll of the folder's file
stamps (``Workspace.changes_since``) every ``Settings.watch_interval`` seconds, and says so once.

When polling, :meth:`Watcher.seen` takes the folder's state after each of this window's own changes,
so they are not taken for another window's. With a team server
(``Workspace.team``) it also nudges the link to send the change at once. The link writes other
analysts' changes into the local files and says which (:class:`TeamChanged`); the watcher then looks
at once, so they reach the panes through the very path a second window's changes take.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker

from caseview.casefile.store import DEFAULT_CASE_FILE, NAMED_CASE_SUFFIX
from caseview.extract.corrections import CORRECTIONS_FILE
from caseview.kernel.docmeta import META_SUFFIX
from caseview.tui.messages import OutsideChanges, TeamChanged
from caseview.tui.workers import start_worker
from caseview.workspace import StateToken, Workspace, WorkspaceChanges
from caseview.workspace.file_events import FileEventSource, FileEventsUnavailable, StartFileEvents
from caseview.workspace.team_link import TeamEvent
from caseview.workspace.watching import changes_of_paths


@dataclass
class EventsFailed(Message):
    """The file events stopped working (on their thread): poll from now on."""

    reason: str


class Watcher(Widget):
    """Watches the folder (file events, or a poll in a worker) and posts :class:`OutsideChanges`;
    shows nothing itself."""

    DEFAULT_CSS = "Watcher { display: none; }"

    def __init__(self, workspace: Workspace, interval: float | None, events: StartFileEvents | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.interval = interval
        #: How to start file events; None: always poll.
        self.start_events = events
        #: The running file events, while the folder is watched through them.
        self.events: FileEventSource | None = None
        self.token: StateToken | None = None
        self._timer: Timer | None = None
        self._worker: Worker[None] | None = None

    def start(self) -> None:
        """Watch the folder (never, when the interval is None): through file events when they start,
        else by a look every ``interval`` seconds; start the team link."""
        if self.interval is not None and self.events is None and self._timer is None:
            self.events = self._start_events()
            if self.events is None:
                self._timer = self.set_interval(self.interval, self._tick)
        if self.workspace.team is not None:
            self.post_message(TeamChanged(TeamEvent(self.workspace.team.state)))
            self.workspace.team.start(self._from_team)

    def _start_events(self) -> FileEventSource | None:
        if self.start_events is None:
            return None
        try:
            return self.start_events(self.workspace.root, self._from_events, self._events_failed)
        except FileEventsUnavailable as error:
            self._say_polling(str(error))
            return None

    def _say_polling(self, reason: str) -> None:
        self.notify(
            f"{reason}; looking for changes every {self.interval:g} s instead",
            severity="warning",
            markup=False,
            timeout=6,
        )

    def _from_events(self, paths: tuple[str, ...]) -> None:
        # Called on the events' thread: post_message is the thread-safe way in. The token stays the
        # empty one: with events no state is compared (and show_received then reports only its own).
        changes = changes_of_paths(self.workspace.root, paths)
        if changes.any:
            self.post_message(OutsideChanges(changes, StateToken()))

    def _events_failed(self, reason: str) -> None:
        self.post_message(EventsFailed(reason))

    def on_events_failed(self, message: EventsFailed) -> None:
        message.stop()
        self.events = None
        if self.interval is not None and self._timer is None:
            self._say_polling(message.reason)
            self.check_now()  # the first look of the poll: what it compares with
            self._timer = self.set_interval(self.interval, self._tick)

    def _from_team(self, event: TeamEvent) -> None:
        # Called on the link's thread: post_message is the thread-safe way in.
        self.post_message(TeamChanged(event))

    def on_team_changed(self, message: TeamChanged) -> None:
        if message.event.received or message.event.files:
            self.show_received(message.event.received, message.event.files)
        # and on to the screen, which shows the link's state in the status line

    def on_unmount(self) -> None:
        if self.events is not None:
            self.events.stop()
            self.events = None
        if self.workspace.team is not None:
            self.workspace.team.stop()

    def seen(self) -> None:
        """This window changed the folder (and told the analyst so).

        When polling, the folder's state now becomes what the next look compares with, so the change
        is not taken for another window's. The state is taken here, and only when polling, rather than
        by each change's worker: it stats every file (seconds at 200,000) and file events need none.
        With events this window's own writes come back as events, and reload what was just written."""
        if self.events is None and self._timer is not None:
            workspace = self.workspace

            def job() -> None:
                self.token = workspace.state_token()

            start_worker(self, job, name="note the folder's state after a change", group="watch-own")
        if self.workspace.team is not None:
            self.workspace.team.nudge()

    def on_outside_changes(self, message: OutsideChanges) -> None:
        if self.events is None:  # a poll's (or a look's) token; events carry none
            self.token = message.token
        # and on to the screen, which shows what changed

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

    def show_received(self, docs: tuple[str, ...], files: tuple[str, ...] = ()) -> Worker[None]:
        """Look now, after the team link wrote other analysts' changes to the annotations of ``docs`` and
        to ``files`` (case files, corrections, metadata): those are reported changed even when there
        was no earlier look to compare with."""
        workspace = self.workspace
        token = self.token
        told = received_changes(docs, files)

        def job() -> None:
            now = workspace.state_token()
            changes = workspace.changes_since(token) if token is not None else WorkspaceChanges()
            self.post_message(OutsideChanges(_union(changes, told), now))

        return start_worker(self, job, name="show the team's changes", group="team-watch")


def received_changes(docs: tuple[str, ...], files: tuple[str, ...]) -> WorkspaceChanges:
    """The changes the team link says it wrote, in the watcher's terms."""
    cases: list[str | None] = []
    documents: list[str] = []
    for name in files:
        if name == DEFAULT_CASE_FILE:
            cases.append(None)
        elif name.endswith(NAMED_CASE_SUFFIX):
            cases.append(name[: -len(NAMED_CASE_SUFFIX)])
        elif name.endswith(META_SUFFIX):
            documents.append(name)
    return WorkspaceChanges(
        documents=tuple(documents), annotations=docs, cases=tuple(cases), entities=CORRECTIONS_FILE in files
    )


def _union(first: WorkspaceChanges, second: WorkspaceChanges) -> WorkspaceChanges:
    return replace(
        first,
        documents=tuple(dict.fromkeys([*first.documents, *second.documents])),
        annotations=tuple(dict.fromkeys([*first.annotations, *second.annotations])),
        cases=tuple(dict.fromkeys([*first.cases, *second.cases])),
        entities=first.entities or second.entities,
    )
