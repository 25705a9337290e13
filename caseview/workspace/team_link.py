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
from caseview.casefile.store import DEFAULT_CASE_FILE, NAMED_CASE_SUFFIX
from caseview.extract.corrections import CORRECTIONS_FILE
from caseview.kernel.docmeta import META_SUFFIX
from caseview.team.records import STORES, Store
from caseview.team.session import TeamSession
from caseview.team.settings import TeamConfigError
from caseview.workspace.watching import scan_state

if TYPE_CHECKING:
    from caseview.team.notify import ChangeListener

_Stamp = tuple[int, int, int]
#: What the link keeps in step: ("annotation", document) or (store, file name), see caseview.team.records.
_Key = tuple[str, str]
ANNOTATION = "annotation"
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
        if "team init" in self.problem or "schema" in self.problem:  # reachable, but not usable yet
            return f"team: {self.problem}; {changes} kept locally"
        return f"team: server unreachable, {changes} kept locally"


@dataclass(frozen=True)
class TeamEvent:
    """Something the app should show: the link's state, files the server's changes rewrote, refusals."""

    state: TeamState
    #: Documents whose local annotation file now holds other analysts' changes.
    received: tuple[str, ...] = ()
    #: Why a change of this analyst's was refused (another analyst's record); the file was restored.
    refused: tuple[str, ...] = field(default_factory=tuple)
    #: Case files, the corrections file and metadata files (paths from the corpus root) now holding
    #: other analysts' changes.
    files: tuple[str, ...] = ()


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
        self._stamps: dict[_Key, _Stamp] = {}
        #: Case, corrections and metadata files changed here while the link ran, or changed since the
        #: last exchange before it started: counted as pending while they differ from the server
        #: (files never exchanged and untouched are not "changes").
        self._touched: set[tuple[Store, str]] = set()

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
        self._stamps = self._stamps_now()  # here, not in start(): a large folder's scan never holds up the app
        # Files changed before this start that the server has not seen (and had seen once): counted as
        # pending from the first offline look on. Read once here; later only the files changed since.
        with contextlib.suppress(Exception):
            agreed = self.session.files.read()
            self._touched.update(key for key in self.session.files.unsent() if agreed.get(*key) is not None)
        try:
            while not self._stop.is_set():
                if listener is None:
                    listener = self._connect()
                    if listener is None:
                        # Offline: local changes are still counted (and marked pending) as they happen.
                        if self._wake.wait(RETRY_S):
                            self._wake.clear()
                            self._send_local_changes()
                        continue
                try:
                    keys = sorted({(change.kind, change.doc) for change in listener.changes(WAIT_S)})
                except Exception:
                    self._disconnect(listener)
                    listener = None
                    continue
                try:
                    if keys:
                        self._receive(keys)
                    if self._wake.is_set() or time.monotonic() >= next_poll:
                        self._wake.clear()
                        next_poll = time.monotonic() + self.poll_interval
                        self._send_local_changes()
                except Exception as error:
                    # A file that cannot be read or merged, a refusal of the schema: say it, keep the
                    # link alive, and catch up from scratch (every difference is found again).
                    self._disconnect(listener)
                    listener = None
                    self._trouble(error)
                    self._stop.wait(RETRY_S)
        finally:
            if listener is not None:
                listener.close()
            self.session.close()

    def _connect(self) -> ChangeListener | None:
        """Listen, then catch up: send every local difference, bring everything shared here."""
        import psycopg

        from caseview.team.annotations import TeamAnnotations
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
                team = TeamAnnotations(connection, self.session.settings.corpus)
                role = team.role()
                shared: list[_Key] = [(ANNOTATION, key.rel_path) for key in team.documents()]
            shared += self.session.shared_files()
            unsent = self._unsent()
        except (psycopg.Error, TeamUnavailable, TeamSchemaError) as error:
            listener.close()
            self._offline(str(error))
            return None
        self.state = TeamState(server=self.session.shown, connected=True, role=role)
        self._stamps = self._stamps_now()
        sent = self._send(unsent, found=True)
        received = self._exchange_in(sorted(set(shared) - set(unsent)))
        self._emit(TeamEvent(self._current_state(), *_merged(sent, received)))
        return listener

    def _disconnect(self, listener: ChangeListener) -> None:
        with contextlib.suppress(Exception):  # already broken; closing is best effort
            listener.close()
        self.session.close()
        self._offline("the connection to the server was lost")

    def _trouble(self, error: Exception) -> None:
        problem = f"{type(error).__name__}: {error}".splitlines()[0]
        self.state = TeamState(self.session.shown, False, self.state.role, self.state.pending, problem)
        self._emit(TeamEvent(self.state))

    def _offline(self, problem: str) -> None:
        state = TeamState(server=self.session.shown, role=self.state.role, pending=self._pending(), problem=problem)
        if state != self.state:
            self.state = state
            self._emit(TeamEvent(state))

    # -- out: local changes ---------------------------------------------------------------------------
    def _stamps_now(self) -> dict[_Key, _Stamp]:
        """The stamps of every file the link keeps in step: annotation files, case files, corrections, metadata."""
        scan = scan_state(str(self.root))
        stamps: dict[_Key, _Stamp] = {(ANNOTATION, doc): stamp for doc, stamp in scan.annotations.items()}
        for case, stamp in scan.cases.items():
            stamps["case", DEFAULT_CASE_FILE if case is None else case + NAMED_CASE_SUFFIX] = stamp
        if scan.entities is not None:
            stamps["entities", CORRECTIONS_FILE] = scan.entities
        for name, stamp in scan.documents.items():
            if name.endswith(META_SUFFIX):
                stamps["meta", name] = stamp
        return stamps

    def _send_local_changes(self) -> None:
        now = self._stamps_now()
        changed = sorted(key for key in {*now, *self._stamps} if now.get(key) != self._stamps.get(key))
        self._stamps = now
        self._touched.update((kind, name) for kind, name in changed if kind in STORES)
        if not changed:
            return
        received, refused = self._send(changed)
        state = self._current_state()
        if refused or received or state != self.state:
            self.state = state
            self._emit(TeamEvent(state, *_merged((received, refused), ())))

    def _send(self, keys: list[_Key], *, found: bool = False) -> tuple[tuple[_Key, ...], tuple[str, ...]]:
        """Send these files' local changes; the files the merge rewrote here, and what was refused.
        ``found``: sent as the folder held them on connecting (a metadata file never agreed with the
        server then came with the corpus), not as changes just seen."""
        from caseview.team.annotations import DocumentKey

        rewritten: list[_Key] = []
        refused: list[str] = []
        for kind, name in keys:
            if kind == ANNOTATION:
                path = sidecar_path(self.root / name)
                before = _stamp(path)
                report = self.session.after_local_change(DocumentKey(name, self._hash(name)))
                if report.refused:
                    refused.append(report.refused)
                # Sending takes the server's merged records back: other analysts' changes may arrive
                # this way before their notification does (which then finds nothing left to do).
                if _stamp(path) != before:
                    rewritten.append((kind, name))
            elif kind in STORES:
                exchanged = self.session.exchange_file(kind, name, found=found)
                if exchanged is not None:
                    refused += [f"{name}: {reason}" for reason in exchanged.refused]
                    if exchanged.changed:
                        rewritten.append((kind, name))
        return tuple(rewritten), tuple(refused)

    def _unsent(self) -> list[_Key]:
        """What has local changes the server has not agreed to: pending, or changed with no mark (a kill)."""
        from caseview.team.sync import changes_to_send

        state = self.session.sync.state.read()
        unsent: set[_Key] = {(ANNOTATION, doc) for doc in state.pending}
        for kind, doc in self._stamps_now():
            if kind != ANNOTATION:
                continue
            local = self.session.sync.store.load(sidecar_path(self.root / doc), doc).content
            if changes_to_send(local, state.document(doc).revs):
                unsent.add((kind, doc))
        unsent.update(self.session.files.unsent())
        return sorted(unsent)

    def _pending(self) -> int:
        """Local records (annotations) and files (cases, corrections, metadata) not yet on the server."""
        from caseview.team.sync import changes_to_send

        try:
            state = self.session.sync.state.read()
            total = 0
            for doc in state.pending:
                local = self.session.sync.store.load(sidecar_path(self.root / doc), doc).content
                total += max(1, len(changes_to_send(local, state.document(doc).revs)))
            agreed = self.session.files.read()
            files = [
                (store, name)
                for store, name in self._touched
                if store in STORES and _read(self.root / name) != agreed.get(store, name)
            ]
            return total + len(files)
        except Exception:
            return self.state.pending  # a count for the status line must never stop the link

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
    def _receive(self, keys: list[_Key]) -> None:
        received = self._exchange_in(keys)
        state = self._current_state()
        self.state = state
        if received or not state.connected:
            self._emit(TeamEvent(state, *_merged((), received)))

    def _exchange_in(self, keys: list[_Key]) -> tuple[_Key, ...]:
        """Merge the server's version of these files into the local ones; those whose file changed."""
        changed: list[_Key] = []
        for kind, name in keys:
            if kind == ANNOTATION:
                path = sidecar_path(self.root / name)
                before = _stamp(path)
                self.session.sync.refused = ""
                if self.session.sync.receive(name) and _stamp(path) != before:
                    changed.append((kind, name))
            elif kind in STORES:
                exchanged = self.session.exchange_file(kind, name)
                if exchanged is not None and exchanged.changed:
                    changed.append((kind, name))
        return tuple(changed)

    def _hash(self, doc: str) -> str:
        try:
            return self.hash_of(doc)
        except Exception:
            return ""

    def _emit(self, event: TeamEvent) -> None:
        if self._listener_cb is not None:
            self._listener_cb(event)


def _merged(
    sent: tuple[tuple[_Key, ...], tuple[str, ...]] | tuple[()], received: tuple[_Key, ...]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(annotation documents, other files) whose local file changed, and the refusals, for a TeamEvent."""
    rewritten, refused = sent if sent else ((), ())
    keys = dict.fromkeys([*rewritten, *received])
    docs = tuple(name for kind, name in keys if kind == ANNOTATION)
    files = tuple(name for kind, name in keys if kind != ANNOTATION)
    return docs, refused, files


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _stamp(path: Path) -> _Stamp | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns
