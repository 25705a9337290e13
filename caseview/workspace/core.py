"""The corpus and its search index: the part of the workspace everything else builds on.

A workspace is cheap to construct; :meth:`WorkspaceCore.refresh` does the work of scanning the
folder and bringing the search index up to date, re-reading only files that changed. The TUI calls
it from a worker thread; the CLI through :meth:`WorkspaceCore.open`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Self

from filelock import FileLock
from pydantic import BaseModel

from caseview.corpus import CorpusWarning, Document, FileEntry, UnreadableDocument, read_document, scan_corpus
from caseview.paths import derived_dir_for, resolve_corpus
from caseview.search import IndexExtras, SearchIndex, SearchResults
from caseview.search.index import ProgressCallback
from caseview.search.manifest import Manifest, ManifestEntry, SkippedEntry, load_manifest, save_manifest
from caseview.search.schema import SCHEMA_VERSION
from caseview.workspace.history import SessionHistory

#: Functions that contribute entity names, tags and notes to a document's index entry.
ExtrasProvider = Callable[[Document], IndexExtras]
#: Functions that stamp the files behind a document's extras cheaply (a stat), by document id.
ExtrasStamp = Callable[[str], str]
REFRESH_LOCK_TIMEOUT_S = 60.0


class UnknownDocument(KeyError):
    """A document id that is not in the corpus (or no longer readable)."""

    def __str__(self) -> str:
        return f"no document {self.args[0]!r} in this corpus"


class DocumentInfo(BaseModel):
    """A row of the sources list: what is known about a document without reading it."""

    id: str
    title: str
    outlet: str | None
    published: date | None
    format: str
    size: int
    encoding: str


class RefreshReport(BaseModel):
    """What one refresh did, for a one-line summary or the TUI's status bar."""

    indexed: list[str]
    removed: list[str]
    unchanged: int
    warnings: list[CorpusWarning]
    rebuilt_reason: str | None
    seconds: float

    @property
    def skipped(self) -> list[CorpusWarning]:
        return [warning for warning in self.warnings if warning.skipped]


