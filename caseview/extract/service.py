"""Extraction for an opened workspace: lazy, cached, thread-safe, and fed into the search index.

The workspace owns one :class:`ExtractionService`. The corpus-level result is computed on first
use (the TUI calls it from a worker thread) and kept until a document or the corrections change.
Per-document results come from memory, then from the disk cache (``.caseview/extract/``), and only
then from the extractor.

Search: the service is an index extras provider. A document's ``entity`` field gets the canonical
names and aliases of its entities. While the corpus-level result is not there yet (a first
indexing), it gets the names found in the document alone; once the corpus result is computed, the
documents whose names changed are re-indexed. What was given to the index is remembered in
``.caseview/extract/indexed-entities.json`` so reopening a known corpus re-indexes nothing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from caseview.corpus import Document
from caseview.extract.aliases import name_key
from caseview.extract.cache import CACHE_FOLDER, ExtractionCache
from caseview.extract.correction_checks import check_correction
from caseview.extract.corrections import (
    CorrectionsError,
    add_correction,
    atomic_write_text,
    corrections_path,
    describe_correction,
    load_corrections,
    make_correction,
    remove_correction,
    restore_correction,
)
from caseview.extract.models import CorpusExtraction, Correction, DocumentExtraction, EntityType
from caseview.extract.pipeline import assemble_corpus, extract_texts, index_names_by_document, likely_partners
from caseview.extract.undo import CorrectionStep
from caseview.kernel.undo import Recorder

if TYPE_CHECKING:
    from caseview.search import IndexExtras
    from caseview.workspace import Workspace

INDEXED_NAMES_FILE = "indexed-entities.json"
_DocKey = tuple[str, str, date | None]


class ExtractionService:
    def __init__(self, workspace: Workspace, history: Recorder | None = None) -> None:
        self.workspace = workspace
        #: Where corrections are recorded for undo (the workspace's session history), if anywhere.
        self.history = history
        self._lock = threading.Lock()
        self._per_document: dict[_DocKey, DocumentExtraction] = {}
        self._result: CorpusExtraction | None = None
        self._result_key: tuple | None = None
        self._result_names: dict[str, list[str]] = {}
        self._result_docs: dict[str, str] = {}
        self._indexed: dict[str, str] | None = None
        self._indexed_lock = threading.Lock()
        #: Guards ``_per_document``, which the index provider (refresh thread) and ``result`` share.
        self._documents_lock = threading.Lock()

    # -- the corpus-level result -----------------------------------------------------------------
    def result(self, progress: Callable[[int, int], None] | None = None) -> CorpusExtraction:
        """Entities, events, clusters, flags and suggestions; computed once per corpus state."""
        documents = [self.workspace.document(info.id) for info in self.workspace.documents()]
        path = corrections_path(self.workspace.root)
        key = (tuple((d.id, d.sha256, d.meta.published) for d in documents), _stat(path))
        with self._lock:
            if self._result is not None and self._result_key == key:
                return self._result
            corrections = self._load_corrections(path)
            per_document = self._per_document_results(documents, progress)
            result = assemble_corpus(per_document, corrections)
            self._result, self._result_key = result, key
            self._result_names = index_names_by_document(result)
            self._result_docs = {d.id: d.sha256 for d in documents}
        self._reindex_changed(documents)
        return result

    def _load_corrections(self, path: Path) -> list[Correction]:
        try:
            return load_corrections(path)
        except CorrectionsError as error:
            if "newer" in str(error):
                raise
            return []  # unreadable: reported by correct(); extraction still works without them

    def _per_document_results(
        self, documents: list[Document], progress: Callable[[int, int], None] | None
    ) -> dict[str, DocumentExtraction]:
        cache = ExtractionCache(self.workspace.derived_dir)
        wanted = {(d.id, d.sha256, d.meta.published): d for d in documents}
        with self._documents_lock:
            known = {k: v for k, v in self._per_document.items() if k in wanted}
        missing = []
        for doc_key, document in wanted.items():
            if doc_key in known:
                continue
            cached = cache.get(document.sha256, document.meta.published)
            if cached is None:
                missing.append(doc_key)
            else:
                known[doc_key] = cached
        fresh = extract_texts([(wanted[k].text, wanted[k].meta.published) for k in missing], progress=progress)
        for doc_key, extraction in zip(missing, fresh, strict=True):
            cache.put(doc_key[1], doc_key[2], extraction)
            known[doc_key] = extraction
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
        add_correction(corrections_path(self.workspace.root), correction)
        if self.history is not None:
            names = {entity.id: entity.name for entity in current.entities}
            self.history.record(CorrectionStep(self, correction, describe_correction(correction, names)))
        self.result()
        return correction

    def withdraw(self, correction_id: str) -> tuple[Correction | None, str | None]:
        """Undo a correction: take it out of the file (see ``remove_correction``) and re-apply the rest."""
        removed = remove_correction(corrections_path(self.workspace.root), correction_id)
        self.result()
        return removed

    def restore(self, correction: Correction, after_id: str | None) -> bool:
        """Redo a withdrawn correction, in its old place among the others."""
        restored = restore_correction(corrections_path(self.workspace.root), correction, after_id)
        self.result()
        return restored

    # -- the search index --------------------------------------------------------------------
    def mention_spans(self, doc_id: str, keywords: set[str]) -> list[tuple[int, int]]:
        """Mentions in ``doc_id`` of entities indexed under any of ``keywords`` (``entity:`` search)."""
        from caseview.search.schema import keyword_forms

        result = self.result()
        likely = likely_partners(result)
        by_id = {entity.id: entity for entity in result.entities}
        spans: list[tuple[int, int]] = []
        for entity in result.entities:
            if entity.hidden or doc_id not in entity.doc_ids:
                continue
            names = (entity.name, *entity.aliases, *(by_id[o].name for o in likely.get(entity.id, ()) if o in by_id))
            if any(keyword_forms(name) & keywords for name in names):
                spans.extend((m.start, m.end) for m in entity.mentions if m.doc_id == doc_id)
        return spans

    def index_extras(self, document: Document) -> IndexExtras:
        """The ``entity`` values of one document (an extras provider for the workspace)."""
        from caseview.search import IndexExtras

        if self._result_docs.get(document.id) == document.sha256:
            names = self._result_names.get(document.id, [])
        else:
            names = self._document_level_names(document)
        self._remember_indexed(document.id, names)
        return IndexExtras(entities=tuple(names))

    def _document_level_names(self, document: Document) -> list[str]:
        doc_key = (document.id, document.sha256, document.meta.published)
        with self._documents_lock:
            extraction = self._per_document.get(doc_key)
        if extraction is None:
            cache = ExtractionCache(self.workspace.derived_dir)
            extraction = cache.get(document.sha256, document.meta.published)
            if extraction is None:
                extraction = extract_texts([(document.text, document.meta.published)])[0]
                cache.put(document.sha256, document.meta.published, extraction)
            with self._documents_lock:
                self._per_document[doc_key] = extraction
        names: dict[str, None] = {}
        for mention in extraction.mentions:
            if mention.gazetteer:
                names.setdefault(mention.gazetteer, None)
            names.setdefault(" ".join(mention.text.split()), None)
        return list(names)

    def _indexed_path(self) -> Path:
        return self.workspace.derived_dir / CACHE_FOLDER / INDEXED_NAMES_FILE

    def _remember_indexed(self, doc_id: str, names: list[str]) -> None:
        with self._indexed_lock:
            self._load_indexed()[doc_id] = _names_key(names)

    def _load_indexed(self) -> dict[str, str]:
        if self._indexed is None:
            try:
                loaded = json.loads(self._indexed_path().read_text("utf-8"))
                self._indexed = {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self._indexed = {}
        return self._indexed

    def _save_indexed(self) -> None:
        with self._indexed_lock:
            text = json.dumps(self._load_indexed(), ensure_ascii=False, sort_keys=True)
        try:
            atomic_write_text(self._indexed_path(), text, durable=False)
        except OSError:
            pass

    def _reindex_changed(self, documents: list[Document]) -> None:
        with self._indexed_lock:
            indexed = dict(self._load_indexed())
        changed = [d.id for d in documents if indexed.get(d.id) != _names_key(self._result_names.get(d.id, []))]
        if changed:
            from caseview.search import IndexBusy

            try:
                self.workspace.reindex_documents(changed)
            except IndexBusy:
                return  # another process is writing the index: the names are given next time
        self._save_indexed()


def _names_key(names: list[str]) -> str:
    return json.dumps(sorted({name_key(n) + "|" + n for n in names}), ensure_ascii=False)


def _stat(path: Path) -> tuple[int, int, int] | None:
    """(inode, mtime, size): another window's atomic rewrite always changes at least the inode."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size
