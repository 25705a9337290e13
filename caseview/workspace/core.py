"""The corpus and its search index: the part of the workspace everything else builds on.

A :class:`CorpusIndex` is cheap to construct; :meth:`CorpusIndex.refresh` does the work of scanning
the folder and bringing the search index up to date, re-reading only files that changed. The TUI
calls it from a worker thread; the CLI through ``Workspace.open``. Other parts contribute what they
know about a document to its index entry (entity names, tags, notes) as extras providers.
"""

from __future__ import annotations

import os
import shutil
import stat as stat_mode
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Self

from pydantic import BaseModel

from caseview.corpus import (
    CorpusWarning,
    Document,
    TextCache,
    UnreadableDocument,
    entry_for,
)
from caseview.corpus.loader import StampScan, scan_stamps
from caseview.corpus.problems import Notice
from caseview.corpus.pubdate import DatePrecision, published_label
from caseview.kernel.jail import JailError
from caseview.kernel.locks import LockTimeout, OwnedLock, owned_folder
from caseview.kernel.paths import derived_dir_for, resolve_corpus
from caseview.search import (
    AnnotationTerms,
    ExtraSpans,
    IndexBusy,
    IndexExtras,
    ParsedQuery,
    SearchIndex,
    SearchResults,
)
from caseview.search.index import ProgressCallback
from caseview.search.manifest import MANIFEST_NAME, Manifest, ManifestEntry, SkippedEntry
from caseview.search.schema import SCHEMA_VERSION
from caseview.workspace.changed_files import among, files_to_check
from caseview.workspace.doc_reading import DocumentReader
from caseview.workspace.ingest import (
    FileReader,
    RefreshPlan,
    decode_problems,
    plan_has_work,
    plan_refresh,
    uniform_stamp,
)
from caseview.workspace.paging import with_pages

#: Functions that contribute entity names, tags and notes to a document's index entry.
ExtrasProvider = Callable[[Document], IndexExtras]
#: Functions that stamp the files behind a document's extras cheaply (a stat), by document id.
ExtrasStamp = Callable[[str], str]
#: The tags and notes of a document, by id, read without reading the document (its annotation file).
AnnotationSource = Callable[[str], IndexExtras]
REFRESH_LOCK_TIMEOUT_S = 60.0
#: What a writer says when another process holds the refresh lock past its timeout (CLI exit 75).
REFRESH_BUSY_MESSAGE = "another caseview is re-indexing this folder; try again"
#: Documents kept in memory (least recently used dropped first); a refresh reads but never caches them all.
DOCUMENT_CACHE_SIZE = 512


class RefreshBusy(IndexBusy):
    """Another process held the folder's refresh lock past the timeout; nothing was re-indexed."""


def clear_wrong_kind(path: Path, want_folder: bool) -> str | None:
    """Remove derived data at ``path`` that is the wrong kind of file (a file where the index folder
    goes, a folder where the manifest or a lock file goes, a link, a FIFO); it is rebuilt. Returns
    what was found, for the rebuild message, or None when it was fine or absent."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    mode = status.st_mode
    if (stat_mode.S_ISDIR(mode) if want_folder else stat_mode.S_ISREG(mode)) and not stat_mode.S_ISLNK(mode):
        return None
    if stat_mode.S_ISDIR(mode) and not stat_mode.S_ISLNK(mode):
        shutil.rmtree(path)  # inside .caseview (never a link); rmtree does not follow links within
        found = "a folder"
    else:
        os.unlink(path)
        found = "a link" if stat_mode.S_ISLNK(mode) else "a file" if stat_mode.S_ISREG(mode) else "a special file"
    return f"{path.name} was {found}, not {'a folder' if want_folder else 'a file'}; rebuilt it"


class UnknownDocument(KeyError):
    """A document id that is not in the corpus (or no longer readable)."""

    def __str__(self) -> str:
        return f"no document {self.args[0]!r} in this corpus"


class DocumentInfo(BaseModel):
    """A row of the sources list: what is known about a document without reading it."""

    id: str
    title: str
    #: Who wrote it: the file's metadata, its sidecar or its byline; None when unknown.
    author: str | None = None
    outlet: str | None
    published: date | None
    #: How much of ``published`` is known, and a lower bound for an undated document.
    published_precision: DatePrecision = "day"
    published_after: date | None = None
    format: str
    size: int
    encoding: str
    #: Pages of a paged document (PDF), 0 otherwise.
    pages: int = 0
    #: The document it was found in (an attachment's e-mail, a message's mailbox), else None.
    parent: str | None = None
    #: The caveats it was read with ("4 pages have no text layer; …"), each with its kind.
    problems: list[Notice] = []

    @property
    def published_label(self) -> str:
        """ "2026-04-17", "June 2026", "not before 2026-04-29" or "undated"."""
        return published_label(self.published, self.published_precision, self.published_after)


class RefreshReport(BaseModel):
    """What one refresh did, for a one-line summary or the TUI's status bar."""

    indexed: list[str]
    removed: list[str]
    unchanged: int
    #: Documents whose tags and notes alone were written again (their annotation file changed
    #: elsewhere; the text was neither read nor re-indexed, and they count as unchanged).
    annotations: list[str] = []
    warnings: list[CorpusWarning]
    rebuilt_reason: str | None
    seconds: float

    @property
    def skipped(self) -> list[CorpusWarning]:
        return [warning for warning in self.warnings if warning.skipped]


class CorpusIndex:
    """A corpus folder, its documents and its search index."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = resolve_corpus(root)
        self.derived_dir = derived_dir_for(self.root)
        self.index = SearchIndex(self.derived_dir / "index")
        self._manifest: Manifest | None = None
        self._pending_rebuilt_reason: str | None = None
        self._extras_providers: list[ExtrasProvider] = []
        self._extras_stamps: list[ExtrasStamp] = []
        #: Per stamp, the suffix of the one file beside a document it reads (None: unknown, always call it).
        self._stamp_suffixes: list[str | None] = []
        self._annotation_source: AnnotationSource | None = None
        self._listings: dict[str, frozenset[str]] | None = None
        self._write_lock = threading.RLock()
        self._documents: dict[str, Document] = {}
        #: Documents whose re-indexing was put off because another process held the refresh lock.
        self.deferred: set[str] = set()
        self._opened = False
        self.last_report: RefreshReport | None = None
        #: Extracted texts (PDF, Word, e-mail …) by file hash: an unchanged file is never extracted twice.
        self.text_cache = TextCache(self.derived_dir)
        self._reader = DocumentReader(self.root, self.text_cache)
        #: How many files the last refresh read (0 when nothing changed).
        self.files_read = 0
        #: How many refreshes scanned the whole folder (the first one; later ones only when asked
        #: to, e.g. ``r``): a file watcher's refreshes check their paths alone and leave it as it is.
        self.full_scans = 0

    @classmethod
    def open(cls, root: Path | str | None = None, progress: ProgressCallback | None = None) -> Self:
        workspace = cls(root)
        workspace.refresh(progress)
        return workspace

    @property
    def is_open(self) -> bool:
        """Whether the index and its manifest are open (a first refresh or search happened)."""
        return self._opened

    # -- index extras ------------------------------------------------------------------------
    def add_extras_provider(self, provider: ExtrasProvider) -> None:
        """Register a source of entity names, tags or notes to index with each document."""
        self._extras_providers.append(provider)

    def add_extras_stamp(self, stamp: ExtrasStamp, sidecar_suffix: str | None = None) -> None:
        """Register a cheap stamp of the files a provider reads for a document (e.g. the stat of its
        annotation file): when it changes, :meth:`refresh` re-computes that document's extras, so
        tags written by another program become searchable.

        ``sidecar_suffix`` says the stamp reads only the file named as the document's file plus that
        suffix, and is empty when there is none: a refresh then calls it only for the documents whose
        folder listing holds such a file (a set lookup for the rest, not a call per document)."""
        self._extras_stamps.append(stamp)
        self._stamp_suffixes.append(sidecar_suffix)

    def set_annotation_source(self, source: AnnotationSource) -> None:
        """Where :meth:`reindex_or_defer` reads a document's tags and notes after an annotation change:
        they go to the annotation index alone, and the document's text is not read or re-indexed."""
        self._annotation_source = source

    def listed(self, rel_path: str) -> bool | None:
        """Whether ``rel_path`` (relative to the root) exists, by its folder's listing, made once per refresh.

        While a refresh compares every file, an extras stamp asks this before it stats a sidecar:
        most documents have none, and 200,000 failing stats cost ~2 s. ``None`` outside a refresh.
        """
        listings = self._listings
        if listings is None:
            return None
        folder, _, name = rel_path.rpartition("/")
        names = listings.get(folder)
        if names is None:
            try:
                names = frozenset(os.listdir(self.root / folder))
            except OSError:
                names = frozenset()
            listings[folder] = names
        return name in names

    def extras_stamp(self, doc_id: str) -> str:
        return "|".join(stamp(doc_id) for stamp in self._extras_stamps)

    def _plan_stamp(self, marked: set[str], files: dict[str, tuple[int, int, int]]) -> Callable[[str], str]:
        """:meth:`extras_stamp` as a plan asks it, for every known document of the corpus.

        When every stamp names its sidecar suffix, a document that is a file of the scan and has no
        such sidecar in its folder's listing (``marked``: the scan's listed sidecars) has the empty
        stamp without any call: a set lookup per document instead of paths and a parse."""
        suffixes = self._stamp_suffixes
        if not suffixes or None in suffixes:
            return self.extras_stamp
        names = tuple(suffix for suffix in suffixes if suffix is not None)
        empty = "|".join("" for _ in names)
        full = self.extras_stamp

        # A file of the scan is its own annotation base (docids.annotation_base_path): its sidecar's
        # path is its id plus the suffix. The common cases get a function of one or two lookups.
        if not marked:

            def no_sidecars(doc_id: str) -> str:
                return empty if doc_id in files else full(doc_id)

            return no_sidecars
        if len(names) == 1:
            (suffix,) = names

            def one_suffix(doc_id: str) -> str:
                return empty if doc_id in files and doc_id + suffix not in marked else full(doc_id)

            return one_suffix

        def stamp(doc_id: str) -> str:
            if doc_id in files and not any(doc_id + suffix in marked for suffix in names):
                return empty
            return full(doc_id)

        return stamp

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
    def _open_index(self) -> str | None:
        """Open the index and its manifest (once); why the index had to be rebuilt, if it had.

        Derived data of the wrong kind (``index`` a file, the manifest a folder) is removed first and
        rebuilt, never trusted."""
        wrong = clear_wrong_kind(self.derived_dir / "index", want_folder=True)
        wrong_manifest = clear_wrong_kind(self.derived_dir / MANIFEST_NAME, want_folder=False)
        rebuilt_reason = self.index.open()
        if wrong or wrong_manifest:
            if wrong_manifest and not wrong:
                self.index.clear()
            rebuilt_reason = "; ".join(reason for reason in (wrong, wrong_manifest) if reason)
        # Beside the index folder, not in it: a rebuild deletes that folder while the manifest is open.
        manifest = Manifest(self.derived_dir, SCHEMA_VERSION)
        if rebuilt_reason is not None or not manifest.is_current():
            if rebuilt_reason is None and self.index.doc_count():
                rebuilt_reason = "the index manifest was missing; re-indexed every document"
                self.index.clear()
            manifest.reset()
            manifest.commit()
        elif self.index.annotations_need_filling:
            # The annotation index was lost (or is of another version) but the main one is fine:
            # the manifest recorded every document's tags and notes, so no file is read again.
            self.index.update_annotations(
                {
                    doc_id: IndexExtras.from_key(entry.extras_key).annotation_terms()
                    for doc_id, entry in manifest.entries()
                }
            )
        self.index.annotations_need_filling = False
        self._manifest = manifest
        self._opened = True
        self._pending_rebuilt_reason = rebuilt_reason
        return rebuilt_reason

    def refresh(self, progress: ProgressCallback | None = None) -> RefreshReport:
        """Scan the folder and re-index new, changed and removed documents (and only those).

        The folder is scanned and the work planned without the cross-process refresh lock, so an
        annotation written by another process never waits behind this scan; the lock is taken only
        when the plan has something to write, and the plan is checked again under it against the
        manifest as it is then (another process may have indexed the same files meanwhile)."""
        return self._refresh(progress, None)

    def refresh_paths(self, paths: Iterable[str]) -> RefreshReport:
        """Re-check just the files at ``paths`` (relative: documents or their ``.meta.json``, e.g. what a
        file watcher saw change) as :meth:`refresh` would, without scanning the rest of the folder:
        new ones are indexed, changed ones re-read, removed ones dropped. The report counts only them."""
        if not self.is_open:
            return self.refresh()
        return self._refresh(None, files_to_check(self.root, paths))

    def _refresh(self, progress: ProgressCallback | None, only: frozenset[str] | None) -> RefreshReport:
        started = time.perf_counter()
        self._make_derived_dir()
        with self._write_lock:
            if self._manifest is None:
                with self._locked_for_refresh():
                    self._open_index()
            # Reported by the refresh that does the (re)building, even if a search opened the index.
            rebuilt_reason, self._pending_rebuilt_reason = self._pending_rebuilt_reason, None
            manifest = self._manifest
            assert manifest is not None
            scan = scan_stamps(self.root, only, self._marked_suffixes())
            if only is None:
                self.full_scans += 1
            warnings = list(scan.warnings)
            known, skipped = among(manifest.stat_keys(only), only), among(manifest.skipped_keys(only), only)
            plan = self._plan(scan, known, skipped)
            indexed: list[str] = []
            self.files_read = 0
            if plan_has_work(plan):
                with self._locked_for_refresh():
                    known_now = among(manifest.stat_keys(only), only)
                    skipped_now = among(manifest.skipped_keys(only), only)
                    if known_now != known or skipped_now != skipped:
                        plan = self._plan(scan, known_now, skipped_now)
                    del known, skipped, known_now, skipped_now, scan  # the reading below is what needs the memory
                    self._write_plan(plan, manifest, warnings, indexed, progress)
            warnings.extend(plan.warnings)
            if only is None:
                self.deferred.clear()  # put-off re-indexing: done by this refresh (their stamps changed)
        report = RefreshReport(
            indexed=indexed,
            removed=plan.removed,
            unchanged=plan.unchanged,
            annotations=plan.annotations_only,
            warnings=warnings,
            rebuilt_reason=rebuilt_reason if rebuilt_reason != "new index" else None,
            seconds=time.perf_counter() - started,
        )
        self.last_report = report
        return report

    def _marked_suffixes(self) -> tuple[str, ...]:
        """The sidecar suffixes of the extras stamps, for the scan to note the files it lists with them."""
        return tuple(suffix for suffix in self._stamp_suffixes if suffix is not None)

    def _plan(
        self, scan: StampScan, known: dict[str, tuple[int, int, int, str]], skipped: dict[str, SkippedEntry]
    ) -> RefreshPlan:
        self._listings = {}  # stamps of unchanged files look sidecars up in folder listings (see listed())
        try:
            stamp = self._plan_stamp(scan.marked, scan.stamps)
            apart = self._annotation_source is not None  # tags and notes are written without the text
            # What that stamp is, without a call, for a file with no listed sidecar: the plan then
            # compares the whole scan with the manifest at once (None: a stamp reads other files).
            uniform = uniform_stamp(self._stamp_suffixes, scan.marked)
            return plan_refresh(scan.stamps, known, skipped, stamp, annotations_apart=apart, uniform=uniform)
        finally:
            self._listings = None

    def _write_plan(
        self,
        plan: RefreshPlan,
        manifest: Manifest,
        warnings: list[CorpusWarning],
        indexed: list[str],
        progress: ProgressCallback | None,
    ) -> None:
        """Read the planned files and write them, and the removals, to the index (under the refresh lock)."""
        reader = FileReader(
            self.root, manifest, self.text_cache, self.extras_stamp, self.index_extras,
            self._documents, warnings, indexed, progress,
        )  # fmt: skip
        with manifest.transaction():
            manifest.remove(plan.removed)
            manifest.remove_skipped(plan.skipped_gone)
            if plan.to_read or plan.removed:
                self.index.update(reader.read(plan), removed_ids=plan.removed, total=len(plan.to_read))
            if plan.annotations_only and self._annotation_source is not None:
                # An annotation file written elsewhere: its tags and notes alone, the text is as indexed.
                self._write_annotations(manifest, plan.annotations_only, self._annotation_source)
        self.files_read = reader.files_read
        for doc_id in plan.removed:
            self._documents.pop(doc_id, None)

    def _make_derived_dir(self) -> None:
        """Make ``.caseview/`` (never through a link) and remove any link planted directly in it
        (``snapshots`` → elsewhere would make caseview write there): all of it is derived, rebuilt."""
        try:
            owned_folder(self.derived_dir, self.derived_dir.parent)
            with os.scandir(self.derived_dir) as entries:
                planted = [entry.path for entry in entries if entry.is_symlink()]
            for path in planted:
                os.unlink(path)
        except JailError as error:
            raise IndexBusy(f"{error}; the index cannot be kept there") from None
        except OSError as error:
            raise IndexBusy(f"{self.derived_dir}: cannot be used ({error.strerror or error})") from None

    def _refresh_lock(self, timeout: float | None = None) -> OwnedLock:
        return OwnedLock(
            self.derived_dir / "refresh.lock",
            REFRESH_LOCK_TIMEOUT_S if timeout is None else timeout,
            stop=self.derived_dir.parent,
        )

    @contextmanager
    def _locked_for_refresh(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the refresh lock; :class:`RefreshBusy` in one line when another process holds it too long.

        A ``refresh.lock`` that is a folder or a link is removed and made again (derived data)."""
        lock = self._refresh_lock(timeout)
        try:
            clear_wrong_kind(lock.path, want_folder=False)
            lock.acquire()
        except LockTimeout:
            raise RefreshBusy(REFRESH_BUSY_MESSAGE) from None
        except OSError as error:
            raise IndexBusy(f"{lock.path}: cannot be used as a lock ({error}); try again") from None
        try:
            yield
        finally:
            lock.release()

    def reindex_documents(self, doc_ids: list[str]) -> None:
        """Re-index just these documents, e.g. after their tags, notes or entities changed."""
        if self._manifest is None:
            self.refresh()
        manifest = self._manifest
        assert manifest is not None
        with self._write_lock, self._locked_for_refresh(), manifest.transaction():
            pairs = []
            for doc_id in doc_ids:
                document = self.document(doc_id)
                stamp = self.extras_stamp(doc_id)
                extras = self.index_extras(document)
                entry = manifest.get(doc_id)
                if entry is not None:
                    manifest.put(doc_id, entry.model_copy(update={"extras_key": extras.key(), "extras_stamp": stamp}))
                pairs.append((document, extras))
            self.index.update(pairs, total=len(pairs))

    def reindex_or_defer(self, doc_ids: list[str]) -> bool:
        """Bring these documents' tags and notes into the index now if the refresh lock is free, else
        put it off (``False``).

        For the write paths (a tag just written): they never wait on another process's re-indexing.
        With an annotation source (the workspace sets one) only the annotation index is written, one
        small entry per document: the document is not read, analysed or re-indexed. What is put off
        is in :attr:`deferred`; the next refresh indexes it anyway (the extras stamp of an annotation
        file changes with each write) and clears it.
        """
        wanted = sorted({*doc_ids, *self.deferred})
        if self._manifest is None:
            self.deferred.update(wanted)
            return False
        manifest = self._manifest
        try:
            with self._write_lock, self._locked_for_refresh(timeout=0), manifest.transaction():
                if self._annotation_source is not None:
                    self._write_annotations(manifest, wanted, self._annotation_source)
                    return self._done_deferred(wanted)
                pairs = []
                for doc_id in wanted:
                    try:
                        document = self.document(doc_id)
                    except UnknownDocument:
                        continue
                    stamp = self.extras_stamp(doc_id)
                    extras = self.index_extras(document)
                    entry = manifest.get(doc_id)
                    if entry is not None:
                        manifest.put(
                            doc_id, entry.model_copy(update={"extras_key": extras.key(), "extras_stamp": stamp})
                        )
                    pairs.append((document, extras))
                self.index.update(pairs, total=len(pairs))
        except IndexBusy:
            self.deferred.update(wanted)
            return False
        return self._done_deferred(wanted)

    def refresh_annotations(self, doc_ids: Iterable[str]) -> list[str]:
        """Bring into the annotation index the tags and notes of those of ``doc_ids`` whose annotation
        file changed since it was indexed (another program wrote it: a caseview window indexes its own
        writes), without reading the documents; the ones written, or put off as
        :meth:`reindex_or_defer` puts them off while another process refreshes."""
        manifest = self._manifest
        if manifest is None or self._annotation_source is None:
            return []
        stale = []
        for doc_id in sorted(set(doc_ids)):
            entry = manifest.get(doc_id)
            if entry is not None and entry.extras_stamp != self.extras_stamp(doc_id):
                stale.append(doc_id)
        if stale:
            self.reindex_or_defer(stale)
        return stale

    def _done_deferred(self, doc_ids: list[str]) -> bool:
        self.deferred.difference_update(doc_ids)
        return True

    def _write_annotations(self, manifest: Manifest, doc_ids: list[str], source: AnnotationSource) -> None:
        """The tags and notes of ``doc_ids`` into the annotation index and the manifest; nothing else.

        The manifest keeps each document's entities as they were indexed (they are in the main
        index, which is not touched) and records the annotation file's new stamp, so the next
        refresh does not read the document again for this change."""
        changes: dict[str, AnnotationTerms | None] = {}
        for doc_id in doc_ids:
            entry = manifest.get(doc_id)
            if entry is None:
                continue  # not (or no longer) in the corpus
            stamp = self.extras_stamp(doc_id)  # before the tags: a write in between is seen next time
            annotated = source(doc_id)
            extras = IndexExtras(IndexExtras.from_key(entry.extras_key).entities, annotated.tags, annotated.notes)
            manifest.put(doc_id, entry.model_copy(update={"extras_key": extras.key(), "extras_stamp": stamp}))
            changes[doc_id] = extras.annotation_terms()
        self.index.update_annotations(changes)

    # -- reading -----------------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        if self._manifest is None:
            return []
        return [document_info(doc_id, entry) for doc_id, entry in self._manifest.entries()]

    def manifest_entries_of(self, doc_ids: Iterable[str]) -> dict[str, ManifestEntry]:
        """What the index holds of just these documents, by id, in the order given (unknown ids left out)."""
        if self._manifest is None:
            return {}
        found = ((doc_id, self._manifest.get(doc_id)) for doc_id in doc_ids)
        return {doc_id: entry for doc_id, entry in found if entry is not None}

    def document_infos(self, doc_ids: Iterable[str]) -> dict[str, DocumentInfo]:
        """What :meth:`documents` says of just these ids, by id (an id the index does not hold is left out):
        a refresh that touched a few files need not list every document to show them."""
        if self._manifest is None:
            return {}
        infos: dict[str, DocumentInfo] = {}
        for doc_id in doc_ids:
            entry = self._manifest.get(doc_id)
            if entry is not None:
                infos[doc_id] = document_info(doc_id, entry)
        return infos

    def manifest_entries(self) -> dict[str, ManifestEntry]:
        """What the index holds of each document, by id, as last refreshed; empty before the first refresh."""
        return dict(self._manifest.entries()) if self._manifest is not None else {}

    @property
    def cached_documents(self) -> int:
        """How many documents are kept in memory now (at most ``DOCUMENT_CACHE_SIZE``)."""
        return len(self._documents)

    def document(self, doc_id: str) -> Document:
        """The document as it is on disk now (re-read when the file changed since it was cached).

        A document inside a file (``mail.eml/report.pdf``, ``archive.mbox#<id>``) is read through
        its container, its text from the text cache.
        """
        cached = self._documents.get(doc_id)
        if cached is None and (self._manifest is None or doc_id not in self._manifest):
            raise UnknownDocument(doc_id)  # before any stat: an id from data ("../x") is never touched
        entry = entry_for(self.root, doc_id)
        if entry is None:
            raise UnknownDocument(doc_id)
        if cached is not None and (cached.size, cached.mtime_ns) == (entry.size, entry.mtime_ns):
            self._documents[doc_id] = self._documents.pop(doc_id, cached)  # most recently used last
            return cached
        if self._manifest is None or doc_id not in self._manifest:
            raise UnknownDocument(doc_id)
        try:
            document = self._reader.read(entry)
        except UnreadableDocument:
            raise UnknownDocument(doc_id) from None
        self._documents[doc_id] = document
        while len(self._documents) > DOCUMENT_CACHE_SIZE:
            self._documents.pop(next(iter(self._documents)))
        return document

    def text_or_none(self, doc_id: str) -> str | None:
        """The document's text now, or None when it is gone or unreadable."""
        try:
            return self.document(doc_id).text
        except UnknownDocument:
            return None

    # -- searching ---------------------------------------------------------------------------
    def search(
        self,
        query: str | ParsedQuery,
        limit: int = 20,
        snippets: bool = True,
        extra_spans: ExtraSpans | None = None,
    ) -> SearchResults:
        """Ranked hits for ``query``; raises ``QuerySyntaxError`` with a clear message for a bad one.

        ``extra_spans`` gives, for a hit matched through ``entity:``/``tag:``/``note:``, the passages
        behind that match, so they are highlighted in the one snippet pass.
        """
        if not self._opened:
            self._open_for_search()
        results = self.index.search(
            query, limit=limit, load_text=self.text_or_none, with_snippets=snippets, extra_spans=extra_spans
        )
        return with_pages(results, self._pages_of)

    def _pages_of(self, doc_id: str) -> tuple[int, ...]:
        """Where each page of ``doc_id`` starts (the snippets just loaded it: usually no read)."""
        try:
            return self.document(doc_id).pages
        except UnknownDocument:
            return ()

    def _open_for_search(self) -> None:
        """Open the index as last refreshed, without scanning the folder, so a first search answers at once.

        At 200,000 files a scan takes seconds; the TUI runs :meth:`refresh` in a worker meanwhile and
        the CLI before it searches. A new, rebuilt or empty index is built first, as before.
        """
        self._make_derived_dir()
        with self._write_lock:
            if self._manifest is None:
                with self._locked_for_refresh():
                    self._open_index()
        if self._pending_rebuilt_reason is not None or self._manifest is None or self._manifest.is_empty():
            self.refresh()

    def close(self) -> None:
        self.index.close()
        if self._manifest is not None:
            self._manifest.close()
            self._manifest = None
            self._opened = False


#: The name the TUI's tests still use for a corpus-only workspace (see tests/tui/conftest.py).
WorkspaceCore = CorpusIndex


def document_info(doc_id: str, entry: ManifestEntry) -> DocumentInfo:
    """What the lists show of one document, from what the index holds of it."""
    return DocumentInfo(
        id=doc_id,
        title=entry.title,
        author=entry.author,
        outlet=entry.outlet,
        published=entry.published,
        published_precision=entry.published_precision,
        published_after=entry.published_after,
        format=entry.format,
        size=entry.size,
        encoding=entry.encoding,
        pages=entry.pages,
        parent=entry.parent,
        problems=decode_problems(entry.problems),
    )
