"""Entity names in the search index: what the extraction found, given to the ``entity`` field.

A document's ``entity`` field gets the canonical names and aliases of its entities. While the
corpus-level result is not there yet (a first indexing), it gets the names found in the document
alone; once the corpus result is computed, the documents whose names changed are re-indexed. What
was given to the index is remembered in ``.caseview/extract/indexed-entities.json``, so reopening a
known corpus re-indexes nothing.

This is the search side of extraction, kept out of :mod:`caseview.extract` (which knows nothing of
the index): the workspace joins the two here.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Mapping
from pathlib import Path

from caseview.corpus import Document
from caseview.extract.aliases import name_key
from caseview.extract.cache import CACHE_FOLDER
from caseview.extract.models import CorpusExtraction
from caseview.extract.pipeline import likely_partners
from caseview.extract.service import ExtractionService
from caseview.kernel.safefile import atomic_write_text
from caseview.search import IndexBusy, IndexExtras
from caseview.search.schema import keyword_forms
from caseview.workspace.core import CorpusIndex

INDEXED_NAMES_FILE = "indexed-entities.json"


class EntityIndex:
    """Remembers which entity names each document was indexed with, and re-indexes those that changed."""

    def __init__(self, corpus: CorpusIndex) -> None:
        self.corpus = corpus
        self._path = corpus.derived_dir / CACHE_FOLDER / INDEXED_NAMES_FILE
        self._indexed: dict[str, str] | None = None
        self._lock = threading.Lock()

    def remember(self, doc_id: str, names: list[str]) -> None:
        with self._lock:
            self._load()[doc_id] = _names_key(names)

    def names_changed(self, names_by_document: Mapping[str, list[str]]) -> None:
        """A new corpus result: re-index the documents whose names differ from what the index holds."""
        with self._lock:
            indexed = dict(self._load())
        changed = [doc_id for doc_id, names in names_by_document.items() if indexed.get(doc_id) != _names_key(names)]
        if changed:
            try:
                self.corpus.reindex_documents(changed)
            except IndexBusy:
                return  # another process is writing the index: the names are given next time
        self._save()

    def _load(self) -> dict[str, str]:
        if self._indexed is None:
            self._indexed = _read_indexed(self._path)
        return self._indexed

    def _save(self) -> None:
        with self._lock:
            text = json.dumps(self._load(), ensure_ascii=False, sort_keys=True)
        with contextlib.suppress(OSError):  # derived data: rebuilt if lost
            atomic_write_text(self._path, text, durable=False)


class EntityExtras:
    """The extras provider that gives each document's entity names to the index."""

    def __init__(self, extraction: ExtractionService, memory: EntityIndex) -> None:
        self.extraction = extraction
        self.memory = memory

    def __call__(self, document: Document) -> IndexExtras:
        names = self.extraction.index_names(document)
        self.memory.remember(document.id, names)
        return IndexExtras(entities=tuple(names))


def mention_spans(result: CorpusExtraction, doc_id: str, keywords: set[str]) -> list[tuple[int, int]]:
    """Mentions in ``doc_id`` of entities indexed under any of ``keywords`` (an ``entity:`` search)."""
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


def _read_indexed(path: Path) -> dict[str, str]:
    try:
        loaded = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def _names_key(names: list[str]) -> str:
    return json.dumps(sorted({name_key(n) + "|" + n for n in names}), ensure_ascii=False)
