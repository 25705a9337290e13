"""One opened corpus folder: the single API that the CLI and the TUI call (DESIGN §2).

A :class:`Workspace` is cheap to construct; :meth:`Workspace.refresh` does the work of scanning the
folder and bringing the search index up to date, re-reading only files that changed. The TUI calls
it from a worker thread; the CLI through :meth:`Workspace.open`.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout
from pydantic import BaseModel

from caseview.annotations.errors import AnnotationError
from caseview.annotations.model import Annotation
from caseview.annotations.service import AnnotationService, ChangeResult, CheckReport, ReviewItem
from caseview.corpus import CorpusWarning, Document, FileEntry, UnreadableDocument, read_document, scan_corpus
from caseview.extract import Correction, CorpusExtraction, DocMention, Entity, EntityType, EventCandidate
from caseview.extract.service import ExtractionService
from caseview.paths import derived_dir_for, resolve_corpus
from caseview.search import Hit, IndexExtras, SearchIndex, SearchResults
from caseview.search.field_terms import FieldTerms, field_terms, note_stems
from caseview.search.highlight import make_snippets, merge_spans
from caseview.search.index import IndexBusy, ProgressCallback
from caseview.search.manifest import Manifest, ManifestEntry, SkippedEntry, load_manifest, save_manifest
from caseview.search.schema import SCHEMA_VERSION

if TYPE_CHECKING:
    from caseview.casefile import CaseService

#: Functions that contribute entity names, tags and notes to a document's index entry.
ExtrasProvider = Callable[[Document], IndexExtras]
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


class Workspace:
    """A corpus folder, its documents, its search index and (through later parts) the analyst's work."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = resolve_corpus(root)
        self.derived_dir = derived_dir_for(self.root)
        self.index = SearchIndex(self.derived_dir / "index")
        self._manifest = Manifest(schema_version=SCHEMA_VERSION)
        self._extras_providers: list[ExtrasProvider] = []
        self._write_lock = threading.RLock()
        self._documents: dict[str, Document] = {}
        self._opened = False
        self.last_report: RefreshReport | None = None
        self._annotation_service: AnnotationService | None = None
        self.add_extras_provider(self._annotation_extras)
        self._case_services: dict[str | None, CaseService] = {}
        self._extraction = ExtractionService(self)
        self.add_extras_provider(self._extraction.index_extras)
        self._annotation_service: AnnotationService | None = None
        self.add_extras_provider(self._annotation_extras)

    @classmethod
    def open(cls, root: Path | str | None = None, progress: ProgressCallback | None = None) -> Workspace:
        workspace = cls(root)
        workspace.refresh(progress)
        return workspace

    # -- index extras ------------------------------------------------------------------------
    def add_extras_provider(self, provider: ExtrasProvider) -> None:
        """Register a source of entity names, tags or notes to index with each document."""
        self._extras_providers.append(provider)

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
                if known and (known.size, known.mtime_ns, known.meta_mtime_ns) == (entry.size, entry.mtime_ns, entry.meta_mtime_ns):
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
            extras = self.index_extras(document)
            previous = manifest.documents.get(entry.doc_id)
            manifest.documents[entry.doc_id] = _manifest_entry(entry, document, extras)
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
            pairs = []
            for doc_id in doc_ids:
                document = self.document(doc_id)
                extras = self.index_extras(document)
                entry = self._manifest.documents.get(doc_id)
                if entry is not None:
                    self._manifest.documents[doc_id] = entry.model_copy(update={"extras_key": extras.key()})
                pairs.append((document, extras))
            self.index.update(pairs, total=len(pairs))
            save_manifest(self.index.folder, self._manifest)

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
        terms = field_terms(query)
        if terms.entity:
            # The index holds corpus-level names (aliases merged across documents) only once the
            # corpus extraction has run; this brings it up to date first (cached after the first time).
            self.extraction()
        results = self.index.search(query, limit=limit, load_text=self._text_or_none, with_snippets=snippets)
        if snippets and any(set(hit.matched_fields) & {"entity", "tag", "note"} for hit in results.hits):
            if terms:
                hits = [self._with_field_matches(hit, terms) for hit in results.hits]
                results = results.model_copy(update={"hits": hits})
        return results

    def _with_field_matches(self, hit: Hit, terms: FieldTerms) -> Hit:
        """Add the passages behind entity, tag and note matches to a hit's matches and snippets."""
        spans: list[tuple[int, int]] = []
        if terms.entity:
            spans.extend(self._extraction.mention_spans(hit.doc_id, terms.entity))
        if terms.tag or terms.note:
            for annotation in self.annotations(hit.doc_id):
                start, end = annotation.anchor.start, annotation.anchor.end
                if start is None or end is None:
                    continue
                tagged = terms.tag & {tag.lower() for tag in annotation.tags}
                noted = terms.note and annotation.note and terms.note & note_stems(annotation.note)
                if tagged or noted:
                    spans.append((start, end))
        if not spans:
            return hit
        text = self._text_or_none(hit.doc_id)
        if text is None:
            return hit
        matches = merge_spans([(m.start, m.end) for m in hit.matches] + spans)
        return hit.model_copy(update={"matches": matches, "snippets": make_snippets(text, matches)})

    # -- entities and events (caseview.extract; JSON schemas in the README) -------------------
    def extraction(self, progress: Callable[[int, int], None] | None = None) -> CorpusExtraction:
        """Entities, events, clusters, flags and merge suggestions. Computed on first use (slow:
        call it from a worker), then cached until a document or a correction changes. Thread-safe."""
        if not self._opened:
            self.refresh()
        return self._extraction.result(progress)

    def entities(self, type: str | None = None, include_hidden: bool = False) -> list[Entity]:  # noqa: A002
        wanted = EntityType(type.upper()) if type else None
        return [e for e in self.extraction().entities
                if (wanted is None or e.type is wanted) and (include_hidden or not e.hidden)]

    def entity_mentions(self, entity_id: str) -> list[DocMention]:
        entity = self.extraction().entity(entity_id)
        if entity is None:
            raise KeyError(f"no entity {entity_id!r}")
        return list(entity.mentions)

    def events(self) -> list[EventCandidate]:
        return list(self.extraction().events)

    def correct_entities(self, op: str, entity_ids: list[str], value: str | None = None,
                         type: str | None = None) -> Correction:  # noqa: A002
        """merge | split (value = alias) | rename (value = name) | retype (type) | hide | unhide |
        accept | reject (a suggestion's two ids). Saved in ``caseview-entities.json``; raises
        ``CorrectionsError`` with a clear message for a bad one."""
        return self._extraction.correct(op, entity_ids, value, type)

    def close(self) -> None:
        self.index.close()

    # -- the case file (issue 6) -------------------------------------------------------------
    def case(self, name: str | None = None) -> CaseService:
        """The case ``case.json`` (or ``<name>.case.json``) of this corpus: read, change, export it."""
        from caseview.casefile import CaseService
        from caseview.casefile.service import WorkspaceAnnotations

        if not self._opened:
            self.refresh()
        if name not in self._case_services:
            self._case_services[name] = CaseService(self, name, annotations=WorkspaceAnnotations(self))
        return self._case_services[name]

    def case_names(self) -> list[str | None]:
        """The cases in this corpus folder: ``None`` for ``case.json``, then the named ones."""
        from caseview.casefile.store import case_names

        return case_names(self.root)

    def export_case(self, format: str, case: str | None = None) -> str:
        """The case exported as ``md``, ``html``, ``json`` (W3C) or ``csv`` text."""
        from caseview.export import export_case

        return export_case(self.case(case), format)

    def write_export(self, format: str, case: str | None = None, path: Path | None = None) -> Path:
        """Write the export next to the case file (or to ``path``) and return where it went."""
        from caseview.export import write_export

        return write_export(self.case(case), format, path)


    # -- annotations (caseview.annotations; DESIGN §3–§4) -------------------------------------
    @property
    def annotation_service(self) -> AnnotationService:
        """The corpus's annotations; every change re-indexes just the document it touched."""
        if self._annotation_service is None:
            self._annotation_service = AnnotationService(
                self.root, self.derived_dir, load_document=self._document_for_annotations,
                on_change=lambda doc_id: self.reindex_documents([doc_id]),
            )
        return self._annotation_service

    def _document_for_annotations(self, doc_id: str) -> Document:
        try:
            return self.document(doc_id)
        except UnknownDocument as error:
            raise AnnotationError(str(error)) from None

    def _annotation_extras(self, document: Document) -> IndexExtras:
        terms = self.annotation_service.index_terms(document.id)
        return IndexExtras(tags=tuple(terms.tags), notes=tuple(terms.notes))

    def annotate_span(self, doc_id: str, start: int, end: int, **fields: Any) -> Annotation:
        """Annotate ``text[start:end]`` (tags=, note=, note_format=, motivation=); SpanError if bad."""
        return self.annotation_service.add_span(doc_id, start, end, **fields)

    def annotate_quote(self, doc_id: str, quote: str, occurrence: int = 1, **fields: Any) -> Annotation:
        """Annotate the ``occurrence``-th (1 = first) appearance of ``quote``."""
        return self.annotation_service.add_quote(doc_id, quote, occurrence, **fields)

    def edit_annotation(self, annotation_id: str, **changes: Any) -> ChangeResult:
        """Change tags=, note=, note_format=; pass base_rev= (the revision shown) to detect conflicts."""
        return self.annotation_service.edit(annotation_id, **changes)

    def delete_annotation(self, annotation_id: str, base_rev: str | None = None) -> ChangeResult:
        return self.annotation_service.delete(annotation_id, base_rev=base_rev)

    def undo(self) -> ChangeResult | None:
        """Undo this session's last annotation change (None when there is none)."""
        return self.annotation_service.undo()

    def redo(self) -> ChangeResult | None:
        return self.annotation_service.redo()

    def annotations(self, doc_id: str | None = None, tag: str | None = None) -> list[Annotation]:
        return self.annotation_service.list(doc_id, tag)

    def annotation(self, annotation_id: str) -> Annotation:
        return self.annotation_service.get(annotation_id)

    def review_queue(self) -> list[ReviewItem]:
        """Annotations that need the analyst's eye: needs-review, orphaned or in conflict."""
        return self.annotation_service.review_queue()

    def check(self) -> CheckReport:
        """Validate every annotation file and re-anchor annotations of changed documents; also
        re-index documents whose annotation files changed outside caseview (a git pull, a hand edit)."""
        report = self.annotation_service.check()
        stale = []
        for doc_id, entry in self._manifest.documents.items():
            indexed = json.loads(entry.extras_key) if entry.extras_key else [[], [], []]
            terms = self.annotation_service.index_terms(doc_id)
            if sorted(indexed[1]) != sorted(terms.tags) or sorted(indexed[2]) != sorted(terms.notes):
                stale.append(doc_id)
        if stale:
            self.reindex_documents(stale)
        return report


    # -- annotations (caseview.annotations; DESIGN §3–§4) -------------------------------------
    @property
    def annotation_service(self) -> AnnotationService:
        """The corpus's annotations; every change re-indexes just the document it touched."""
        if self._annotation_service is None:
            self._annotation_service = AnnotationService(
                self.root, self.derived_dir, load_document=self._document_for_annotations,
                on_change=lambda doc_id: self.reindex_documents([doc_id]),
            )
        return self._annotation_service

    def _document_for_annotations(self, doc_id: str) -> Document:
        try:
            return self.document(doc_id)
        except UnknownDocument as error:
            raise AnnotationError(str(error)) from None

    def _annotation_extras(self, document: Document) -> IndexExtras:
        terms = self.annotation_service.index_terms(document.id)
        return IndexExtras(tags=tuple(terms.tags), notes=tuple(terms.notes))

    def annotate_span(self, doc_id: str, start: int, end: int, **fields: Any) -> Annotation:
        """Annotate ``text[start:end]`` (tags=, note=, note_format=, motivation=); SpanError if bad."""
        return self.annotation_service.add_span(doc_id, start, end, **fields)

    def annotate_quote(self, doc_id: str, quote: str, occurrence: int = 1, **fields: Any) -> Annotation:
        """Annotate the ``occurrence``-th (1 = first) appearance of ``quote``."""
        return self.annotation_service.add_quote(doc_id, quote, occurrence, **fields)

    def edit_annotation(self, annotation_id: str, **changes: Any) -> ChangeResult:
        """Change tags=, note=, note_format=; pass base_rev= (the revision shown) to detect conflicts."""
        return self.annotation_service.edit(annotation_id, **changes)

    def delete_annotation(self, annotation_id: str, base_rev: str | None = None) -> ChangeResult:
        return self.annotation_service.delete(annotation_id, base_rev=base_rev)

    def undo(self) -> ChangeResult | None:
        """Undo this session's last annotation change (None when there is none)."""
        return self.annotation_service.undo()

    def redo(self) -> ChangeResult | None:
        return self.annotation_service.redo()

    def annotations(self, doc_id: str | None = None, tag: str | None = None) -> list[Annotation]:
        return self.annotation_service.list(doc_id, tag)

    def annotation(self, annotation_id: str) -> Annotation:
        return self.annotation_service.get(annotation_id)

    def review_queue(self) -> list[ReviewItem]:
        """Annotations that need the analyst's eye: needs-review, orphaned or in conflict."""
        return self.annotation_service.review_queue()

    def check(self) -> CheckReport:
        """Validate every annotation file and re-anchor annotations of changed documents; also
        re-index documents whose annotation files changed outside caseview (a git pull, a hand edit)."""
        report = self.annotation_service.check()
        stale = []
        for doc_id, entry in self._manifest.documents.items():
            indexed = json.loads(entry.extras_key) if entry.extras_key else [[], [], []]
            terms = self.annotation_service.index_terms(doc_id)
            if sorted(indexed[1]) != sorted(terms.tags) or sorted(indexed[2]) != sorted(terms.notes):
                stale.append(doc_id)
        if stale:
            self.reindex_documents(stale)
        return report


def _manifest_entry(entry: FileEntry, document: Document, extras: IndexExtras) -> ManifestEntry:
    meta = document.meta
    return ManifestEntry(
        size=entry.size, mtime_ns=entry.mtime_ns, meta_mtime_ns=entry.meta_mtime_ns, sha256=document.sha256,
        format=document.format, encoding=document.encoding, title=meta.title, title_source=meta.title_source,
        outlet=meta.outlet, published=meta.published, url=meta.url, author=meta.author, extras_key=extras.key(),
    )


__all__ = ["DocumentInfo", "IndexBusy", "RefreshReport", "UnknownDocument", "Workspace"]
