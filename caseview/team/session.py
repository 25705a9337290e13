"""One corpus folder's link to its team server: the single place where local work meets the server.

The CLI uses it after every annotation change, and for ``caseview team status`` and ``sync``; the
app is meant to use the same object for its status line. ``TeamSession.for_corpus`` returns
``None`` when no team server is configured, so the embedded default (the files beside the
documents, Whoosh) needs neither a server nor psycopg.

What a change does (see ARCHITECTURE.md, "Team server"): the local write has already happened and
stands whatever the server says; the document is marked pending in ``caseview-team.json`` and sent.
When the server cannot be reached the mark stays and the next ``sync`` (or any later change) sends
it. A change of another analyst's record is refused by the server's rules; :class:`TeamSync`
restores that record in the local file and the report names the refusal.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from caseview.annotations.store import AnnotationStore, sidecar_path
from caseview.kernel.paths import DERIVED_DIR
from caseview.team.settings import TeamConfigError, TeamSettings, team_settings

if TYPE_CHECKING:
    from caseview.team.annotations import DocumentKey
    from caseview.team.db import Connection
    from caseview.team.filesync import FileExchange, TeamFileSync
    from caseview.team.records import Store
    from caseview.team.sync import TeamSync

#: What libpq's messages and ours begin with when the server is the problem (not the change).
_UNREACHABLE = "team server unreachable"


@dataclass(frozen=True)
class ChangeReport:
    """What became of one local change on its way to the server."""

    sent: bool
    #: Documents whose changes are kept locally, waiting for the server.
    pending: int
    #: Why a change was not accepted (another analyst's record); the local file was restored.
    refused: str = ""
    #: Why the server could not take it (unreachable, no schema); the change is kept locally.
    problem: str = ""

    @property
    def message(self) -> str:
        """One line for the analyst; empty when the change simply reached the server."""
        if self.refused:
            return f"refused by the team server: {self.refused}"
        if self.sent:
            return ""
        changes = "1 change" if self.pending == 1 else f"{self.pending} changes"
        head = _UNREACHABLE if not self.problem or "cannot reach" in self.problem else f"team server: {self.problem}"
        return f"{head} — {changes} kept locally, sent when it is back"


@dataclass(frozen=True)
class TeamStatus:
    """``caseview team status``: the server, whether it answers, and what waits to be sent."""

    server: str
    corpus: str
    reachable: bool
    problem: str
    #: The database's schema version (0: none yet, or not reachable) and the newest this caseview knows.
    schema_version: int
    known_schema: int
    #: The PostgreSQL role this folder's changes are made as (empty when not reachable).
    role: str
    pending: tuple[str, ...]


@dataclass(frozen=True)
class SyncReport:
    """``caseview team sync``: pending changes sent, then every shared document brought here."""

    sent: tuple[str, ...] = ()
    pending: tuple[str, ...] = ()
    received: int = 0
    #: Documents whose local annotation file the server's changes rewrote.
    changed: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()
    problem: str = ""


@dataclass(frozen=True)
class FilesReport:
    """``team push``: the case, corrections and metadata files sent, and records refused."""

    sent: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()


class TeamSession:
    """A corpus folder and its team server (one connection per session, opened when first needed)."""

    def __init__(self, root: Path, settings: TeamSettings) -> None:
        try:
            from caseview.team.sync import TeamSync
        except ImportError:
            raise TeamConfigError(
                f"a team server is configured ({settings.shown}) but psycopg is not installed: "
                "pip install 'caseview[team]'"
            ) from None
        self.root = root
        self.settings = settings
        self.sync: TeamSync = TeamSync(root, settings.url, settings.corpus, AnnotationStore(self.quarantine_dir))
        from caseview.team.filesync import TeamFileSync

        #: Case files, entity corrections and document metadata (schema version 3).
        self.files: TeamFileSync = TeamFileSync(root, settings.corpus, self.quarantine_dir)

    @classmethod
    def for_corpus(cls, root: Path, explicit_url: str | None = None) -> TeamSession | None:
        """The session of ``root`` (``--team`` URL, else ``$CASEVIEW_TEAM_URL``, else ``caseview.toml``),
        or ``None`` when no team server is configured. Connects to nothing yet."""
        settings = team_settings(root, explicit_url)
        return None if settings is None else cls(root, settings)

    @property
    def quarantine_dir(self) -> Path:
        return self.root / DERIVED_DIR / "quarantine"

    @property
    def shown(self) -> str:
        """The server as messages name it (never with its password)."""
        return self.settings.shown

    def connect(self, *, check: bool = True) -> Connection:
        """A new connection (the caller closes it); with ``check``, refused unless the schema is current."""
        from caseview.team.db import connect
        from caseview.team.migrations import check_schema

        connection = connect(self.settings.url)
        if check:
            try:
                check_schema(connection)
            except BaseException:
                connection.close()
                raise
        return connection

    # -- after a local change ----------------------------------------------------------------------
    def after_local_change(self, document: DocumentKey) -> ChangeReport:
        """Mark ``document`` pending and send it; the local write stands whatever happens here."""
        import psycopg

        from caseview.team.annotations import TeamPermissionError
        from caseview.team.syncstate import SyncStateError

        self.sync.refused = ""
        try:
            status = self.sync.local_change(document)
        except TeamPermissionError as error:
            return ChangeReport(sent=False, pending=self._pending_count(), refused=str(error))
        except (psycopg.Error, SyncStateError) as error:
            self.sync.close()
            return ChangeReport(sent=False, pending=self._pending_count(), problem=_describe(error))
        if self.sync.refused:
            return ChangeReport(sent=True, pending=status.pending, refused=self.sync.refused)
        return ChangeReport(sent=status.online, pending=status.pending, problem=status.problem)

    def _pending_count(self) -> int:
        with contextlib.suppress(Exception):
            return len(self.sync.state.read().pending)
        return 0

    # -- status and sync -----------------------------------------------------------------------------
    def status(self) -> TeamStatus:
        from caseview.team.annotations import TeamAnnotations
        from caseview.team.db import TeamUnavailable
        from caseview.team.migrations import SCHEMA_VERSION, schema_version

        reachable, problem, version, role = False, "", 0, ""
        try:
            with self.connect(check=False) as connection:
                version = schema_version(connection)
                role = TeamAnnotations(connection, self.settings.corpus).role()
                reachable = True
        except TeamUnavailable as error:
            problem = str(error)
        return TeamStatus(
            server=self.shown,
            corpus=self.settings.corpus,
            reachable=reachable,
            problem=problem,
            schema_version=version,
            known_schema=SCHEMA_VERSION,
            role=role,
            pending=tuple(self.sync.state.read().pending),
        )

    def agree(self, connection: Connection, rel_paths: Iterable[str]) -> None:
        """Record, after a push or a pull, the records this folder and the server now hold alike as
        agreed, so the next change sends only itself (not every record, as if never exchanged)."""
        from caseview.team.annotations import TeamAnnotations

        team = TeamAnnotations(connection, self.settings.corpus)
        with self.sync.state.changing() as box:
            for rel_path in rel_paths:
                server = team.load(rel_path)
                local = self.sync.store.load(sidecar_path(self.root / rel_path), rel_path).content
                alike = {
                    record.id: record.rev
                    for record in server.annotations
                    if (mine := local.get(record.id)) is not None and mine.rev == record.rev
                }
                known = box[0].document(rel_path)
                box[0] = box[0].with_document(rel_path, known.model_copy(update={"revs": {**known.revs, **alike}}))

    def sync_all(self, hashes: Mapping[str, str]) -> SyncReport:
        """Send every pending document, then bring every shared document this folder has up to date.

        ``hashes`` maps this folder's documents to their text's hash, which the server keeps so that
        copies at other paths find the work by content."""
        from caseview.team.annotations import DocumentKey, TeamAnnotations

        before = self._pending()
        for rel_path in before:
            if not self.sync.send(DocumentKey(rel_path, hashes.get(rel_path, ""))):
                return SyncReport(pending=self._pending(), problem=self.sync.problem)
        sent = tuple(path for path in before if path not in self._pending())
        with self.connect() as connection:
            shared = [key.rel_path for key in TeamAnnotations(connection, self.settings.corpus).documents()]
        received = 0
        changed: list[str] = []
        refused: list[str] = []
        for rel_path in shared:
            if not (self.root / rel_path).is_file():
                continue  # this copy has no such path (a pull matches documents by content instead)
            before_bytes = _read(sidecar_path(self.root / rel_path))
            self.sync.refused = ""
            if not self.sync.receive(rel_path):
                return SyncReport(
                    sent, self._pending(), received, tuple(changed), tuple(refused), problem=self.sync.problem
                )
            received += 1
            if self.sync.refused:
                refused.append(f"{rel_path}: {self.sync.refused}")
            if _read(sidecar_path(self.root / rel_path)) != before_bytes:
                changed.append(rel_path)
        return SyncReport(sent, self._pending(), received, tuple(changed), tuple(refused))

    def _pending(self) -> tuple[str, ...]:
        return tuple(self.sync.state.read().pending)

    # -- case files, entity corrections, document metadata -----------------------------------------------
    def push_files(self, connection: Connection, hashes: Mapping[str, str] | None = None) -> FilesReport:
        """Send every case file, the corrections and every metadata file of the folder (merged);
        ``hashes`` (document → text hash) match metadata files to the server's by document too."""
        from caseview.team.files import TeamFiles
        from caseview.team.records import local_files

        team = TeamFiles(connection, self.settings.corpus)
        sent: list[str] = []
        refused: list[str] = []
        for store, name in local_files(self.root):
            result = self.files.exchange(team, store, name, hashes, found=True)
            sent.append(name)
            refused += [f"{name}: {reason}" for reason in result.refused]
        return FilesReport(tuple(sent), tuple(refused))

    def pull_files(self, connection: Connection, hashes: Mapping[str, str] | None = None) -> tuple[str, ...]:
        """Write every case file, corrections and metadata file the server has into the folder."""
        from caseview.team.files import TeamFiles

        return tuple(self.files.pull(TeamFiles(connection, self.settings.corpus), hashes))

    def exchange_file(self, store: Store, name: str, *, found: bool = False) -> FileExchange | None:
        """Send one file's local changes and take the merged result back; None when the server is away.

        ``found``: the file is sent as the folder held it on connecting, not as a change just made."""
        import psycopg

        from caseview.team.db import TeamUnavailable
        from caseview.team.files import TeamFiles

        try:
            return self.files.exchange(
                TeamFiles(self.sync.connection(), self.settings.corpus), store, name, found=found
            )
        except (TeamUnavailable, psycopg.OperationalError) as error:
            self.sync.lost(error)
            return None

    def after_file_change(self, store: Store, name: str) -> ChangeReport:
        """Send one case, corrections or metadata file a command just changed; the local write stands.

        Unreachable (or no schema): nothing more is kept than the file itself — it differs from the
        version last agreed, so the next exchange of it (``team sync``, the app's link) sends it."""
        import psycopg

        try:
            result = self.exchange_file(store, name)
        except psycopg.Error as error:
            self.sync.close()
            return ChangeReport(sent=False, pending=1, problem=_describe(error))
        if result is None:
            return ChangeReport(sent=False, pending=1, problem=self.sync.problem)
        return ChangeReport(sent=True, pending=0, refused="; ".join(result.refused))

    def sync_files(self, hashes: Mapping[str, str] | None = None) -> FilesReport:
        """Exchange every case, corrections and metadata file this folder or the server has."""
        from caseview.team.files import TeamFiles
        from caseview.team.records import local_files

        team = TeamFiles(self.sync.connection(), self.settings.corpus)
        changed: list[str] = []
        refused: list[str] = []
        server = [(store, name) for (store, _), name in self.files.local_names(team, hashes).items()]
        for store, name in sorted({*local_files(self.root), *server}):
            result = self.files.exchange(team, store, name, hashes, found=True)
            if result.changed:
                changed.append(name)
            refused += [f"{name}: {reason}" for reason in result.refused]
        return FilesReport(tuple(changed), tuple(refused))

    def shared_files(self) -> list[tuple[Store, str]]:
        """The files the server holds (raises when it cannot be reached)."""
        from caseview.team.files import TeamFiles

        return TeamFiles(self.sync.connection(), self.settings.corpus).names()

    def close(self) -> None:
        self.sync.close()


def _describe(error: Exception) -> str:
    from psycopg import errors

    from caseview.team.db import first_line
    from caseview.team.migrations import MissingTeamSchema

    if isinstance(error, errors.UndefinedTable):
        return str(MissingTeamSchema())
    return first_line(error)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
