"""Keeping a folder's case files, entity corrections and document metadata in step with the server.

What was last agreed with the server for each file is kept in ``caseview-team-files.json`` beside
the documents (like ``caseview-team.json``, it is the base of every three-way merge and must survive
deleting derived data). A file whose bytes differ from the agreed ones has changes the server has
not seen — whether or not a kill cut off anything else — so the journal of unsent work is simply
the files themselves against that base. Local files are written atomically under their store's
lock (``<file>.lock``), and merged with whatever another window wrote meanwhile.

Names here are this folder's. Given the hashes of the folder's documents, a metadata file is
matched to the server's file of the same document even when another analyst's copy keeps that
document at another path (:meth:`TeamFiles.server_name`), and a pull writes it beside this copy's
document; without them (one file sent after a change), files are matched by path.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from caseview.kernel.docmeta import META_SUFFIX
from caseview.kernel.jail import JailError, inside, read_regular
from caseview.kernel.jsonstore import lock_path
from caseview.kernel.locks import LockTimeout, OwnedLock
from caseview.kernel.safefile import atomic_write_bytes, atomic_write_text, quarantine_copy
from caseview.team.files import TeamFiles
from caseview.team.records import Store, local_files, merge
from caseview.team.syncstate import SyncStateError, read_state_bytes

FILES_STATE = "caseview-team-files.json"
LOCK_TIMEOUT_S = 15.0


class FilesState(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int = 1
    corpus: str
    #: ``store:name`` → the file's bytes (base64) as last agreed with the server.
    agreed: dict[str, str] = Field(default_factory=dict)

    def get(self, store: Store, name: str) -> bytes | None:
        value = self.agreed.get(f"{store}:{name}")
        return None if value is None else base64.b64decode(value)

    def with_agreed(self, store: Store, name: str, raw: bytes | None) -> FilesState:
        agreed = {k: v for k, v in self.agreed.items() if k != f"{store}:{name}"}
        if raw is not None:
            agreed[f"{store}:{name}"] = base64.b64encode(raw).decode("ascii")
        return self.model_copy(update={"agreed": agreed})


@dataclass(frozen=True)
class FileExchange:
    store: Store
    name: str
    #: The local file changed (other analysts' changes arrived).
    changed: bool
    refused: tuple[str, ...] = ()


class TeamFileSync:
    """The case files, corrections and metadata of one corpus folder and the server."""

    def __init__(self, root: Path, corpus: str, quarantine_dir: Path) -> None:
        self.root = root
        self.corpus = corpus
        self.quarantine_dir = quarantine_dir
        #: The derived folder (``.caseview/``), whose ``locks/`` hold the locks of the files written here.
        self.derived_dir = quarantine_dir.parent
        self.path = root / FILES_STATE

    def _lock(self, path: Path) -> OwnedLock:
        """The same lock every caseview store takes for ``path`` (in ``.caseview/locks/``, never followed)."""
        return OwnedLock(lock_path(path, self.derived_dir), LOCK_TIMEOUT_S, stop=self.root)

    def _inside(self, name: str) -> Path:
        """``name`` (from the server or the folder) as a path in the corpus; a name leading outside is refused."""
        try:
            return inside(self.root, name)
        except JailError as error:
            raise SyncStateError(f"the team server names a file outside the corpus: {error}") from None

    def read(self) -> FilesState:
        data = read_state_bytes(self.path)
        if data is None:
            return FilesState(corpus=self.corpus)
        try:
            return FilesState.model_validate(json.loads(data.decode("utf-8")))
        except (UnicodeDecodeError, ValueError, ValidationError) as error:
            copy = quarantine_copy(self.path, data, self.quarantine_dir)
            raise SyncStateError(
                f"{self.path}: cannot be read ({type(error).__name__}); left untouched, a copy is in {copy}"
            ) from None

    @contextmanager
    def _changing(self) -> Iterator[list[FilesState]]:
        lock = self._lock(self.path)
        try:
            with lock:
                box = [self.read()]
                yield box
                atomic_write_text(self.path, box[0].model_dump_json(indent=1) + "\n")
        except LockTimeout:
            raise SyncStateError(f"{self.path}: another caseview has held it for {LOCK_TIMEOUT_S:.0f} s") from None

    def unsent(self) -> list[tuple[Store, str]]:
        """The local files whose bytes differ from those last agreed with the server."""
        state = self.read()
        return [
            (store, name) for store, name in local_files(self.root) if _read(self.root / name) != state.get(store, name)
        ]

    def exchange(
        self,
        team: TeamFiles,
        store: Store,
        name: str,
        hashes: Mapping[str, str] | None = None,
        *,
        found: bool = False,
    ) -> FileExchange:
        """Send this folder's changes to one file and take the merged result back (``found``: see
        :meth:`TeamFiles.exchange`)."""
        path = self._inside(name)
        doc_sha256 = document_hash(store, name, hashes)
        with self._changing() as box:
            base = box[0].get(store, name)
            mine = _read(path)
            server = team.server_name(store, name, doc_sha256)
            result = team.exchange(store, server, base, mine, doc_sha256, found=found)
            changed = False
            if result.raw is not None and result.raw != mine:
                with self._lock(path):
                    changed = _write_merged(store, path, mine, result.raw)
            box[0] = box[0].with_agreed(store, name, result.raw)
        return FileExchange(store, name, changed, result.refused)

    def local_names(self, team: TeamFiles, hashes: Mapping[str, str] | None = None) -> dict[tuple[Store, str], str]:
        """The server's files → this folder's name for each: its own path when this copy has the
        document there (or the file is not a document's metadata), else beside this copy's document
        of the same hash."""
        by_hash: dict[str, str] = {}
        for rel_path, sha256 in sorted((hashes or {}).items()):
            by_hash.setdefault(sha256, rel_path)
        server_hashes = team.document_hashes() if hashes else {}
        names: dict[tuple[Store, str], str] = {}
        for store, name in team.names():
            local = name
            if store == "meta" and hashes is not None and _document_of(name) not in hashes:
                found = by_hash.get(server_hashes.get(name, ""))
                local = found + META_SUFFIX if found is not None else name
            names[(store, name)] = local
        return names

    def pull(self, team: TeamFiles, hashes: Mapping[str, str] | None = None) -> list[str]:
        """Write every file the server has into this folder (its bytes as the server holds them)."""
        written: list[str] = []
        with self._changing() as box:
            for (store, server), name in self.local_names(team, hashes).items():
                raw = team.load(store, server)
                if raw is None:
                    continue
                if name == server:
                    team.attach_hash(store, server, document_hash(store, name, hashes))
                path = self._inside(name)
                if _read(path) != raw:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    with self._lock(path):
                        atomic_write_bytes(path, raw)
                    written.append(name)
                box[0] = box[0].with_agreed(store, name, raw)
        return written


def _document_of(name: str) -> str:
    """The document a metadata file describes (``a.txt.meta.json`` → ``a.txt``)."""
    return name[: -len(META_SUFFIX)] if name.endswith(META_SUFFIX) else name


def document_hash(store: Store, name: str, hashes: Mapping[str, str] | None) -> str | None:
    """The hash of the document a local metadata file describes, when the folder's hashes say."""
    if store != "meta" or not hashes:
        return None
    return hashes.get(_document_of(name))


def _write_merged(store: Store, path: Path, read: bytes | None, merged: bytes) -> bool:
    """Write the server's merged version, merged again with what another window wrote since ``read``
    (the caller holds the file's lock)."""
    now = _read(path)
    final = merged if now == read else merge(store, read, now, merged)
    if final is None or final == now:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, final)
    return True


def _read(path: Path) -> bytes | None:
    """The file's bytes; None when it is absent, a link, a FIFO or unreadable (never followed or waited on)."""
    try:
        return read_regular(path, follow_links=False)
    except (OSError, JailError):
        return None