class WorkspaceCore:
    """A corpus folder, its documents and its search index."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = resolve_corpus(root)
        self.derived_dir = derived_dir_for(self.root)
        self.index = SearchIndex(self.derived_dir / "index")
        self._manifest = Manifest(schema_version=SCHEMA_VERSION)
        self._extras_providers: list[ExtrasProvider] = []
        self._extras_stamps: list[ExtrasStamp] = []
        self._write_lock = threading.RLock()
        self._documents: dict[str, Document] = {}
        self._opened = False
        self.last_report: RefreshReport | None = None
        #: One undo/redo history for this session's changes to annotations, cases and entities.
        self.history = SessionHistory()

    @classmethod
    def open(cls, root: Path | str | None = None, progress: ProgressCallback | None = None) -> Self:
        workspace = cls(root)
        workspace.refresh(progress)
        return workspace

    # -- index extras ------------------------------------------------------------------------
    def add_extras_provider(self, provider: ExtrasProvider) -> None:
        """Register a source of entity names, tags or notes to index with each document."""
        self._extras_providers.append(provider)

    def add_extras_stamp(self, stamp: ExtrasStamp) -> None:
        """Register a cheap stamp of the files a provider reads for a document (e.g. the stat of its
        annotation file): when it changes, :meth:`refresh` re-computes that document's extras, so
        tags written by another program become searchable."""
        self._extras_stamps.append(stamp)

    def extras_stamp(self, doc_id: str) -> str:
        return "|".join(stamp(doc_id) for stamp in self._extras_stamps)

    def index_extras(self, document: Document) -> IndexExtras:
        entities: list[str] = []
        tags: list[str] = []
        notes: list[str] = []
        for provider in self._extras_providers:
            extras = provider(document)
            entities.extend(extras.entities)
            tags.extend(extras.tags)
            notes.extend(extras.notes)
        return IndexExtras(tuple(entities), tuple(tags), tuple(notes))

    # -- refreshing --------------------------------------------------------------------------
    def refresh(self, progress: ProgressCallback | None = None) -> RefreshReport:
        """Scan the folder and re-index new, changed and removed documents (and only those)."""
        started = time.perf_counter()
        self.derived_dir.mkdir(parents=True, exist_ok=True)
        with self._write_lock, self._refresh_lock():
            rebuilt_reason = self.index.open() if not self._opened else None
            self._opened = True
            manifest = load_manifest(self.index.folder, SCHEMA_VERSION)
            if manifest is None or rebuilt_reason is not None:
                if rebuilt_reason is None and self.index.doc_count():
                    rebuilt_reason = "the index manifest was missing; re-indexed every document"
                manifest = Manifest(schema_version=SCHEMA_VERSION)
            scan = scan_corpus(self.root)
            warnings = list(scan.warnings)
            to_read: list[FileEntry] = []
            unchanged = 0
            for entry in scan.files:
                known = manifest.documents.get(entry.doc_id)
                skipped = manifest.skipped.get(entry.doc_id)
                same_file = known and (known.size, known.mtime_ns, known.meta_mtime_ns) == (
                    entry.size, entry.mtime_ns, entry.meta_mtime_ns)
                if same_file and known.extras_stamp == self.extras_stamp(entry.doc_id):
                    unchanged += 1
                elif skipped and (skipped.size, skipped.mtime_ns) == (entry.size, entry.mtime_ns):
                    warnings.append(CorpusWarning(path=entry.doc_id, reason=skipped.reason))
                else:
                    to_read.append(entry)
            present = {entry.doc_id for entry in scan.files}
            removed = sorted(set(manifest.documents) - present)
            for doc_id in removed:
                manifest.documents.pop(doc_id)
            for doc_id in set(manifest.skipped) - present:
                manifest.skipped.pop(doc_id)
            indexed: list[str] = []
            self.index.update(
                self._read_changed(to_read, manifest, warnings, indexed),
                removed_ids=removed,
                total=len(to_read),
                progress=progress,
            )
            save_manifest(self.index.folder, manifest)
            self._manifest = manifest
            for doc_id in removed:
                self._documents.pop(doc_id, None)
        report = RefreshReport(
            indexed=indexed,
            removed=removed,
            unchanged=unchanged,
            warnings=warnings,
            rebuilt_reason=rebuilt_reason if rebuilt_reason != "new index" else None,
            seconds=time.perf_counter() - started,
        )
        self.last_report = report
        return report

    def _refresh_lock(self) -> FileLock:
        return FileLock(str(self.derived_dir / "refresh.lock"), timeout=REFRESH_LOCK_TIMEOUT_S)

    def _read_changed(
        self, entries: list[FileEntry], manifest: Manifest, warnings: list[CorpusWarning], indexed: list[str]
    ) -> Iterator[tuple[Document, IndexExtras] | str]:
        """Read each changed file, record it in the manifest, and yield what needs (re-)indexing."""
        for entry in entries:
            try:
                document, notes = read_document(entry)
            except UnreadableDocument as error:
                reason = str(error)
                warnings.append(CorpusWarning(path=entry.doc_id, reason=reason))
                manifest.skipped[entry.doc_id] = SkippedEntry(size=entry.size, mtime_ns=entry.mtime_ns, reason=reason)
                if manifest.documents.pop(entry.doc_id, None) is not None:
                    yield entry.doc_id  # it was indexed when it was readable: take it out
                continue
            warnings.extend(notes)
            manifest.skipped.pop(entry.doc_id, None)
            stamp = self.extras_stamp(entry.doc_id)  # before the extras: a write in between is seen next time
            extras = self.index_extras(document)
            previous = manifest.documents.get(entry.doc_id)
            manifest.documents[entry.doc_id] = _manifest_entry(entry, document, extras, stamp)
            self._documents[entry.doc_id] = document
            if previous and previous.sha256 == document.sha256 and previous.extras_key == extras.key() and (
                previous.title, previous.outlet, previous.published
            ) == (document.meta.title, document.meta.outlet, document.meta.published):
                continue  # touched but not changed: nothing to re-index
            indexed.append(entry.doc_id)
            yield document, extras

    def reindex_documents(self, doc_ids: list[str]) -> None:
        """Re-index just these documents, e.g. after their tags, notes or entities changed."""
        with self._write_lock, self._refresh_lock():
            # The manifest on disk may hold another window's updates since ours was read: start from it.
            manifest = load_manifest(self.index.folder, SCHEMA_VERSION) or self._manifest
            pairs = []
            for doc_id in doc_ids:
                document = self.document(doc_id)
                stamp = self.extras_stamp(doc_id)
                extras = self.index_extras(document)
                entry = manifest.documents.get(doc_id)
                if entry is not None:
                    manifest.documents[doc_id] = entry.model_copy(update={"extras_key": extras.key(), "extras_stamp": stamp})
                pairs.append((document, extras))
            self.index.update(pairs, total=len(pairs))
            save_manifest(self.index.folder, manifest)
            self._manifest = manifest

    # -- reading -----------------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        return [
            DocumentInfo(
                id=doc_id, title=entry.title, outlet=entry.outlet, published=entry.published,
                format=entry.format, size=entry.size, encoding=entry.encoding,
            )
            for doc_id, entry in sorted(self._manifest.documents.items())
        ]

    def document(self, doc_id: str) -> Document:
        """The document as it is on disk now (re-read when the file changed since it was cached)."""
        cached = self._documents.get(doc_id)
        path = self.root / doc_id
        try:
            stat = path.stat()
        except OSError:
            raise UnknownDocument(doc_id) from None
        if cached is not None and (cached.size, cached.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
            return cached
        if doc_id not in self._manifest.documents:
            raise UnknownDocument(doc_id)
        entry = FileEntry(doc_id, path, stat.st_size, stat.st_mtime_ns, 0)
        try:
            document, _ = read_document(entry)
        except UnreadableDocument:
            raise UnknownDocument(doc_id) from None
        self._documents[doc_id] = document
        return document

    def _text_or_none(self, doc_id: str) -> str | None:
        try:
            return self.document(doc_id).text
        except UnknownDocument:
            return None

    # -- searching ---------------------------------------------------------------------------
    def search(self, query: str, limit: int = 20, snippets: bool = True) -> SearchResults:
        """Ranked hits for ``query``; raises ``QuerySyntaxError`` with a clear message for a bad one."""
        if not self._opened:
            self.refresh()
        return self.index.search(query, limit=limit, load_text=self._text_or_none, with_snippets=snippets)

    def close(self) -> None:
        self.index.close()


def _manifest_entry(entry: FileEntry, document: Document, extras: IndexExtras, stamp: str = "") -> ManifestEntry:
    meta = document.meta
    return ManifestEntry(
        size=entry.size, mtime_ns=entry.mtime_ns, meta_mtime_ns=entry.meta_mtime_ns, sha256=document.sha256,
        format=document.format, encoding=document.encoding, title=meta.title, title_source=meta.title_source,
        outlet=meta.outlet, published=meta.published, url=meta.url, author=meta.author, extras_key=extras.key(),
        extras_stamp=stamp,
    )
