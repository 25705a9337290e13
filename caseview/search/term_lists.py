"""Each segment's words of a field, read once and kept while that segment's reader lives.

Prefix, wildcard and fuzzy terms are expanded against these lists rather than the on-disk term
tables: ``con*`` through Whoosh's ``expand_prefix`` and ``doc_frequency`` made 49,000 small reads
and seeks on a multi-segment index, every time. A segment's terms never change (a commit writes new
segments and at most marks documents deleted, which Whoosh's document frequencies do not reflect
either), so a list is valid for as long as its segment reader is open; the index reuses the readers
of unchanged segments after a commit (:mod:`caseview.search.reopen`), and their lists with them.
"""

from __future__ import annotations

import struct
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from whoosh.codec.whoosh3 import W3TermsReader

from caseview.search.whoosh_types import IndexReader, WhooshQuery

_FIELD = struct.Struct("!H")  # the field number W3 keys begin with


@dataclass
class TermList:
    """One field's words in one segment: sorted index bytes and each one's document frequency."""

    btexts: list[bytes]
    #: Whoosh's document frequency of each word (deleted documents counted, as Whoosh counts them).
    frequencies: list[int]

    def prefixed(self, prefix: bytes) -> range:
        """Positions of the words starting with ``prefix`` (every word for an empty prefix)."""
        low = bisect_left(self.btexts, prefix)
        if not prefix:
            return range(low, len(self.btexts))
        high = low
        while high < len(self.btexts) and self.btexts[high].startswith(prefix):
            high += 1
        return range(low, high)

    def between(self, start: bytes, end: bytes) -> range:
        """Positions of the words from ``start`` to ``end``, both included."""
        return range(bisect_left(self.btexts, start), bisect_right(self.btexts, end))


_lists: WeakKeyDictionary[IndexReader, dict[str, TermList]] = WeakKeyDictionary()
_lock = threading.Lock()
#: A term table is read this many bytes at a time (one read instead of three small ones per term).
_CHUNK = 1 << 20
_ENTRY = struct.Struct("!ii")  # Whoosh's hash-file entry header: key length, value length
#: In a W3 term info, the document frequency follows a flag byte and a float.
_DOC_FREQ = struct.Struct("!I")
_DOC_FREQ_AT = 5


def segment_term_list(segment: IndexReader, fieldname: str) -> TermList:
    """``fieldname``'s term list of one segment reader, read on first use and cached with the reader."""
    with _lock:
        cached = _lists.get(segment, {}).get(fieldname)
    if cached is not None:
        return cached
    made = _read_w3(segment, fieldname) or _read_generic(segment, fieldname)
    with _lock:
        # Another thread may have read it meanwhile: keep the first, so every caller shares one list.
        return _lists.setdefault(segment, {}).setdefault(fieldname, made)


def carry_over(old: IndexReader, new: IndexReader) -> None:
    """Give ``new``, a reader of the same segment as ``old`` (opened because the segment's deletions
    changed), the term lists read through ``old``: deletions do not change a segment's terms."""
    with _lock:
        lists = _lists.get(old)
        if lists:
            _lists.setdefault(new, {}).update(lists)


def _read_generic(segment: IndexReader, fieldname: str) -> TermList:
    btexts: list[bytes] = []
    frequencies: list[int] = []
    for btext, info in segment.iter_field(fieldname):
        btexts.append(btext)
        frequencies.append(int(info.doc_frequency()))
    return TermList(btexts, frequencies)


def _read_w3(segment: IndexReader, fieldname: str) -> TermList | None:
    """The field's terms read straight from a W3 segment's ordered term table, in large reads.

    Whoosh's own iteration reads each entry's lengths, key and value separately and decodes every
    term info whole (0.3 s for one field of a 12,000-paragraph segment); the entries are the same
    bytes, parsed here in memory. ``None`` if the segment is not laid out as expected.
    """
    terms = getattr(segment, "_terms", None)
    if not isinstance(terms, W3TermsReader):
        return None
    table = terms._tindex
    fieldnum = terms._fieldmap.get(fieldname)
    if fieldnum is None:
        return TermList([], [])
    field_key = _FIELD.pack(fieldnum)
    position = table.closest_key_pos(field_key)
    btexts: list[bytes] = []
    frequencies: list[int] = []
    if position is None:
        return TermList(btexts, frequencies)
    end = table.endofdata
    dbfile = table.dbfile
    unpack_entry = _ENTRY.unpack_from
    unpack_freq = _DOC_FREQ.unpack_from
    while position < end:
        raw = bytes(dbfile.get(position, min(_CHUNK, end - position)))
        offset = 0
        while offset + _ENTRY.size <= len(raw):
            keylen, datalen = unpack_entry(raw, offset)
            keypos = offset + _ENTRY.size
            datapos = keypos + keylen
            if datapos + datalen > len(raw):
                if offset == 0:  # one entry larger than a chunk: read it alone
                    raw = bytes(dbfile.get(position, _ENTRY.size + keylen + datalen))
                    continue
                break
            if raw[keypos : keypos + 2] != field_key:
                return TermList(btexts, frequencies)
            btexts.append(raw[keypos + 2 : datapos])
            frequencies.append(unpack_freq(raw, datapos + _DOC_FREQ_AT)[0])
            offset = datapos + datalen
        position += offset
    return TermList(btexts, frequencies)


