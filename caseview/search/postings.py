"""Reading a term's postings a block at a time, straight from Whoosh's W3 codec files.

Whoosh's ``W3LeafMatcher`` yields one posting per call and reads each block header and body with
several small reads; the ranker wants whole blocks as arrays. Here the term's posting list is read
in one piece and its blocks are parsed in memory, in exactly the layout ``W3LeafMatcher`` reads: a
4-byte length (negative for the last block), the pickled block info (count, max id, …), then the
(maybe zlib-compressed) pickled (ids, weights, values). Blocks whose id range holds none of the
wanted documents are skipped undecoded.

These are Whoosh internals: whoosh-reloaded is pinned to 2.7.5, anything unexpected raises
:class:`Unsupported` (the caller then uses Whoosh's own matchers), and the ranking tests compare
the results with Whoosh's collector.
"""

from __future__ import annotations

import io
import pickle
import struct
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3LeafMatcher, W3TermsReader, _lenfield

from caseview.search.positions_format import PositionsValue
from caseview.search.term_infos import term_info
from caseview.search.whoosh_types import IndexReader

_INT = struct.Struct("!i")  # a block's length prefix
#: One posting's encoded value in a block (``None``: a format without values).
PostingValue = bytes | PositionsValue | None


class Unsupported(Exception):
    """A query shape or index layout the block ranker does not handle; use Whoosh's collector instead."""


def length_bytes(reader: IndexReader, fieldname: str) -> bytes:
    """The encoded length (Whoosh's one-byte code; 0 = none) of ``fieldname`` in each document of a segment."""
    column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    doccount = reader.doc_count_all()
    if column is None:
        return bytes(doccount)
    count = min(column._count, doccount)
    return bytes(column._dbfile.get(column._basepos, count)) + bytes(doccount - count)


def blocks(
    reader: IndexReader, fieldname: str, btext: bytes, wanted: list[int] | None = None
) -> Iterator[tuple[list[int], Sequence[float]]]:
    """(ids, weights) of each posting block of a term in one segment, segment-local ids.

    With ``wanted`` (sorted local docnums), blocks whose id range holds none of them are not decoded.
    """
    for ids, data, count in _decoded_blocks(reader, fieldname, btext, wanted):
        weights = data[1]
        if weights is None:
            weights = [1.0] * count
        elif isinstance(weights, float):
            weights = array("f", [weights]) * count  # float32, as Whoosh stores it
        yield ids, weights


def block_values(
    reader: IndexReader, fieldname: str, btext: bytes, wanted: list[int] | None = None
) -> Iterator[tuple[list[int], Sequence[PostingValue]]]:
    """(ids, encoded values) of each posting block, as W3LeafMatcher._read_values gives them (for a
    positional field, what its format's ``decode_positions`` takes)."""
    fixedsize: int | None = reader.schema[fieldname].format.fixed_value_size()
    for ids, data, count in _decoded_blocks(reader, fieldname, btext, wanted):
        values = data[2]
        if fixedsize is None or fixedsize < 0:
            yield ids, values
        elif fixedsize == 0:
            yield ids, (None,) * count
        else:
            yield ids, tuple(values[i : i + fixedsize] for i in range(0, len(values), fixedsize))


#: A block as Whoosh pickles it: (ids or id gaps, weights, values); its element types vary by format.
_BlockData = tuple[Any, Any, Any]


def _decoded_blocks(
    reader: IndexReader, fieldname: str, btext: bytes, wanted: list[int] | None
) -> Iterator[tuple[list[int], _BlockData, int]]:
    """(segment-local ids, data tuple, count) of each block not skipped."""
    terms = reader._terms
    info = term_info(reader, fieldname, btext) if isinstance(terms, W3TermsReader) else None
    if info is not None and not info.is_inlined():
        # The postings are read in one piece from the extent the (cached) term info gives, as
        # W3LeafMatcher reads them, without its header and first-block reads.
        start, length = info.extent()
        postfile = terms._postfile
        byteids = False  # term postings store id gaps (only vector postings store byte ids)
    else:
        matcher = terms.matcher(fieldname, btext, reader.schema[fieldname].format)
        if not isinstance(matcher, W3LeafMatcher):
            ids, weights, values = [], [], []
            while matcher.is_active():
                ids.append(matcher.id())
                weights.append(matcher.weight())
                values.append(matcher.value())
                matcher.next()
            yield ids, (ids, weights, values), len(ids)
            return
        start, length, postfile, byteids = matcher._startoffset, matcher._length, matcher._postfile, matcher._byteids
    length = length[0] if isinstance(length, tuple) else length  # Whoosh's term info keeps it as a 1-tuple
    raw = postfile.get(start, length)
    if raw[:4] != WHOOSH3_HEADER_MAGIC:
        raise Unsupported("unexpected postings format")
    stream = io.BytesIO(raw)
    position = 4
    previous_max = -1
    while True:
        (length,) = _INT.unpack_from(raw, position)
        last = length < 0
        following = position + _INT.size + abs(length)
        stream.seek(position + _INT.size)
        count, block_max, _maxweight, compression, _minlength, _maxlength = pickle.load(stream)
        skip = False
        if wanted is not None:
            next_wanted = bisect_right(wanted, previous_max)
            if next_wanted == len(wanted):
                return
            skip = wanted[next_wanted] > block_max
        previous_max = block_max
        if not skip:
            encoded = raw[stream.tell() : following]
            data = pickle.loads(zlib.decompress(encoded) if compression else encoded)
            ids = data[0] if byteids else list(accumulate(data[0]))  # otherwise stored as gaps
            yield ids, data, count
        if last:
            return
        position = following
