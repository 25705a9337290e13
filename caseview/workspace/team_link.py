"""The open app's live link to its team server: local changes out, other analysts' changes in.

The app keeps reading and writing the files beside the documents; :class:`TeamLink` runs beside it
on its own thread with its own :class:`~caseview.team.session.TeamSession` (so the app never waits
on the network) and keeps those files and the server in step:

- **out**: every annotation file that changed here (this window, a second one, the CLI beside it)
  is sent with the normal three-way merge; the app nudges the link after each of its own changes
  (:meth:`TeamLink.nudge`), and the link also looks every ``poll_interval`` seconds;
- **in**: a notification from the server (LISTEN/NOTIFY) names the document another analyst
  changed; the link merges the server's records into the local file, and that file change reaches
  the panes through the same "changed elsewhere" path as a second window's (the app looks at once
  when told, rather than at its next poll).

Never lose a tag: when the server cannot be reached, a change stays in its local file (written
atomically under its lock like every file of the analyst's) and the document stays marked pending
in ``caseview-team.json``; the local records whose revision differs from the one last agreed with
the server *are* the journal, so even a change whose pending mark a kill cut off is found again.
Every time the link (re)connects it sends those differences and brings every shared document here.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from caseview.annotations.store import sidecar_path
from caseview.team.session import TeamSession
from caseview.team.settings import TeamConfigError
from caseview.workspace.watching import scan_state

if TYPE_CHECKING:
    from caseview.team.notify import ChangeListener

_Stamp = tuple[int, int, int]
#: How long one wait for the server's notifications lasts (also how quickly a nudge is acted on).
WAIT_S = 0.05
#: How often the link tries again to reach a server that did not answer.
RETRY_S = 1.0
#: How often the link looks for local changes nobody told it about (the CLI, a second window).
POLL_S = 1.5


@dataclass(frozen=True)
class TeamState:
    """What the status line says about the team server."""

    server: str
    connected: bool = False
    #: The PostgreSQL role changes are made as (empty until connected once).
    role: str = ""
    #: Local changes (records) not yet on the server.
    pending: int = 0
    problem: str = ""

    @property
    def line(self) -> str:
        """``team: connected as analyst_a`` / ``team: server unreachable, 3 changes kept locally``."""
        if not self.connected and not self.problem:
            return "team: connecting…"
        if self.connected and not self.pending:
            return f"team: connected as {self.role}"
        if self.connected:
            return f"team: connected as {self.role}, sending {self.pending}"
        changes = "1 change" if self.pending == 1 else f"{self.pending} changes"
        return f"team: server unreachable, {changes} kept locally"


@dataclass(frozen=True)
class TeamEvent:
    """Something the app should show: the link's state, files the server's changes rewrote, refusals."""

    state: TeamState
    #: Documents whose local annotation file now holds other analysts' changes.
    received: tuple[str, ...] = ()
    #: Why a change of this analyst's was refused (another analyst's record); the file was restored.
    refused: tuple[str, ...] = field(default_factory=tuple)


Listener = Callable[[TeamEvent], None]


class TeamLink:
    """One corpus folder's live link to its team server (a daemon thread, started by :meth:`start`)."""

    def __init__(
        self,
        root: Path,
        session: TeamSession,
        hash_of: Callable[[str], str],
        *,
        poll_interval: float = POLL_S,
    ) -> None:
        self.root = root
        self.session = session
        self.hash_of = hash_of
        self.poll_interval = poll_interval
        self.state = TeamState(server=session.shown)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._listener_cb: Listener | None = None
        self._stamps: dict[str, _Stamp] = {}

    @classmethod
    def for_corpus(cls, root: Path, explicit_url: str | None, hash_of: Callable[[str], str]) -> TeamLink | None:
        """The link of ``root`` (``--team``, ``$CASEVIEW_TEAM_URL`` or ``caseview.toml``), ``None`` without
        a team server. Raises :class:`TeamConfigError` for a setting that cannot be used."""
        session = TeamSession.for_corpus(root, explicit_url)
        return None if session is None else cls(root, session, hash_of)

    # -- the app's side ------------------------------------------------------------------------------
    def start(self, listener: Listener) -> None:
        """Start the link; ``listener`` is called (from the link's thread) with every :class:`TeamEvent`."""
        if self._thread is not None:
            return
        self._listener_cb = listener
        self._stamps = self._annotation_stamps()
        self._thread = threading.Thread(target=self._run, name="caseview team link", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        """A change was just made here: look for it now rather than at the next poll."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    # -- the link's thread -----------------------------------------------------------------------------
    def _run(self) -> None:
        listener: ChangeListener | None = None
        next_poll = time.monotonic() + self.poll_interval
        try:
            while not self._stop.is_set():
                if listener is None:
                    listener = self._connect()
                    if listener is None:
                        # Offline: local changes are still marked pending as they happen.
                        if self._wake.wait(RETRY_S):
                            self._wake.clear()
                            self._send_local_changes()
                        continue
                try:
                    docs = sorted({change.doc for change in listener.changes(WAIT_S) if change.kind == "annotation"})
                except Exception:
                    self._disconnect(listener)
                    listener = None
                    continue
                if docs:
                    self._receive(docs)
                if self._wake.is_set() or time.monotonic() >= next_poll:
                    self._wake.clear()
                    next_poll = time.monotonic() + self.poll_interval
                    self._send_local_changes()
        finally:
            if listener is not None:
                listener.close()
            self.session.close()

    def _connect(self) -> ChangeListener | None:
        """Listen, then catch up: send every local difference, bring every shared document here."""
        import psycopg

        from caseview.team.db import TeamUnavailable
        from caseview.team.migrations import TeamSchemaError
        from caseview.team.notify import ChangeListener

        try:
            listener = ChangeListener(self.session.settings.url, self.session.settings.corpus)
        except (psycopg.Error, TeamUnavailable, TeamConfigError) as error:
            self._offline(str(error))
            return None
        try:
            with self.session.connect() as connection:
                from caseview.team.annotations import TeamAnnotations

                team = TeamAnnotations(connection, self.session.settings.corpus)
                role = team.role()
                shared = [key.rel_path for key in team.documents()]
        except (psycopg.Error, TeamUnavailable, TeamSchemaError) as error:
            listener.close()
            self._offline(str(error))
            return None
        self.state = TeamState(server=self.session.shown, connected=True, role=role)
        self._stamps = self._annotation_stamps()
        refused = self._send(self._unsent_documents())
        received = self._receive_quietly(shared)
        self._emit(TeamEvent(self._current_state(), received, refused))
        return listener

    def _disconnect(self, listener: ChangeListener) -> None:
        with contextlib.suppress(Exception):  # already broken; closing is best effort
            listener.close()
        self.session.close()
        self._offline("the connection to the server was lost")

    def _offline(self, problem: str) -> None:
        state = TeamState(server=self.session.shown, role=self.state.role, pending=self._pending(), problem=problem)
        if state != self.state:
            self.state = state
            self._emit(TeamEvent(state))

    # -- out: local changes ---------------------------------------------------------------------------
    def _annotation_stamps(self) -> dict[str, _Stamp]:
        return dict(scan_state(str(self.root)).annotations)

    def _send_local_changes(self) -> None:
        now = self._annotation_stamps()
        changed = sorted(doc for doc in {*now, *self._stamps} if now.get(doc) != self._stamps.get(doc))
        self._stamps = now
        if not changed:
            return
        refused = self._send(changed)
        state = self._current_state()
        if refused or state != self.state:
            self.state = state
            self._emit(TeamEvent(state, refused=refused))

    def _send(self, docs: list[str]) -> tuple[str, ...]:
        from caseview.team.annotations import DocumentKey

        refused: list[str] = []
        for doc in docs:
            report = self.session.after_local_change(DocumentKey(doc, self._hash(doc)))
            if report.refused:
                refused.append(report.refused)
        return tuple(refused)

    def _unsent_documents(self) -> list[str]:
        """Documents with local records the server has not agreed to: pending, or changed unmarked."""
        from caseview.team.sync import changes_to_send

        state = self.session.sync.state.read()
        unsent = set(state.pending)
        for doc in self._stamps:
            local = self.session.sync.store.load(sidecar_path(self.root / doc), doc).content
            if changes_to_send(local, state.document(doc).revs):
                unsent.add(doc)
        return sorted(unsent)

    def _pending(self) -> int:
        """Local records not yet on the server (what the status line counts)."""
        from caseview.team.sync import changes_to_send

        try:
            state = self.session.sync.state.read()
            total = 0
            for doc in state.pending:
                local = self.session.sync.store.load(sidecar_path(self.root / doc), doc).content
                total += max(1, len(changes_to_send(local, state.document(doc).revs)))
            return total
        except Exception:
            return len(self.session.sync.state.read().pending)

    def _current_state(self) -> TeamState:
        problem = self.session.sync.problem
        connected = self.state.connected and not problem
        return TeamState(
            server=self.session.shown,
            connected=connected,
            role=self.state.role,
            pending=self._pending(),
            problem=problem,
        )

    # -- in: other analysts' changes ------------------------------------------------------------------
    def _receive(self, docs: list[str]) -> None:
        received = self._receive_quietly(docs)
        state = self._current_state()
        self.state = state
        if received or not state.connected:
            self._emit(TeamEvent(state, received))

    def _receive_quietly(self, docs: list[str]) -> tuple[str, ...]:
        """Merge the server's records of ``docs`` into their local files; those whose file changed."""
        changed: list[str] = []
        for doc in docs:
            path = sidecar_path(self.root / doc)
            before = _stamp(path)
            self.session.sync.refused = ""
            if not self.session.sync.receive(doc):
                continue
            if _stamp(path) != before:
                changed.append(doc)
        return tuple(changed)

    def _hash(self, doc: str) -> str:
        try:
            return self.hash_of(doc)
        except Exception:
            return ""

    def _emit(self, event: TeamEvent) -> None:
        if self._listener_cb is not None:
            self._listener_cb(event)


def _stamp(path: Path) -> _Stamp | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns
