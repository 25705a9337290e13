"""Bringing the index up to date file by file, with every document a file holds.

A corpus file may hold several documents (an e-mail and its attachments, a mailbox's messages);
the manifest has one row per *document*, each carrying its file's size and times. A refresh
therefore groups what the manifest knows by file (:func:`file_of`), re-reads a file when any of its
documents' stamps changed, and reads it through :func:`caseview.corpus.read_documents` with the
corpus's :class:`~caseview.corpus.TextCache`, so an unchanged PDF is never extracted twice and a
re-read container costs a lookup per child. Progress is reported per file, with the pages of the
file being extracted (see :mod:`caseview.corpus.progress`).
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Collection, Container, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from pathlib import Path
from typing import get_args

from pydantic import ValidationError

from caseview.corpus import CorpusWarning, Document, FileEntry, TextCache, UnreadableDocument, read_documents
from caseview.corpus.docids import candidate_refs
from caseview.corpus.loader import FileStamp
from caseview.corpus.problems import Notice, ProblemKind
from caseview.corpus.progress import reporting_pages
from caseview.search import IndexExtras
from caseview.search.index import ProgressCallback
from caseview.search.manifest import Manifest, ManifestEntry, SkippedEntry

#: The progress label while a file's pages are read (the TUI's status line shows the pages from it).
PAGE_PROGRESS = "{file} (page {page} of {pages})"
#: One file to read: (file id, size, mtime_ns, meta_mtime_ns) — tuples, not FileEntry, to stay small
#: at 200,000 files (see CorpusIndex.refresh).
FileKey = tuple[str, int, int, int]


def file_of(doc_id: str, files: Container[str]) -> str | None:
    """The corpus file among ``files`` that holds ``doc_id`` (itself when it is a file), or None."""
    if doc_id in files:
        return doc_id
    for ref in candidate_refs(doc_id):
        if ref.steps and ref.file_id in files:
            return ref.file_id
    return None


def encode_problems(warnings: list[CorpusWarning]) -> str:
    """A document's notes as stored in its manifest row (JSON: kind and reason of each)."""
    return json.dumps([[warning.kind, warning.reason] for warning in warnings], ensure_ascii=False) if warnings else ""


def decode_problems(stored: str) -> list[Notice]:
    """Each note stored by :func:`encode_problems` (none from a row that does not parse: derived data)."""
    if not stored:
        return []
    try:
        return [Notice(kind=kind, message=reason) for kind, reason in json.loads(stored)]
    except (ValueError, TypeError, ValidationError):
        return []


@dataclass
class RefreshPlan:
    """What a scan compared with the manifest: the files to read, and what stays as it is."""

    to_read: list[FileKey] = field(default_factory=list)
    unchanged: int = 0
    warnings: list[CorpusWarning] = field(default_factory=list)
    #: Known documents whose file is gone.
    removed: list[str] = field(default_factory=list)
    #: Known documents of each file that will be read again (to delete those it no longer holds).
    known_of_file: dict[str, list[str]] = field(default_factory=dict)
    #: Skipped entries whose file is gone.
    skipped_gone: list[str] = field(default_factory=list)
    #: Known documents whose file is as indexed but whose extras stamp changed (with
    #: ``annotations_apart``: their annotation file was written elsewhere). Only their tags and
    #: notes are written again; the file is not read and the text not re-indexed (they count as
    #: ``unchanged``).
    annotations_only: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class UniformStamp:
    """The extras stamp every file of a scan has without a call (no sidecar listed beside it), so that
    a plan compares the whole scan with the manifest at once instead of calling a stamp per file."""

    #: The stamp of a file of the scan that is not among the ``exceptions``.
    value: str
    #: Files whose stamp must be asked for (a sidecar the stamp reads is listed beside them).
    exceptions: frozenset[str]


def uniform_stamp(suffixes: Sequence[str | None], marked: Collection[str]) -> UniformStamp | None:
    """What the extras stamps named by their sidecar ``suffixes`` give a file of the scan without a
    call, given the ``marked`` names the scan listed with those suffixes (a file's sidecar is its id
    plus the suffix); None when a stamp named no suffix (then every file's stamp is asked for)."""
    if None in suffixes:
        return None
    named = [suffix for suffix in suffixes if suffix is not None]
    exceptions = frozenset(path[: -len(suffix)] for path in marked for suffix in named if path.endswith(suffix))
    return UniformStamp("|".join("" for _ in named), exceptions)


def plan_has_work(plan: RefreshPlan) -> bool:
    """Whether carrying out the plan writes anything (a no-op refresh never takes the refresh lock)."""
    return bool(plan.to_read or plan.removed or plan.skipped_gone or plan.annotations_only)


def plan_refresh(
    stamps: dict[str, FileStamp],
    known: dict[str, tuple[int, int, int, str]],
    skipped: dict[str, SkippedEntry],
    extras_stamp: Callable[[str], str],
    annotations_apart: bool = False,
    uniform: UniformStamp | None = None,
) -> RefreshPlan:
    """Which files to read: those with a document whose file or extras stamp changed, and new ones.

    With ``annotations_apart`` (the extras stamp is the annotation file's, and tags and notes can be
    written without the text) a file that is as indexed but whose documents' extras stamps changed is
    not read: those documents go to ``annotations_only``.

    ``stamps`` is the scan (file id → size, mtime, sidecar mtime), ``known`` the manifest's view of
    each document, ``uniform`` (when given) what ``extras_stamp`` returns for a file of the scan
    outside its exceptions. Plain strings and tuples throughout: with ``uniform``, the scan is
    compared with the manifest as one dict comparison and only the files that differ (or hold other
    documents, or were skipped, or have a sidecar) are looked at one by one; without it, a file
    that is its own only document is one tuple equality. Only documents inside a file (an e-mail's
    attachments) have their ids parsed to find their file.
    """
    plan = RefreshPlan()
    differ = None if uniform is None else _differing(stamps, known, uniform.value)
    # Known documents that no file of the scan is: gone, or inside a file (an e-mail's attachments).
    # When every file is a known document as indexed and there are as many of each, there are none.
    unaccounted = () if differ == set() and len(known) == len(stamps) else known.keys() - stamps.keys()
    children: dict[str, list[str]] = {}  # file id → the known documents inside it (not itself)
    for doc_id in unaccounted:
        holder = file_of(doc_id, stamps)
        if holder is None:
            plan.removed.append(doc_id)
        else:
            children.setdefault(holder, []).append(doc_id)
    plan.removed.sort()
    skipped_of: dict[str, list[str]] = {}
    for doc_id in skipped:
        holder = file_of(doc_id, stamps)
        if holder is None:
            plan.skipped_gone.append(doc_id)
        else:
            skipped_of.setdefault(holder, []).append(doc_id)
    files = stamps
    if uniform is not None and differ is not None:
        # Every other file is a known document holding no other, with the stamps and the uniform extras
        # stamp it was indexed with: unchanged, with nothing to write or warn about.
        differ.update(children, skipped_of, (file_id for file_id in uniform.exceptions if file_id in stamps))
        files = {file_id: stamps[file_id] for file_id in differ}
        plan.unchanged = len(stamps) - len(files)
    for file_id, stamp in files.items():
        own = known.get(file_id)
        inside = children.get(file_id)
        if inside is None:
            docs = [file_id] if own is not None else []
            if own is not None and own[:3] == stamp:
                fresh = own[3] == extras_stamp(file_id)
                if fresh or annotations_apart:
                    plan.unchanged += 1  # its text is as indexed
                    if not fresh:
                        plan.annotations_only.append(file_id)
                    if file_id in skipped_of:
                        plan.warnings.extend(_skipped_warnings(skipped, skipped_of[file_id], file_id, stamp))
                    continue
        else:
            docs = [file_id, *inside] if own is not None else inside
            if docs and all(known[doc][:3] == stamp for doc in docs):
                stale = [doc for doc in docs if known[doc][3] != extras_stamp(doc)]
                if not stale or annotations_apart:
                    plan.unchanged += len(docs)
                    plan.annotations_only.extend(stale)
                    plan.warnings.extend(_skipped_warnings(skipped, skipped_of.get(file_id, []), file_id, stamp))
                    continue
        was_skipped = skipped.get(file_id)
        if not docs and was_skipped and (was_skipped.size, was_skipped.mtime_ns) == stamp[:2]:
            plan.warnings.append(CorpusWarning(path=file_id, reason=was_skipped.reason, kind=_kind(was_skipped.kind)))
            continue
        plan.to_read.append((file_id, *stamp))
        plan.known_of_file[file_id] = docs + skipped_of.get(file_id, [])
    plan.to_read.sort()
    plan.annotations_only.sort()
    plan.warnings.sort(key=lambda warning: warning.path)
    return plan


