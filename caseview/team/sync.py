"""Keeping a folder's annotation files and the team server in step, without losing a tag.

The files beside the documents stay what the app reads and writes; the server is where the team
meets. After every local change the document is marked pending (in ``caseview-team.json``) and
then sent; when the server cannot be reached the mark stays, and :meth:`TeamSync.flush` sends
everything pending once it is back — so nothing typed is dropped, not even across a kill (the
change is in the annotation file, the mark in the state file, both written atomically).

Both directions are three-way merges against the revisions last agreed with the server:

- sending: a record changed here since (its revision differs from the agreed one) goes to the
  server as a change based on the agreed revision, so the server's own merge rules decide (an
  edit beats a delete; two edits keep both);
- receiving: a record the server changed replaces the local one only when the local one is still
  the agreed revision; when both changed, the local change is sent first and the merged result
  comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psycopg

from caseview.annotations.jsonld import AnnotationFile
from caseview.annotations.merge import Change, Delete, Put
from caseview.annotations.store import AnnotationStore, sidecar_path
from caseview.team.annotations import DocumentKey, TeamAnnotations, change_record_id
from caseview.team.db import Connection, TeamUnavailable, connect
from caseview.team.syncstate import DocumentSync, SyncStateFile


@dataclass(frozen=True)
class SyncStatus:
    online: bool
    pending: int
    #: Why the server could not be reached, when it could not (credentials never appear in it).
    problem: str = ""

    @property
    def message(self) -> str:
        if self.online:
            return "team: in sync" if not self.pending else f"team: sending {self.pending}"
        changes = "1 change" if self.pending == 1 else f"{self.pending} changes"
        return f"team server unreachable — {changes} kept locally, sent when it is back"


def changes_to_send(local: AnnotationFile, agreed: dict[str, str]) -> list[Change]:
    """The local changes since the last exchange, each based on the revision last agreed."""
    changes: list[Change] = []
    for annotation in local.annotations:
        base = agreed.get(annotation.id)
        if base != annotation.rev:
            changes.append(Put(annotation, base_rev=base))
    for tombstone in local.tombstones:
        if tombstone.id in agreed:
            changes.append(Delete(tombstone.id, base_rev=tombstone.rev, by=tombstone.by, at=tombstone.deleted))
    return changes


def changes_to_receive(local: AnnotationFile, server: AnnotationFile, agreed: dict[str, str]) -> list[Change]:
    """The server's changes that apply here: only where the local record is still the agreed one."""
    changes: list[Change] = []
    for annotation in server.annotations:
        mine = local.get(annotation.id)
        if mine is None:
            if local.tombstone(annotation.id) is None or annotation.id not in agreed:
                changes.append(Put(annotation, base_rev=None))
        elif mine.rev != annotation.rev and agreed.get(annotation.id) == mine.rev:
            changes.append(Put(annotation, base_rev=mine.rev))
    for tombstone in server.tombstones:
        mine = local.get(tombstone.id)
        if mine is not None and mine.rev == tombstone.rev:
            changes.append(Delete(tombstone.id, base_rev=mine.rev, by=tombstone.by, at=tombstone.deleted))
    return changes


def _agreed(content: AnnotationFile) -> dict[str, str]:
    return {annotation.id: annotation.rev for annotation in content.annotations}


