"""The Whoosh index of one corpus: open (or rebuild), update incrementally, search.

Searchers are never ``refresh()``-ed: in whoosh-reloaded that can resurrect stale segments after
another process commits (a refreshed searcher was seen counting 51 of 50 documents and returning both
versions of an updated one). Instead one searcher is kept while the index is unchanged and
replaced when a commit (ours or another process's) made it out of date, by one that the new
commit's table of contents alone defines and that keeps the old readers of segments the commit
left unchanged (same id, documents and deletions; :mod:`caseview.search.reopen`).
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from caseview.corpus import Document
from caseview.search.annotation_index import FOLDER_NAME as ANNOTATIONS_FOLDER
from caseview.search.annotation_index import AnnotationIndex, AnnotationsBusy, AnnotationTerms
from caseview.search.annotation_join import join_annotations
from caseview.search.field_terms import PASSAGE_FIELDS
from caseview.search.hits import ShownHit, make_hit
from caseview.search.lean_writer import LeanSegmentWriter
from caseview.search.models import ExtraSpans, Hit, SearchResults, Span
from caseview.search.query import AnnotationJoin, ParsedQuery, PreparedQuery, make_parser, prepare_query
from caseview.search.ranking import OutOfTime, Ranker, Unsupported
from caseview.search.ranking import rank as rank_query
from caseview.search.reopen import reopen
from caseview.search.schema import SCHEMA_VERSION, build_schema, keyword_forms
from caseview.search.whoosh_types import Searcher

#: ``whoosh.index.Index`` and ``whoosh.writing.IndexWriter`` (untyped; see caseview.search.whoosh_types).
WhooshIndex = Any
IndexWriter = Any

VERSION_FILE = "caseview-index.json"
#: Wall-clock budget of one search; past it the best hits found so far come back, marked partial.
SEARCH_TIME_LIMIT_S = 1.0
#: Up to this many documents an exact total is counted; above it Whoosh's estimate is reported.
EXACT_COUNT_LIMIT = 20_000
WRITER_TIMEOUT_S = 10.0
#: Share of the time limit the block ranker may use. Nearly all of it: Whoosh's collector, which
#: gets what is left if the ranker found nothing in time, scores a document in 15–30 µs and would
#: start again from nothing; the ranker returns what it found by then (the words of an OR scored,
#: the phrase candidates verified). The hits shown have their own cut (their snippets).
FAST_PATH_SHARE = 0.95
#: Share of the time limit prefix, wildcard and fuzzy expansion may use (a term not expanded by then
#: stands for its own text, and the results say partial). Generous: the first fuzzy search of a
#: large index reads its lexicon, and a busy machine must not cost it its answer.
EXPANSION_SHARE = 0.8
SNIPPETS_CUT = "the search ran out of time; the last hits are shown without their matching passages"
#: Posting pool of the writer (caseview.search.term_pool): past it the pool spills a sorted run to disk.
WRITER_LIMIT_MB = 64

ProgressCallback = Callable[[int, int, str], None]


class IndexBusy(Exception):
    """Another caseview process is updating this index right now."""


@dataclass(frozen=True)
class IndexExtras:
    """Values other parts of caseview attach to a document for search: entities, tags and notes."""

    entities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def annotation_terms(self) -> AnnotationTerms:
        """What of these extras the annotation index holds (tags and notes)."""
        return AnnotationTerms(tags=self.tags, notes=self.notes)

    def key(self) -> str:
        """A canonical string of these extras, stored in the manifest to tell whether they changed."""
        return json.dumps([sorted(self.entities), sorted(self.tags), sorted(self.notes)], ensure_ascii=False)

    @classmethod
    def from_key(cls, key: str) -> IndexExtras:
        """The extras a :meth:`key` was made from (empty for an empty key): nobody decodes it by position."""
        if not key:
            return cls()
        entities, tags, notes = json.loads(key)
        return cls(tuple(entities), tuple(tags), tuple(notes))


@dataclass
class _SearcherSlot:
    searcher: Searcher | None = None
    ranker: Ranker | None = None
    #: A searcher our own commit made out of date: its readers of unchanged segments are kept by
    #: the next searcher (caseview.search.reopen), the others closed then.
    retired: Searcher | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class _RankedHits:
    """The hits shown, best first, and the total."""

    top: list[ShownHit]
    total: int
    total_is_estimate: bool
    timed_out: bool = False


def _entity_keywords(names: Iterable[str]) -> str:
    return ",".join(sorted(set().union(*(keyword_forms(name) for name in names))))


class SearchIndex:
    """A Whoosh index in ``folder``, and beside it the annotation index of tags and notes
    (:mod:`caseview.search.annotation_index`); safe to search from several threads while one thread writes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ix: WhooshIndex | None = None
        #: Tags and notes: written without touching the main index (one small write per change).
        self.annotations = AnnotationIndex(folder.parent / ANNOTATIONS_FOLDER)
        #: True when the annotation index was made anew while the main index was kept: the caller
        #: fills it again from what it recorded of each document's tags and notes (no file is read).
        self.annotations_need_filling = False
        self._slot = _SearcherSlot()
        self._parser = make_parser()

    # -- opening ---------------------------------------------------------------------------
    def open(self) -> str | None:
        """Open the index, creating or rebuilding it when needed; returns why it was (re)built, if it was."""
        reason = self._rebuild_reason()
        if reason is None:
            try:
                self._ix = self._storage().open_index()
                self.searcher().doc_count()  # proves it readable, and is the first search's searcher
                self.annotations_need_filling = self.annotations.open()
                return None
            except Exception as error:
                reason = f"the search index was unreadable ({type(error).__name__}: {error}); rebuilt it"
        self._create()
        return reason

    def _rebuild_reason(self) -> str | None:
        version_path = self.folder / VERSION_FILE
        if not self.folder.exists() or not version_path.exists():
            return "new index" if not self.folder.exists() else "the search index had no version record; rebuilt it"
        try:
            recorded = json.loads(version_path.read_text("utf-8")).get("schema_version")
        except (OSError, ValueError, AttributeError):
            return "the search index's version record was unreadable; rebuilt it"
        if recorded != SCHEMA_VERSION:
            return (
                f"the search index was built by another version of caseview (schema {recorded}, "
                f"now {SCHEMA_VERSION}); rebuilt it"
            )
        return None

    def _create(self) -> None:
        self._drop_searchers()
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self._ix = self._storage().create_index(build_schema())
        (self.folder / VERSION_FILE).write_text(json.dumps({"schema_version": SCHEMA_VERSION}), "utf-8")
        self.annotations.clear()  # every document is indexed again, its tags and notes with it
        self.annotations_need_filling = False

    def clear(self) -> None:
        """Start again from an empty index (e.g. when the record of what it holds was lost)."""
        self._create()

    def _storage(self) -> FileStorage:
        """The index folder, read with plain reads rather than memory-mapped.

        Memory-mapped, a search process at 200,000 documents held ~690 MB (PSS, ~310 MB of it mapped
        index pages, the rest what Whoosh builds over them); with reads it holds ~70 MB, the first
        query is faster (36 ms vs 208 ms) and the others within noise (queries through Whoosh's
        collector were measured 1.3–1.5× slower; blocks read whole make that cost small).
        """
        return FileStorage(str(self.folder), supports_mmap=False)

    @property
    def ix(self) -> WhooshIndex:
        if self._ix is None:
            raise RuntimeError("SearchIndex.open() must be called first")
        return self._ix

    # -- writing ---------------------------------------------------------------------------
    def update(
        self,
        documents: Iterable[tuple[Document, IndexExtras] | str],
        removed_ids: Iterable[str] = (),
        total: int = 0,
        progress: ProgressCallback | None = None,
    ) -> int:
        """Add or replace ``documents`` and delete ``removed_ids`` in one commit; returns documents written.

        An item of ``documents`` that is a plain id deletes that document (it became unreadable).
        Their tags and notes go to the annotation index, in a commit of its own after the main one.
        """
        fresh = self.ix.doc_count_all() == 0
        try:
            writer = self._writer(total)
        except LockError:
            raise IndexBusy("another caseview process is updating the search index; try again in a moment") from None
        written = 0
        annotations: dict[str, AnnotationTerms | None] = {}
        try:
            for doc_id in removed_ids:
                writer.delete_by_term("id", doc_id)
                annotations[doc_id] = None
            for item in documents:
                if isinstance(item, str):
                    writer.delete_by_term("id", item)
                    annotations[item] = None
                    continue
                document, extras = item
                annotations[document.id] = extras.annotation_terms()
                if fresh:
                    writer.add_document(**self._fields(document, extras))  # nothing to replace in a new index
                else:
                    writer.update_document(**self._fields(document, extras))
                written += 1
                if progress and (written % 50 == 0 or written == total):
                    progress(written, total, document.id)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self._close_searcher()
        self.update_annotations(annotations)
        return written

    def update_annotations(self, changes: dict[str, AnnotationTerms | None]) -> int:
        """Set these documents' tags and notes (``None``: none) in the annotation index only: the main
        index, and so the documents' text, is not touched. Returns the entries written."""
        try:
            return self.annotations.write(changes)
        except AnnotationsBusy as error:
            raise IndexBusy(f"{error}; try again in a moment") from None

    def _writer(self, total: int) -> IndexWriter:
        """One writer process, for a first build as for one changed document (``total`` is unused).

        :class:`~caseview.search.lean_writer.LeanSegmentWriter` writes Whoosh's own segment format
        with a fraction of Whoosh's Python work per posting. With that work cut, two writer processes
        (``procs=2``, used before for large builds) cost more CPU than they save wall-clock: each
        document is pickled to a child, each child writes its own segment, and the search then reads
        two segments instead of one.
        """
        del total
        return LeanSegmentWriter(self.ix, timeout=WRITER_TIMEOUT_S, limitmb=WRITER_LIMIT_MB)

    @staticmethod
    def _fields(document: Document, extras: IndexExtras) -> dict[str, object]:
        meta = document.meta
        values: dict[str, object] = {
            "id": document.id,
            "path": document.id,
            "title": meta.title,
            "outlet": meta.outlet or "",
            "body": document.text,
            "exact": document.text,
            "entity": _entity_keywords(extras.entities),
        }
        if meta.published:
            values["date"] = datetime(meta.published.year, meta.published.month, meta.published.day)
        return values

    # -- searching -------------------------------------------------------------------------
    def _close_searcher(self) -> None:
        """Retire the searcher after a commit: the next search opens one that keeps its unchanged segments."""
        with self._slot.lock:
            if self._slot.searcher is not None:
                if self._slot.retired is not None:
                    self._slot.retired.close()
                self._slot.retired = self._slot.searcher
                self._slot.searcher = None
                self._slot.ranker = None

    def _drop_searchers(self) -> None:
        """Close every reader (the index is closed or made anew: nothing of it can be kept)."""
        with self._slot.lock:
            for searcher in (self._slot.searcher, self._slot.retired):
                if searcher is not None:
                    searcher.close()
            self._slot.searcher = self._slot.retired = None
            self._slot.ranker = None

    def searcher(self) -> Searcher:
        """A searcher that sees the latest commit, reused while nothing has been committed since."""
        return self._searcher_and_ranker()[0]

    def _searcher_and_ranker(self) -> tuple[Searcher, Ranker | None]:
        """The current searcher and the block ranker bound to it (``None`` if it cannot mirror its scoring)."""
        with self._slot.lock:
            current = self._slot.searcher
            if current is not None and not current.up_to_date():
                # Another process committed: reopen, keeping the readers of unchanged segments.
                self._slot.retired, current = current, None
            if current is None:
                current = reopen(self.ix, self._slot.retired)
                self._slot.retired = None
                self._slot.searcher = current
                try:
                    self._slot.ranker = Ranker(current)
                except Unsupported:
                    self._slot.ranker = None
            return current, self._slot.ranker

    def doc_count(self) -> int:
        count: int = self.searcher().doc_count()
        return count

    def search(
        self,
        query: str | ParsedQuery,
        limit: int,
        load_text: Callable[[str], str | None],
        with_snippets: bool = True,
        time_limit_s: float = SEARCH_TIME_LIMIT_S,
        extra_spans: ExtraSpans | None = None,
    ) -> SearchResults:
        """Run a query (parsed here if given as text: raises :class:`~caseview.search.syntax.QuerySyntaxError`).

        With snippets, each hit shown has its text loaded once (``load_text``) and its matches and
        snippets made once. ``extra_spans`` adds passages the index cannot place (entity mentions,
        tagged or noted passages) to the matches: it is asked, once per hit shown and with that
        hit's text, when the query has entity, tag or note terms and a hit shown matched one of
        those fields.
        """
        started = time.perf_counter()
        searcher, ranker = self._searcher_and_ranker()
        prepared = prepare_query(
            query,
            searcher.reader(),
            self._parser,
            started + time_limit_s * EXPANSION_SHARE,
            self._annotation_join(searcher),
        )
        limit = max(1, limit)
        partial_reason = prepared.partial_reason
        ranked: _RankedHits | None = None
        if ranker is not None:
            try:
                ranked = self._rank_fast(ranker, prepared, limit, started + time_limit_s * FAST_PATH_SHARE)
            except (Unsupported, OutOfTime):
                ranked = None  # Whoosh's collector, with what is left of the time
        if ranked is None:
            remaining = max(0.05, time_limit_s - (time.perf_counter() - started))
            ranked = self._rank_with_collector(searcher, prepared, limit, remaining)
        if ranked.timed_out:
            partial_reason = f"the search took longer than {time_limit_s:g} s; these are the best hits found by then"
        passages = extra_spans if with_snippets and _wants_passages(prepared.parsed, ranked.top) else None
        hits: list[Hit] = []
        snippet_deadline = started + time_limit_s
        for rank, shown in enumerate(ranked.top, start=1):
            stored = searcher.stored_fields(shown.docnum)
            doc_id = str(stored["id"])
            if with_snippets and time.perf_counter() > snippet_deadline:
                # Out of time: the remaining hits are listed without their matches and snippets.
                with_snippets, passages = False, None
                partial_reason = partial_reason or SNIPPETS_CUT
            # Offsets and snippets need the text: only for the hits returned, never for all matches.
            text = load_text(doc_id) if with_snippets else None
            extra: Sequence[Span] = passages(doc_id, text) if passages is not None and text is not None else ()
            hits.append(make_hit(stored, shown, rank, prepared, text, extra))
        return SearchResults(
            query=prepared.text,
            total=ranked.total,
            total_is_estimate=ranked.total_is_estimate or partial_reason is not None,
            hits=hits,
            partial=partial_reason is not None,
            partial_reason=partial_reason,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def _annotation_join(self, searcher: Searcher) -> AnnotationJoin:
        """Resolves ``tag:``/``note:`` leaves against the annotation index, with this searcher's document count."""
        corpus_doc_count: int = searcher.doc_count_all()

        def join(query: Any, deadline: float | None) -> tuple[Any, bool]:
            return join_annotations(query, lambda: self.annotations.searcher(corpus_doc_count), deadline)

        return join

    @staticmethod
    def _rank_fast(ranker: Ranker, prepared: PreparedQuery, limit: int, deadline: float) -> _RankedHits:
        ranked = rank_query(ranker, prepared.whoosh_query, limit, EXACT_COUNT_LIMIT, deadline)
        top = [
            ShownHit(docnum, score, sorted(ranked.matched_fields.get(docnum, frozenset()) - _BODY_FIELDS))
            for docnum, score in ranked.top
        ]
        return _RankedHits(top, ranked.total, ranked.total_is_estimate or ranked.timed_out, ranked.timed_out)

    @staticmethod
    def _rank_with_collector(
        searcher: Searcher, prepared: PreparedQuery, limit: int, time_limit_s: float
    ) -> _RankedHits:
        """Whoosh's own collector, for the query shapes :mod:`caseview.search.ranking` does not handle."""
        collector = searcher.collector(limit=limit, terms=True)
        timed = TimeLimitCollector(collector, timelimit=time_limit_s, use_alarm=False)
        timed_out = False
        try:
            searcher.search_with_collector(prepared.whoosh_query, timed)
        except TimeLimit:
            timed_out = True
        results = timed.results()
        if searcher.doc_count() <= EXACT_COUNT_LIMIT and not timed_out and prepared.partial_reason is None:
            total, estimate = len(results), False
        else:
            total, estimate = max(results.estimated_length(), results.scored_length()), True
        top = []
        for hit in results[:limit]:
            matched = sorted({name for name, _ in (hit.matched_terms() or []) if name not in _BODY_FIELDS})
            top.append(ShownHit(hit.docnum, hit.score, matched))
        return _RankedHits(top, total, estimate, timed_out)

    def close(self) -> None:
        self._drop_searchers()
        self.annotations.close()
        if self._ix is not None:
            self._ix.close()
            self._ix = None


#: Fields whose matches are the body text's own (highlighted from the query terms).
_BODY_FIELDS = frozenset({"body", "exact"})


def _wants_passages(parsed: ParsedQuery, top: Sequence[ShownHit]) -> bool:
    """True if the query has entity/tag/note terms and a hit shown matched one of those fields."""
    return bool(parsed.field_terms) and any(PASSAGE_FIELDS.intersection(shown.matched_fields) for shown in top)