def _differing(stamps: dict[str, FileStamp], known: dict[str, tuple[int, int, int, str]], extras: str) -> set[str]:
    """The files of the scan whose manifest row is not what it would be had nothing changed (their
    stamps and the ``extras`` stamp): new files, changed ones, those with another extras stamp.

    One pass in C (``map`` and ``compress``: no call, object or frame per file that outlives its
    comparison), in the scan's order; at 200,000 files the dict lookups are most of its cost.
    """
    expected = map(operator.add, stamps.values(), repeat((extras,)))
    return set(compress(stamps, map(operator.ne, map(known.get, stamps), expected)))


def _skipped_warnings(
    skipped: dict[str, SkippedEntry], doc_ids: list[str], file_id: str, stamp: FileStamp
) -> list[CorpusWarning]:
    """The skipped children of an unchanged file, named again (a refresh reports every problem)."""
    return [
        CorpusWarning(path=doc_id, reason=skipped[doc_id].reason, kind=_kind(skipped[doc_id].kind))
        for doc_id in sorted(doc_ids)
        if doc_id != file_id and (skipped[doc_id].size, skipped[doc_id].mtime_ns) == stamp[:2]
    ]


_KINDS: dict[str, ProblemKind] = {kind: kind for kind in get_args(ProblemKind)}


def _kind(stored: str) -> ProblemKind:
    """A stored problem kind, as the type it was (an unknown one, from another version, is "unreadable")."""
    return _KINDS.get(stored, "unreadable")


def index_entry_unchanged(previous: ManifestEntry | None, document: Document, extras: IndexExtras) -> bool:
    """Whether the index already holds exactly this document (a file touched, not changed)."""
    meta = document.meta
    return (
        previous is not None
        and previous.sha256 == document.sha256
        and previous.extras_key == extras.key()
        and (previous.title, previous.outlet, previous.published, previous.published_precision)
        == (meta.title, meta.outlet, meta.published, meta.published_precision)
        and previous.published_after == meta.published_after
        and previous.author == meta.author
    )


def manifest_entry(
    entry: FileEntry, document: Document, extras: IndexExtras, stamp: str, notes: list[CorpusWarning]
) -> ManifestEntry:
    """The manifest row of ``document`` (read from the file ``entry``)."""
    meta = document.meta
    return ManifestEntry(
        size=entry.size,
        mtime_ns=entry.mtime_ns,
        meta_mtime_ns=entry.meta_mtime_ns,
        sha256=document.sha256,
        format=document.format,
        encoding=document.encoding,
        title=meta.title,
        title_source=meta.title_source,
        outlet=meta.outlet,
        published=meta.published,
        published_precision=meta.published_precision,
        published_after=meta.published_after,
        url=meta.url,
        author=meta.author,
        extras_key=extras.key(),
        extras_stamp=stamp,
        pages=len(document.pages),
        parent=document.parent,
        problems=encode_problems(notes),
    )


