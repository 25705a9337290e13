"""The Whoosh index of one corpus: open (or rebuild), update incrementally, search.

Searchers are never ``refresh()``-ed: in whoosh-reloaded that can resurrect stale segments after
another process commits (DESIGN §8). Instead one searcher is kept while the index is unchanged and
replaced by a fresh one when a commit (ours or another process's) made it out of date.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from whoosh import index as windex
from whoosh.collectors import TimeLimit, TimeLimitCollector
from whoosh.index import LockError
from whoosh.searching import Searcher

from caseview.corpus import Document
from caseview.search.highlight import find_matches, make_snippets
from caseview.search.models import Hit, SearchResults
from caseview.search.query import make_parser, prepare_query
from caseview.search.schema import SCHEMA_VERSION, build_schema

VERSION_FILE = "caseview-index.json"
#: Wall-clock budget of one search; past it the best hits found so far come back, marked partial.
SEARCH_TIME_LIMIT_S = 1.0
#: Up to this many documents an exact total is counted; above it Whoosh's estimate is reported.
EXACT_COUNT_LIMIT = 20_000
WRITER_TIMEOUT_S = 10.0

ProgressCallback = Callable[[int, int, str], None]


class IndexBusy(Exception):
    """Another caseview process is updating this index right now."""


@dataclass(frozen=True)
class IndexExtras:
    """Values other parts of caseview attach to a document for search: entities, tags and notes."""

    entities: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def key(self) -> str:
        return json.dumps([sorted(self.entities), sorted(self.tags), sorted(self.notes)], ensure_ascii=False)


@dataclass
class _SearcherSlot:
    searcher: Searcher | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def _entity_keywords(names: Iterable[str]) -> str:
    """Each name as one keyword (for ``entity:"Scott Bessent"``) and each of its words (``entity:bessent``)."""
    keywords: set[str] = set()
    for name in names:
        clean = " ".join(name.replace(",", " ").split()).lower()
        if clean:
            keywords.add(clean)
            keywords.update(word for word in clean.split(" ") if len(word) > 1)
    return ",".join(sorted(keywords))


def _tags_value(tags: Iterable[str]) -> str:
    return ",".join(sorted({tag.replace(",", " ").strip().lower() for tag in tags if tag.strip()}))


class SearchIndex:
    """A Whoosh index in ``folder``; safe to search from several threads while one thread writes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ix: windex.Index | None = None
        self._slot = _SearcherSlot()
        self._parser = make_parser()

    # -- opening ---------------------------------------------------------------------------
    def open(self) -> str | None:
        """Open the index, creating or rebuilding it when needed; returns why it was (re)built, if it was."""
        reason = self._rebuild_reason()
        if reason is None:
            try:
                self._ix = windex.open_dir(str(self.folder))
                with self._ix.searcher() as probe:
                    probe.doc_count()
                return None
            except Exception as error:  # noqa: BLE001 - any failure to read the index means: rebuild it
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
            return f"the search index was built by another version of caseview (schema {recorded}, now {SCHEMA_VERSION}); rebuilt it"
        return None

    def _create(self) -> None:
        self._close_searcher()
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        self._ix = windex.create_in(str(self.folder), build_schema())
        (self.folder / VERSION_FILE).write_text(json.dumps({"schema_version": SCHEMA_VERSION}), "utf-8")

    @property
    def ix(self) -> windex.Index:
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
        """
        try:
            writer = self.ix.writer(timeout=WRITER_TIMEOUT_S, limitmb=128)
        except LockError:
            raise IndexBusy("another caseview process is updating the search index; try again in a moment") from None
        written = 0
        try:
            for doc_id in removed_ids:
                writer.delete_by_term("id", doc_id)
            for item in documents:
                if isinstance(item, str):
                    writer.delete_by_term("id", item)
                    continue
                document, extras = item
                writer.update_document(**self._fields(document, extras))
                written += 1
                if progress and (written % 50 == 0 or written == total):
                    progress(written, total, document.id)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self._close_searcher()
        return written

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
            "tag": _tags_value(extras.tags),
            "note": "\n".join(extras.notes),
        }
        if meta.published:
            values["date"] = datetime(meta.published.year, meta.published.month, meta.published.day)
        return values

    # -- searching -------------------------------------------------------------------------
    def _close_searcher(self) -> None:
        with self._slot.lock:
            if self._slot.searcher is not None:
                self._slot.searcher.close()
                self._slot.searcher = None

    def searcher(self) -> Searcher:
        """A searcher that sees the latest commit, reused while nothing has been committed since."""
        with self._slot.lock:
            current = self._slot.searcher
            if current is not None and not current.up_to_date():
                current.close()
                current = None
            if current is None:
                current = self.ix.searcher()
                self._slot.searcher = current
            return current

    def doc_count(self) -> int:
        return self.searcher().doc_count()

    def search(
        self,
        text: str,
        limit: int,
        load_text: Callable[[str], str | None],
        with_snippets: bool = True,
        time_limit_s: float = SEARCH_TIME_LIMIT_S,
    ) -> SearchResults:
        """Run a query; raises :class:`~caseview.search.syntax.QuerySyntaxError` for a bad one."""
        started = time.perf_counter()
        searcher = self.searcher()
        prepared = prepare_query(text, searcher.reader(), self._parser)
        collector = searcher.collector(limit=max(1, limit), terms=True)
        timed = TimeLimitCollector(collector, timelimit=time_limit_s, use_alarm=False)
        partial_reason = prepared.partial_reason
        try:
            searcher.search_with_collector(prepared.whoosh_query, timed)
        except TimeLimit:
            partial_reason = f"the search took longer than {time_limit_s:g} s; these are the best hits found by then"
        results = timed.results()
        if searcher.doc_count() <= EXACT_COUNT_LIMIT and partial_reason is None:
            total, estimate = len(results), False
        else:
            total, estimate = max(results.estimated_length(), results.scored_length()), True
        hits: list[Hit] = []
        for rank, hit in enumerate(results[:limit], start=1):
            doc_id = hit["id"]
            matched_fields = sorted({name for name, _ in (hit.matched_terms() or []) if name not in ("body", "exact")})
            matches, snippets = [], []
            if with_snippets:
                # Offsets and snippets need the text: only for the hits returned, never for all matches.
                body = load_text(doc_id)
                if body is not None:
                    matches = find_matches(body, prepared.body_terms, prepared.exact_terms, prepared.phrases)
                    snippets = make_snippets(body, matches)
            date_value = hit.get("date")
            hits.append(
                Hit(
                    doc_id=doc_id,
                    title=hit.get("title") or doc_id,
                    outlet=hit.get("outlet") or None,
                    published=date_value.date() if date_value else None,
                    score=float(hit.score or 0.0),
                    rank=rank,
                    matches=matches,
                    snippets=snippets,
                    matched_fields=matched_fields,
                )
            )
        return SearchResults(
            query=text,
            total=total,
            total_is_estimate=estimate,
            hits=hits,
            partial=partial_reason is not None,
            partial_reason=partial_reason,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def close(self) -> None:
        self._close_searcher()
        if self._ix is not None:
            self._ix.close()
            self._ix = None
