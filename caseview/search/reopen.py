"""A searcher of the index's latest commit that keeps the segment readers of unchanged segments.

Opening a new searcher after every commit re-opened every segment (its term table, stored fields,
length columns) and dropped every cache kept with a segment reader (the term lists of
:mod:`caseview.search.term_lists`, the ranker's length tables). Whoosh's own recycling
(``ix.reader(reuse=…)``, ``Searcher.refresh()``) cannot be used: it *adds* the old reader's
segments that the new commit no longer lists (a merged-away or emptied segment comes back: a
searcher counted 51 of 50 documents and returned both versions of an updated one), and it
compares segments by id alone, so a segment in which the commit deleted documents keeps its old
deletions. Here the new commit's table of contents decides which segments exist, and a reader is
kept only for a segment with the same id, document count and deletions; a segment whose deletions
changed gets a new reader, which inherits the old one's term lists and length tables (a deletion
changes neither).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from whoosh.reading import EmptyReader, MultiReader, SegmentReader
from whoosh.searching import Searcher as WhooshSearcher

from caseview.search.scoring import carry_over_lengths
from caseview.search.term_infos import carry_over as carry_over_infos
from caseview.search.term_lists import carry_over
from caseview.search.whoosh_types import IndexReader, Searcher

#: The table of contents can name a file a concurrent writer has just removed: Whoosh retries too.
_TOC_RETRIES = 10
_RETRY_PAUSE_S = 0.05

#: ``whoosh.codec.base.Segment`` (untyped).
Segment = object


def _state(segment: Segment) -> tuple[str, int, frozenset[int]]:
    """What makes a reader of ``segment`` valid: its id, its document count and its deletions."""
    deleted = frozenset(segment.deleted_docs()) if segment.has_deletions() else frozenset()  # type: ignore[attr-defined]
    return segment.segment_id(), segment.doc_count_all(), deleted  # type: ignore[attr-defined]


def _open_leaves(ix: object, old: Searcher | None) -> tuple[IndexReader, list[IndexReader]]:
    """The reader of the latest commit, and the old segment readers it did not keep (to close)."""
    reusable: dict[tuple[str, int, frozenset[int]], IndexReader] = {}
    same_segment: dict[str, IndexReader] = {}
    if old is not None and not old.is_closed:
        for sub, _ in old.reader().leaf_readers():
            segment = sub.segment() if isinstance(sub, SegmentReader) else None
            if segment is not None and not sub.is_closed:
                reusable[_state(segment)] = sub
                same_segment[str(segment.segment_id())] = sub
    for attempt in range(_TOC_RETRIES):
        opened: list[IndexReader] = []
        try:
            toc = ix._read_toc()  # type: ignore[attr-defined]
            kept: set[int] = set()
            readers: list[IndexReader] = []
            for segment in toc.segments:
                previous = reusable.get(_state(segment))
                if previous is not None and id(previous) not in kept:
                    kept.add(id(previous))
                    readers.append(previous)
                else:
                    fresh = SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation)  # type: ignore[attr-defined]
                    opened.append(fresh)
                    readers.append(fresh)
                    earlier = same_segment.get(str(segment.segment_id()))
                    if earlier is not None:
                        # Only its deletions changed: its terms and field lengths are the same.
                        carry_over(earlier, fresh)
                        carry_over_lengths(earlier, fresh)
                        carry_over_infos(earlier, fresh)
            reader = _combined(readers, toc.schema, toc.generation)
            unused = [sub for sub in reusable.values() if id(sub) not in kept]
            return reader, unused
        except OSError:
            for fresh in opened:
                fresh.close()
            if attempt == _TOC_RETRIES - 1:
                raise
            time.sleep(_RETRY_PAUSE_S)
    raise AssertionError("unreachable")  # pragma: no cover


def _combined(readers: Sequence[IndexReader], schema: object, generation: int) -> IndexReader:
    if not readers:
        return EmptyReader(schema)
    if len(readers) == 1:
        only = readers[0]
        # A kept one-segment reader still carries the generation it was opened at, and
        # Searcher.up_to_date() compares the reader's generation with the index's.
        only._gen = generation
        return only
    return MultiReader(list(readers), generation=generation)


def reopen(ix: object, old: Searcher | None) -> Searcher:
    """A searcher of ``ix``'s latest commit, keeping ``old``'s readers of unchanged segments.

    ``old`` must not be used afterwards: its readers of segments that changed are closed here, and
    the others now belong to the new searcher.
    """
    reader, unused = _open_leaves(ix, old)
    for sub in unused:
        sub.close()
    if old is not None:
        old.is_closed = True  # never closed as a whole: that would close the readers kept
    return WhooshSearcher(reader, fromindex=ix)