class TeamSync:
    """Sync of one corpus folder's annotations with a team server."""

    def __init__(self, root: Path, url: str, corpus: str, store: AnnotationStore) -> None:
        self.root = root
        self.url = url
        self.corpus = corpus
        self.store = store
        self.state = SyncStateFile(root, corpus, store.quarantine_dir)
        self._connection: Connection | None = None
        self.problem = ""
        #: The last local changes not sent because they touched another analyst's records.
        self.refused = ""

    # -- connection --------------------------------------------------------------------------------
    def _team(self) -> TeamAnnotations:
        return TeamAnnotations(self.connection(), self.corpus)

    def connection(self) -> Connection:
        """This folder's connection to the server (opened again after it was lost)."""
        if self._connection is None or self._connection.closed:
            self._connection = connect(self.url)
        return self._connection

    def lost(self, error: Exception) -> None:
        """The server went away (or never answered): close, and say why in :attr:`problem`."""
        self._lost(error)

    def _lost(self, error: Exception) -> None:
        self.problem = str(error) if isinstance(error, TeamUnavailable) else "the connection to the server was lost"
        if self._connection is not None:
            self._connection.close()
        self._connection = None

    def status(self) -> SyncStatus:
        return SyncStatus(online=not self.problem, pending=len(self.state.read().pending), problem=self.problem)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()

    # -- the two directions ------------------------------------------------------------------------
    def local_change(self, document: DocumentKey) -> SyncStatus:
        """Call after the document's annotation file changed here: mark it, then try to send it."""
        with self.state.changing() as box:
            sync = box[0].document(document.rel_path)
            update = {"pending": True, "sha256": document.sha256 or sync.sha256}
            box[0] = box[0].with_document(document.rel_path, sync.model_copy(update=update))
        self.send(document)
        return self.status()

    def send(self, document: DocumentKey) -> bool:
        """Send the document's local changes and take back the merged result; False when offline.

        Changes to another analyst's records are not sent (the server would refuse them): the
        local file gets the server's version back and :attr:`refused` says why.
        """
        try:
            team = self._team()
            with self.state.changing() as box:
                known = box[0].document(document.rel_path)
                agreed = known.revs
                if not document.sha256 and known.sha256:
                    document = DocumentKey(document.rel_path, known.sha256)
                path = sidecar_path(self.root / document.rel_path)
                local = self.store.load(path, document.rel_path).content
                owners, me = team.owners(document.rel_path), team.role()
                changes: list[tuple[Change, str]] = []
                refused: list[tuple[Change, str]] = []
                for change in changes_to_send(local, agreed):
                    owner = owners.get(change_record_id(change), me)
                    (changes if owner == me else refused).append((change, owner))
                if changes:
                    team.apply(document, [change for change, _ in changes])
                server = team.load(document.rel_path)
                if refused:
                    self.refused = "; ".join(
                        f"{change_record_id(change)} belongs to {owner}: only they can change or delete it"
                        for change, owner in refused
                    )
                    restore: list[Change] = []
                    for change, _ in refused:
                        theirs = server.get(change_record_id(change))
                        if theirs is not None:
                            restore.append(Put(theirs, base_rev=None))
                    if restore:
                        self.store.apply(path, document.rel_path, restore)
                self._receive_into_local(document, server, agreed)
                box[0] = box[0].with_document(
                    document.rel_path, DocumentSync(revs=_agreed(server), pending=False, sha256=document.sha256)
                )
        except (TeamUnavailable, psycopg.OperationalError) as error:
            self._lost(error)
            return False
        self.problem = ""
        return True

    def receive(self, rel_path: str) -> bool:
        """Bring the server's changes to one document into its local file (after a notification)."""
        path = self.root / rel_path
        if not path.exists():
            return False  # this copy of the corpus does not have the document
        try:
            team = self._team()
            with self.state.changing() as box:
                sync = box[0].document(rel_path)
                if sync.pending:
                    pending = True
                else:
                    pending = False
                    server = team.load(rel_path)
                    self._receive_into_local(DocumentKey(rel_path, ""), server, sync.revs)
                    box[0] = box[0].with_document(rel_path, sync.model_copy(update={"revs": _agreed(server)}))
            if pending:
                return self.send(DocumentKey(rel_path, ""))
        except (TeamUnavailable, psycopg.OperationalError) as error:
            self._lost(error)
            return False
        self.problem = ""
        return True

    def flush(self) -> SyncStatus:
        """Send every pending document (after the server came back)."""
        for rel_path in self.state.read().pending:
            if not self.send(DocumentKey(rel_path, "")):
                break
        return self.status()

    def _receive_into_local(self, document: DocumentKey, server: AnnotationFile, agreed: dict[str, str]) -> None:
        path = sidecar_path(self.root / document.rel_path)
        local = self.store.load(path, document.rel_path).content
        changes = changes_to_receive(local, server, agreed)
        if changes:
            self.store.apply(path, document.rel_path, changes)
