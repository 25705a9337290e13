"""Writing a document's metadata sidecar (``<doc>.meta.json``) the way every analyst-owned file is written.

The corpus reads ``report.txt.meta.json`` (or ``report.meta.json``) for a document's title, outlet,
date, url and author. When caseview itself stores one of them (e.g. a publication date the analyst
confirmed), it merges the change into the existing JSON object, keeps every key it does not know,
and writes under the file's lock, atomically; a sidecar that cannot be read is quarantined and left
untouched (:mod:`caseview.kernel.jsonstore`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from caseview.kernel.jsonstore import JsonFile
from caseview.kernel.storeerrors import BusyStoredFile, NewerSchemaFile, UnreadableStoredFile

META_SUFFIX = ".meta.json"
#: The keys the corpus reads a date from, in its order of preference.
_DATE_KEYS = ("date", "published")


class DocumentMetaError(Exception):
    """A metadata sidecar that cannot be changed; the message says why."""


class UnreadableDocumentMeta(DocumentMetaError, UnreadableStoredFile):
    action = "change this document's metadata"


class NewerDocumentMeta(DocumentMetaError, NewerSchemaFile):
    """Never raised today (metadata sidecars have no schema version); here so the store is complete."""


class DocumentMetaBusy(DocumentMetaError, BusyStoredFile):
    pass


@dataclass(frozen=True)
class MetaChange:
    """What to store in a document's sidecar: the fields given are set, the keys in ``remove`` taken out."""

    published: date | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    remove: frozenset[str] = frozenset()

    def apply(self, values: dict[str, object]) -> dict[str, object]:
        """``values`` (a sidecar's JSON object) with this change made; unknown keys stay as they were."""
        updated = {key: value for key, value in values.items() if key not in self.remove}
        if self.published is not None:
            # Write the date where the corpus will read it: an existing "date" key wins over "published".
            key = next((k for k in _DATE_KEYS if k in updated), "published")
            updated[key] = self.published.isoformat()
        for key, value in (("title", self.title), ("outlet", self.outlet), ("url", self.url), ("author", self.author)):
            if value is not None:
                updated[key] = value
        return updated


def meta_sidecar_path(document_path: Path) -> Path:
    """The sidecar the corpus reads for a document: ``report.txt.meta.json``, else an existing
    ``report.meta.json``; a new sidecar is ``report.txt.meta.json``."""
    full = document_path.with_name(document_path.name + META_SUFFIX)
    short = document_path.with_name(document_path.stem + META_SUFFIX)
    return short if not full.is_file() and short.is_file() else full


def write_document_meta(
    document_path: Path, change: MetaChange, quarantine_dir: Path, root: Path | None = None
) -> Path:
    """Merge ``change`` into the document's sidecar (made when there is none); returns the sidecar's path.

    Raises :class:`UnreadableDocumentMeta` (the sidecar is not a JSON object: left untouched, a copy
    quarantined) or :class:`DocumentMetaBusy`.
    """
    return update_document_meta(document_path, change.apply, quarantine_dir, root)


#: A change to a sidecar's JSON object: the object as it is now (under the lock) → the object to write.
MetaUpdate = Callable[[dict[str, object]], dict[str, object]]


def update_document_meta(
    document_path: Path, update: MetaUpdate, quarantine_dir: Path, root: Path | None = None
) -> Path:
    """Apply ``update`` to the document's sidecar as it is *now*, under its lock, and write the result
    atomically and durably (nothing is written when nothing changes); returns the sidecar's path.

    ``update`` must keep the keys it does not know (``MetaChange.apply`` and
    ``corpus.metadata.with_publication_date`` do). Raises :class:`UnreadableDocumentMeta` (the
    sidecar is not a JSON object: left untouched, a copy quarantined) or :class:`DocumentMetaBusy`.
    """
    stored = JsonFile(
        meta_sidecar_path(document_path),
        quarantine_dir,
        unreadable=UnreadableDocumentMeta,
        newer=NewerDocumentMeta,
        busy=DocumentMetaBusy,
        root=root,
    )
    with stored.locked():
        data = stored.read_bytes()
        values: object = {} if data is None else stored.parse(data)
        if not isinstance(values, dict):
            assert data is not None
            raise stored.reject(data, "expected a JSON object of metadata")
        updated = update({str(key): value for key, value in values.items()})
        if data is None or updated != values:
            stored.write_json(updated)
    return stored.path
