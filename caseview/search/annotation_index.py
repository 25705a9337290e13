"""Tags and notes in a small Whoosh index of their own, beside the main one (``.caseview/annotations-index/``).

A tag written on a 1 MB document used to re-analyse and re-index the whole text (a second or more)
before it was searchable. Here it costs one small write: the document's entry in this index is
deleted and written again (its tags and notes only). The main index never holds ``tag`` or ``note``.

One entry per *document* (its tags and notes together), not per annotation: a ``tag:``/``note:``
clause is scored with BM25F over the document's tag and note fields, exactly as when they were
fields of the main index, so every score, order and total stays what it was. To make that exact,
the annotation index is searched with the main index's document count (:class:`_CorpusStatsSearcher`):
idf and average field lengths are the corpus's, document frequencies and field lengths this index's
(the same as the main index had, since documents without tags or notes have none).

The join (:mod:`caseview.search.annotation_join`) turns each ``tag:``/``note:`` leaf of a query into
an :class:`~caseview.search.annotation_join.AnnotationLeaf` holding those scores by document id,
which the main query combines like any other leaf.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import fields
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.searching import Searcher as WhooshSearcher

from caseview.search.schema import SCHEMA_VERSION, annotation_fields
from caseview.search.whoosh_types import Searcher

__all__ = ["ANNOTATION_FIELDS", "AnnotationIndex", "AnnotationTerms", "AnnotationsBusy", "tags_value"]

#: The query fields this index answers.
ANNOTATION_FIELDS = frozenset({"tag", "note"})
FOLDER_NAME = "annotations-index"
VERSION_FILE = "caseview-annotations.json"
WRITER_TIMEOUT_S = 10.0


class AnnotationsBusy(Exception):
    """Another process is writing the annotation index right now."""


@dataclass(frozen=True)
class AnnotationTerms:
    """A document's tags and notes as the annotation index holds them."""

    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(tags_value(self.tags) or any(note.strip() for note in self.notes))


def tags_value(tags: tuple[str, ...] | list[str]) -> str:
    """The ``tag`` field's value: distinct lower-cased tags, comma-separated (a comma inside a tag splits nothing)."""
    return ",".join(sorted({tag.replace(",", " ").strip().lower() for tag in tags if tag.strip()}))


def annotation_schema() -> fields.Schema:
    return fields.Schema(doc_id=fields.ID(stored=True, unique=True), **annotation_fields())


class _CorpusStatsSearcher(WhooshSearcher):  # type: ignore[misc]
    """A searcher of the annotation index whose document count is the main index's.

    BM25F takes idf (``log(N / (df + 1)) + 1``) and the average field length (total / N) from the
    top searcher's ``doc_count_all``: with the corpus's N they are the values the main index gave
    when it held these fields. Whoosh reads N from ``_doccount`` in both places.
    """

    def __init__(self, reader: Any, corpus_doc_count: int, fromindex: Any) -> None:
        super().__init__(reader, fromindex=fromindex)
        self._doccount = corpus_doc_count
        self.corpus_doc_count = corpus_doc_count

    def _subsearcher(self, reader: Any) -> Any:
        # A segment's searcher takes idf and average lengths from its parent (this one).
        return WhooshSearcher(reader, fromindex=self._ix, weighting=self.weighting, parent=self)


@dataclass
class _Slot:
    searcher: Searcher | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


class AnnotationIndex:
    """The annotation index in ``folder``; searched from several threads while one writes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ix: Any = None
        self._slot = _Slot()
        #: How many entries were written (added or deleted) since it was opened: what the tests count.
        self.writes = 0

    def open(self) -> bool:
        """Open the index, creating it when missing, unreadable or of another version; True if it was (re)made
        (the caller fills it again from what it knows of every document's tags and notes)."""
        if self._current():
            try:
                self._ix = self._storage().open_index()
                self._ix.doc_count_all()
                return False
            except Exception:
                pass  # rebuilt below: derived data
        self.clear()
        return True

    def _current(self) -> bool:
        try:
            recorded = json.loads((self.folder / VERSION_FILE).read_text("utf-8")).get("schema_version")
        except (OSError, ValueError, AttributeError):
            return False
        return bool(recorded == SCHEMA_VERSION)

    def clear(self) -> None:
        """Start again from an empty annotation index."""
        self._close_searcher()
        if self._ix is not None:
            self._ix.close()
            self._ix = None
        if self.folder.is_symlink() or self.folder.is_file():
            self.folder.unlink()
        elif self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self._ix = self._storage().create_index(annotation_schema())
        (self.folder / VERSION_FILE).write_text(json.dumps({"schema_version": SCHEMA_VERSION}), "utf-8")

    def _storage(self) -> FileStorage:
        return FileStorage(str(self.folder), supports_mmap=False)

    @property
    def is_open(self) -> bool:
        return self._ix is not None

    # -- writing ---------------------------------------------------------------------------
    def write(self, changes: Mapping[str, AnnotationTerms | None]) -> int:
        """Set each document's tags and notes (``None`` or empty: it has none) in one commit; entries written.

        Only documents that have an entry are deleted first, so a first build of 200,000 documents
        with a handful of annotations writes a handful of entries.
        """
        if not changes:
            return 0
        present = self._present(changes)
        wanted = {doc_id: terms for doc_id, terms in changes.items() if terms}
        if not present and not wanted:
            return 0
        try:
            writer = self._ix.writer(timeout=WRITER_TIMEOUT_S)
        except LockError:
            raise AnnotationsBusy("another caseview process is updating the annotation index") from None
        try:
            for doc_id in sorted(present):
                writer.delete_by_term("doc_id", doc_id)
            for doc_id, terms in sorted(wanted.items()):
                assert terms is not None
                writer.add_document(doc_id=doc_id, tag=tags_value(terms.tags), note="\n".join(terms.notes))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self._close_searcher()
        self.writes += len(present) + len(wanted)
        return len(present) + len(wanted)

    def _present(self, doc_ids: Mapping[str, object]) -> set[str]:
        """Which of ``doc_ids`` have an entry now (from the index's words: as many as annotated documents,
        however many ``doc_ids`` a refresh passes)."""
        with self._ix.reader() as reader:
            if reader.doc_count() == 0:
                return set()
            if len(doc_ids) < 64:
                return {doc_id for doc_id in doc_ids if ("doc_id", doc_id) in reader}
            return {text for text in (btext.decode("utf-8") for btext in reader.lexicon("doc_id")) if text in doc_ids}

    def doc_ids(self) -> set[str]:
        """Every document with an entry (for the tests and the health check)."""
        with self._ix.reader() as reader:
            return {str(stored["doc_id"]) for _, stored in reader.iter_docs()}

    # -- searching -------------------------------------------------------------------------
    def searcher(self, corpus_doc_count: int) -> Searcher:
        """A searcher with the corpus's document count, reused while this index and that count are unchanged."""
        with self._slot.lock:
            current = self._slot.searcher
            if current is not None and (not current.up_to_date() or current.corpus_doc_count != corpus_doc_count):
                current.close()
                current = None
            if current is None:
                current = _CorpusStatsSearcher(self._ix.reader(), corpus_doc_count, self._ix)
                self._slot.searcher = current
            return current

    def _close_searcher(self) -> None:
        with self._slot.lock:
            if self._slot.searcher is not None:
                self._slot.searcher.close()
                self._slot.searcher = None

    def close(self) -> None:
        self._close_searcher()
        if self._ix is not None:
            self._ix.close()
            self._ix = None
