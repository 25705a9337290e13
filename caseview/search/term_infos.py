"""Each segment's term dictionary entries, looked up once and kept while that segment's reader lives.

Scoring one term asked each segment's on-disk hash table the same question three or four times
(is the term here, its document frequency for the idf, its term info to open the postings), each
answer several small reads and seeks: ``con*``, 128 words over two segments, spent a third of its
time there. A segment's term infos never change (deletions are not reflected in them), so the
answers are kept per segment reader — which a reopened searcher keeps for an unchanged segment
(:mod:`caseview.search.reopen`) — up to a bound.
"""

from __future__ import annotations

import threading
from typing import Any, TypeAlias
from weakref import WeakKeyDictionary

from whoosh.reading import TermNotFound

from caseview.search.whoosh_types import IndexReader

#: ``whoosh.reading.TermInfo`` (untyped, as every Whoosh object: see caseview.search.whoosh_types).
TermInfo: TypeAlias = Any
#: Entries kept per segment; past it the segment's entries are dropped and looked up again.
MAX_KEPT = 50_000

_infos: WeakKeyDictionary[IndexReader, dict[tuple[str, bytes], TermInfo | None]] = WeakKeyDictionary()
_lock = threading.Lock()


def term_info(segment: IndexReader, fieldname: str, btext: bytes) -> TermInfo | None:
    """The term info of ``fieldname:btext`` in one segment reader (``None``: not in the segment)."""
    key = (fieldname, btext)
    with _lock:
        known = _infos.get(segment)
        if known is not None and key in known:
            return known[key]
    try:
        info: TermInfo | None = segment._terms.term_info(fieldname, btext)
    except (TermNotFound, KeyError):
        info = None
    with _lock:
        known = _infos.setdefault(segment, {})
        if len(known) >= MAX_KEPT:
            known.clear()
        known[key] = info
    return info


def carry_over(old: IndexReader, new: IndexReader) -> None:
    """Give ``new``, a reader of the same segment as ``old``, the entries looked up through ``old``."""
    with _lock:
        known = _infos.get(old)
        if known:
            _infos.setdefault(new, {}).update(known)