def segments_of(reader: IndexReader) -> list[IndexReader]:
    """The segment readers under ``reader`` (itself, for a one-segment reader)."""
    return [sub for sub, _ in reader.leaf_readers()]


def prefixed_terms(reader: IndexReader, fieldname: str, prefix: bytes) -> list[tuple[bytes, int]]:
    """Every word of ``fieldname`` starting with ``prefix`` in any segment, in byte order, with its
    document frequency summed over the segments: what Whoosh's ``expand_prefix`` and
    ``doc_frequency`` give on the same reader."""
    segments = segments_of(reader)
    if len(segments) == 1:
        single = segment_term_list(segments[0], fieldname)
        return [(single.btexts[i], single.frequencies[i]) for i in single.prefixed(prefix)]
    totals: dict[bytes, int] = {}
    for segment in segments:
        terms = segment_term_list(segment, fieldname)
        for i in terms.prefixed(prefix):
            btext = terms.btexts[i]
            totals[btext] = totals.get(btext, 0) + terms.frequencies[i]
    return sorted(totals.items())


def ranged_terms(reader: IndexReader, query: WhooshQuery) -> list[tuple[bytes, int]]:
    """The words of a ``TermRange`` in any segment, in byte order, with their document frequencies:
    what Whoosh's ``TermRange._btexts`` (a walk through the on-disk term table, dozens of small
    reads per date range) and ``doc_frequency`` give on the same reader."""
    fieldname: str = query.fieldname
    if fieldname not in reader.schema:
        return []
    field_obj = reader.schema[fieldname]
    try:
        start: bytes = b"" if query.start is None else field_obj.to_bytes(query.start)
        end: bytes = b"\xff\xff\xff\xff" if query.end is None else field_obj.to_bytes(query.end)
    except ValueError:
        return []  # Whoosh's range of a value the field cannot hold: no words
    totals: dict[bytes, int] = {}
    for segment in segments_of(reader):
        terms = segment_term_list(segment, fieldname)
        for i in terms.between(start, end):
            btext = terms.btexts[i]
            totals[btext] = totals.get(btext, 0) + terms.frequencies[i]
    if query.startexcl:
        totals.pop(start, None)
    if query.endexcl:
        totals.pop(end, None)
    return sorted(totals.items())


def doc_frequency(reader: IndexReader, fieldname: str, btext: bytes) -> int:
    """Whoosh's ``doc_frequency`` of one word, from the cached lists."""
    total = 0
    for segment in segments_of(reader):
        terms = segment_term_list(segment, fieldname)
        i = bisect_left(terms.btexts, btext)
        if i < len(terms.btexts) and terms.btexts[i] == btext:
            total += terms.frequencies[i]
    return total


#: Merged word tables of the last few sets of segments (a reopened searcher has a new set).
_MERGED_KEPT = 4
_merged: OrderedDict[tuple[str, tuple[str, ...]], dict[int, list[str]]] = OrderedDict()


def words_by_length(reader: IndexReader, fieldname: str) -> dict[int, list[str]]:
    """The words of ``fieldname`` in any segment of ``reader``, decoded, grouped by length, sorted.

    Made from the segments' cached term lists (no read), and kept for the last few sets of segments,
    so a fuzzy search compares each word once however many segments hold it.
    """
    segments = segments_of(reader)
    infos = [segment.segment() for segment in segments]
    # An empty index's reader has no segment to name: its (empty) table is made and not kept.
    key = None if None in infos else (fieldname, tuple(str(info.segment_id()) for info in infos))
    with _lock:
        table = _merged.get(key) if key is not None else None
        if table is not None and key is not None:
            _merged.move_to_end(key)
            return table
    from_bytes = reader.schema[fieldname].from_bytes
    words: set[bytes] = set()
    for segment in segments:
        words.update(segment_term_list(segment, fieldname).btexts)
    table = {}
    for btext in sorted(words):
        word = from_bytes(btext)
        table.setdefault(len(word), []).append(word)
    if key is None:
        return table
    with _lock:
        _merged[key] = table
        while len(_merged) > _MERGED_KEPT:
            _merged.popitem(last=False)
    return table
