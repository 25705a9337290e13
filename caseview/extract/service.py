"""Extraction for an opened corpus: lazy, cached, thread-safe.

The workspace owns one :class:`ExtractionService`. The corpus-level result is computed on first
use (the TUI calls it from a worker thread) and kept until a document or the corrections change.
Per-document results come from memory, then from the disk cache (``.caseview/extract/``), and only
then from the extractor.

The service reads documents through a :class:`DocumentSource` and knows nothing of the search
index: :meth:`ExtractionService.index_names` says which entity names a document has (corpus-level
names once the corpus result covers it, the document's own names before), and ``on_result`` is told
when a new corpus result exists, so whoever indexes the names can bring the index up to date.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from caseview.corpus import Document
from caseview.corpus.pubdate import PublicationDate
from caseview.extract.cache import ExtractionCache
from caseview.extract.correction_checks import check_correction
from caseview.extract.corrections import (
    CorrectionsError,
    CorrectionsFileError,
    Withdrawn,
    add_correction,
    describe_correction,
    load_corrections,
    make_correction,
    remove_correction,
    restore_correction,
)
from caseview.extract.merge_undo import merge_to_undo
from caseview.extract.models import CorpusExtraction, Correction, DocumentExtraction, EntityType
from caseview.extract.pipeline import assemble_corpus, extract_texts, index_names_by_document
from caseview.extract.undo import CorrectionStep
from caseview.kernel.undo import Recorder

_DocKey = tuple[str, str, PublicationDate | None]
#: What the corpus result was computed from: each document's (id, sha256, publication date with its
#: precision), and the corrections file's stat.
_ResultKey = tuple[tuple[_DocKey, ...], tuple[int, int, int] | None]


class DocumentSource(Protocol):
    """The corpus's documents as they are now (the workspace's corpus index)."""

    def current_documents(self) -> list[Document]:
        """Every readable document of the corpus, as it is on disk now."""
        ...


class ExtractionService:
    """Entities, events and the analyst's corrections of one corpus."""

    def __init__(
        self,
        documents: DocumentSource,
        *,
        corrections_file: Path,
        derived_dir: Path,
        history: Recorder | None = None,
        on_result: Callable[[Mapping[str, list[str]]], None] | None = None,
    ) -> None:
        self.documents = documents
        self.corrections_file = corrections_file
        self.derived_dir = derived_dir
        #: Where corrections are recorded for undo (the workspace's session history), if anywhere.
        self.history = history
        #: Told, after a new corpus result was computed, the names it gives each document.
        self.on_result = on_result
        self._quarantine_dir = derived_dir / "quarantine"
        #: One cache for the service's life: its connections are opened once per thread, not per document.
        self._cache = ExtractionCache(derived_dir)
        self._lock = threading.Lock()
        self._per_document: dict[_DocKey, DocumentExtraction] = {}
        self._result: CorpusExtraction | None = None
        self._result_key: _ResultKey | None = None
        self._result_names: dict[str, list[str]] = {}
        self._result_docs: dict[str, str] = {}
        #: Guards ``_per_document``, which the index provider (refresh thread) and ``result`` share.
        self._documents_lock = threading.Lock()

    # -- the corpus-level result -----------------------------------------------------------------
    def result(self, progress: Callable[[int, int], None] | None = None) -> CorpusExtraction:
        """Entities, events, clusters, flags and suggestions; computed once per corpus state."""
        documents = self.documents.current_documents()
        path = self.corrections_file
        key: _ResultKey = (tuple((d.id, d.sha256, d.meta.publication) for d in documents), _stat(path))
        with self._lock:
            if self._result is not None and self._result_key == key:
                return self._result
            corrections = self._load_corrections(path)
            per_document = self._per_document_results(documents, progress)
            result = assemble_corpus(per_document, corrections)
            self._result, self._result_key = result, key
            self._result_names = index_names_by_document(result)
            self._result_docs = {d.id: d.sha256 for d in documents}
        if self.on_result is not None:
            self.on_result({d.id: self._result_names.get(d.id, []) for d in documents})
        return result

    def _load_corrections(self, path: Path) -> list[Correction]:
        try:
            return load_corrections(path, self._quarantine_dir)
        except CorrectionsFileError:
            return []  # unreadable: reported by correct(); extraction still works without them

    def _per_document_results(
        self, documents: list[Document], progress: Callable[[int, int], None] | None
    ) -> dict[str, DocumentExtraction]:
        cache = self._cache
        wanted = {(d.id, d.sha256, d.meta.publication): d for d in documents}
        with self._documents_lock:
            known = {k: v for k, v in self._per_document.items() if k in wanted}
        missing = []
        for doc_key, document in wanted.items():
            if doc_key in known:
                continue
            cached = cache.get(document.sha256, document.meta.publication)
            if cached is None:
                missing.append(doc_key)
            else:
                known[doc_key] = cached
        fresh = extract_texts([(wanted[k].text, wanted[k].meta.publication) for k in missing], progress=progress)
        for doc_key, extraction in zip(missing, fresh, strict=True):
            cache.put(doc_key[1], doc_key[2], extraction)
            known[doc_key] = extraction
        cache.flush()  # every record this result was made from is there for another window
        with self._documents_lock:
            self._per_document = dict(known)
        return {doc_key[0]: known[doc_key] for doc_key in wanted}

    # -- corrections -------------------------------------------------------------------------
    def correct(
        self, op: str, entity_ids: list[str], value: str | None = None, entity_type: EntityType | str | None = None
    ) -> Correction:
        """Record one correction next to the documents and apply it (the result is recomputed)."""
        current = self.result()
        check_correction(op, current, entity_ids, value, entity_type)
        if op == "retype" and entity_type is not None:
            entity_type = EntityType(str(entity_type).upper())
        if value is not None:
            value = " ".join(value.split())
        try:
            correction = make_correction(op, list(current.entities), entity_ids, value, entity_type)
        except ValueError as error:
            raise CorrectionsError(str(error)) from None
        add_correction(self.corrections_file, correction, self._quarantine_dir)
        if self.history is not None:
            names = {entity.id: entity.name for entity in current.entities}
            self.history.record(CorrectionStep(self, correction, describe_correction(correction, names)))
        self.result()
        return correction

    def unmerge(self, entity_id: str, alias: str | None = None) -> Correction:
        """Undo an automatic merge on evidence: split the merged name (``alias``, or the entity's only
        merged name) off again. Stored as a ``split`` correction, so it survives a reopen and is itself
        undone by ``ctrl+z``; :class:`CorrectionsError` (one line) when there is nothing to unmerge."""
        entity = self.result().entity(entity_id)
        if entity is None:
            raise CorrectionsError(f"no entity {entity_id!r} (see 'caseview entities')")
        reason = merge_to_undo(entity, alias)
        return self.correct("split", [entity.id], reason.alias)

    def withdraw(self, correction_id: str) -> Withdrawn:
        """Undo a correction: take it out of the file (see ``remove_correction``) and re-apply the rest."""
        withdrawn = remove_correction(self.corrections_file, correction_id, self._quarantine_dir)
        self.result()
        return withdrawn

    def restore(self, correction: Correction, after_id: str | None) -> bool:
        """Redo a withdrawn correction, in its old place among the others."""
        restored = restore_correction(self.corrections_file, correction, after_id, self._quarantine_dir)
        self.result()
        return restored

    # -- the names a document is found under ------------------------------------------------------
    def index_names(self, document: Document) -> list[str]:
        """The entity names of one document: its entities' canonical names and aliases across the corpus
        once the corpus result covers this version of it, else the names found in the document alone."""
        if self._result_docs.get(document.id) == document.sha256:
            return self._result_names.get(document.id, [])
        return self._document_level_names(document)

    def result_names(self, doc_id: str) -> list[str]:
        """The names the current corpus result gives a document (none before the first result)."""
        return self._result_names.get(doc_id, [])

    def _document_level_names(self, document: Document) -> list[str]:
        doc_key = (document.id, document.sha256, document.meta.publication)
        with self._documents_lock:
            extraction = self._per_document.get(doc_key)
        if extraction is None:
            cache = self._cache
            extraction = cache.get(document.sha256, document.meta.publication)
            if extraction is None:
                extraction = extract_texts([(document.text, document.meta.publication)])[0]
                if not cache.put(document.sha256, document.meta.publication, extraction):
                    # No cache to read it back from: kept for the corpus result. Otherwise it is not:
                    # holding every document's extraction through a first build (170 MB at 25,000
                    # paragraphs) cost the garbage collector more than reading the records back.
                    with self._documents_lock:
                        self._per_document[doc_key] = extraction
        names: dict[str, None] = {}
        for mention in extraction.mentions:
            if mention.gazetteer:
                names.setdefault(mention.gazetteer, None)
            names.setdefault(" ".join(mention.text.split()), None)
        return list(names)


def _stat(path: Path) -> tuple[int, int, int] | None:
    """(inode, mtime, size): another window's atomic rewrite always changes at least the inode."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size