@dataclass
class FileReader:
    """Reads changed files into documents for the index, recording each in the manifest."""

    root: Path
    manifest: Manifest
    cache: TextCache
    extras_stamp: Callable[[str], str]
    index_extras: Callable[[Document], IndexExtras]
    #: The corpus index's in-memory documents: a cached copy is kept current, never added to.
    documents: dict[str, Document]
    warnings: list[CorpusWarning]
    indexed: list[str]
    progress: ProgressCallback | None = None
    #: How many files were read (for the benchmarks and the tests).
    files_read: int = 0
    #: The ids the file being read was skipped for (itself, or children): not "gone" from it.
    _skipped_now: list[str] = field(default_factory=list)
    #: The documents the file being read holds now (indexed again or unchanged).
    _found_now: list[str] = field(default_factory=list)

    def read(self, plan: RefreshPlan) -> Iterator[tuple[Document, IndexExtras] | str]:
        """Each changed file's documents that need (re-)indexing; a plain id deletes that document."""
        total = len(plan.to_read)
        for done, (file_id, size, mtime_ns, meta_mtime_ns) in enumerate(plan.to_read):
            entry = FileEntry(file_id, self.root / file_id, size, mtime_ns, meta_mtime_ns)
            before = set(plan.known_of_file.get(file_id, ()))
            with reporting_pages(self._page_progress(done, total, file_id)):
                yielded = list(self._read_file(entry))
            self.files_read += 1
            # Every document the file still holds, re-indexed or not: one touched but unchanged (its
            # annotation file saved, say) is still there and must not be taken for gone.
            found = set(self._found_now)
            yield from yielded
            gone = sorted(before - found - set(self._skipped_now))
            if gone:
                self.manifest.remove(gone)
                self.manifest.remove_skipped(gone)
                yield from gone
            if self.progress is not None:
                self.progress(done + 1, total, file_id)

    def _page_progress(self, done: int, total: int, file_id: str) -> Callable[[int, int], None] | None:
        progress = self.progress
        if progress is None:
            return None

        def pages(page: int, pages: int) -> None:
            progress(done, total, PAGE_PROGRESS.format(file=file_id, page=f"{page:,}", pages=f"{pages:,}"))

        return pages

    def _read_file(self, entry: FileEntry) -> Iterator[tuple[Document, IndexExtras] | str]:
        self._skipped_now, self._found_now = [], []
        try:
            items = list(read_documents(entry, self.cache))
        except UnreadableDocument as error:
            yield from self._skip(entry, str(error), error.kind)
            return
        documents = [item for item in items if isinstance(item, Document)]
        notes: dict[str, list[CorpusWarning]] = {}
        for item in items:
            if isinstance(item, CorpusWarning):
                self.warnings.append(item)
                if item.skipped:
                    self._skipped_now.append(item.path)
                    self.manifest.put_skipped(
                        item.path,
                        SkippedEntry(size=entry.size, mtime_ns=entry.mtime_ns, reason=item.reason, kind=item.kind),
                    )
                else:
                    notes.setdefault(item.path, []).append(item)
        if not documents:
            yield from self._skip(entry, "holds no readable document", "unreadable")
            return
        self.manifest.remove_skipped([entry.doc_id, *(document.id for document in documents)])
        self._found_now = [document.id for document in documents]
        for document in documents:
            stamp = self.extras_stamp(document.id)  # before the extras: a write in between is seen next time
            extras = self.index_extras(document)
            previous = self.manifest.get(document.id)
            self.manifest.put(document.id, manifest_entry(entry, document, extras, stamp, notes.get(document.id, [])))
            if document.id in self.documents:
                self.documents[document.id] = document  # keep a cached copy current; never cache a whole corpus
            if index_entry_unchanged(previous, document, extras):
                continue  # touched but not changed: nothing to re-index
            self.indexed.append(document.id)
            yield document, extras

    def _skip(self, entry: FileEntry, reason: str, kind: ProblemKind) -> Iterator[str]:
        doc_id = entry.doc_id
        self.warnings.append(CorpusWarning(path=doc_id, reason=reason, kind=kind))
        self._skipped_now.append(doc_id)
        self.manifest.put_skipped(
            doc_id, SkippedEntry(size=entry.size, mtime_ns=entry.mtime_ns, reason=reason, kind=kind)
        )
        if doc_id in self.manifest:
            self.manifest.remove([doc_id])
            yield doc_id  # it was indexed when it was readable: take it out
