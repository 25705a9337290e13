"""What this copy of the corpus last agreed with the team server, and what it has not sent yet.

``caseview-team.json`` beside the documents (not in ``.caseview/``: it holds the only record of
work not yet on the server, which must survive deleting derived data). For each document: the
revision of every record as the server had it at the last exchange (the common ancestor of a
three-way merge), and whether local changes are pending. Written atomically under a lock, like
every file of the analyst's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from caseview.kernel.jail import JailError, read_regular
from caseview.kernel.jsonstore import lock_path
from caseview.kernel.locks import LockTimeout, OwnedLock
from caseview.kernel.safefile import atomic_write_text, quarantine_copy

STATE_FILE = "caseview-team.json"
STATE_VERSION = 1
LOCK_TIMEOUT_S = 15.0


class SyncStateError(Exception):
    """The sync state file cannot be read or written; the message names it and what to do."""


class DocumentSync(BaseModel):
    model_config = ConfigDict(frozen=True)

    #: Revision of each live record at the last exchange with the server.
    revs: dict[str, str] = Field(default_factory=dict)
    #: Local changes not yet sent (set before sending, cleared once the server has them).
    pending: bool = False
    #: The hash of the document's text when it was last changed here, so that a change sent later
    #: (after the server came back) still tells the server which text it belongs to.
    sha256: str = ""


class SyncState(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int = STATE_VERSION
    corpus: str
    documents: dict[str, DocumentSync] = Field(default_factory=dict)

    def document(self, rel_path: str) -> DocumentSync:
        return self.documents.get(rel_path, DocumentSync())

    def with_document(self, rel_path: str, sync: DocumentSync) -> SyncState:
        return self.model_copy(update={"documents": {**self.documents, rel_path: sync}})

    @property
    def pending(self) -> list[str]:
        return sorted(path for path, sync in self.documents.items() if sync.pending)


def read_state_bytes(path: Path) -> bytes | None:
    """A team state file's bytes (None when there is none yet), never through a link or from a FIFO;
    any other failure is one :class:`SyncStateError` line."""
    try:
        return read_regular(path, follow_links=False)
    except JailError as error:
        raise SyncStateError(str(error)) from None
    except FileNotFoundError:
        return None
    except OSError as error:
        raise SyncStateError(f"{path}: cannot be read ({error.strerror or error})") from None


class SyncStateFile:
    """The state file of one corpus folder."""

    def __init__(self, root: Path, corpus: str, quarantine_dir: Path) -> None:
        self.path = root / STATE_FILE
        self.corpus = corpus
        self.quarantine_dir = quarantine_dir

    def read(self) -> SyncState:
        data = read_state_bytes(self.path)
        if data is None:
            return SyncState(corpus=self.corpus)
        try:
            state = SyncState.model_validate(json.loads(data.decode("utf-8")))
        except (UnicodeDecodeError, ValueError, ValidationError) as error:
            copy = quarantine_copy(self.path, data, self.quarantine_dir)
            raise SyncStateError(
                f"{self.path}: cannot be read ({type(error).__name__}); left untouched, a copy is in {copy}. "
                "Move it away and run 'caseview team push' to send this copy's work again."
            ) from None
        if state.version > STATE_VERSION:
            raise SyncStateError(f"{self.path}: written by a newer caseview (version {state.version}); upgrade")
        return state

    @contextmanager
    def changing(self) -> Iterator[list[SyncState]]:
        """Read the state under its lock; whatever is left in the yielded box is written back atomically."""
        # The stores' own kind of lock: in .caseview/locks/, never opened through a link (the corpus jail).
        lock = OwnedLock(lock_path(self.path, self.quarantine_dir.parent), LOCK_TIMEOUT_S, stop=self.path.parent)
        try:
            with lock:
                box = [self.read()]
                yield box
                atomic_write_text(self.path, box[0].model_dump_json(indent=1) + "\n")
        except LockTimeout:
            raise SyncStateError(f"{self.path}: another caseview has held it for {LOCK_TIMEOUT_S:.0f} s") from None
