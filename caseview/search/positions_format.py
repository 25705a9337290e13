"""A Whoosh posting format for positions that takes a fraction of the room of ``whoosh.formats.Positions``.

Whoosh's ``Positions`` encodes each posting as ``pack_uint(count) + pickle.dumps(deltas)``, and its
block writer pickles a block's values (protocol 2) as a tuple of ``bytes``; protocol 2 writes each
``bytes`` as a call to ``_codecs.encode`` on a latin-1 string, ~15 bytes of opcodes per posting
before zlib. On the 25,488-paragraph benchmark the ``exact`` field's postings were 20 MB of a 45 MB
index.

Here a posting's positions are varint-encoded gaps (7 bits a byte, the high bit set on every byte but
a number's last), the first gap counted from -1 so that no gap is 0: the last byte of the encoding is
then never 0 and the bytes read as a little-endian integer give them back exactly. The lean writer
(:mod:`caseview.search.lean_writer`) stores that **integer** in the block, which pickle writes in 2–5
bytes (``BININT1``/``BININT2``/``BININT``); a word at one position below 127, most postings, is the
integer ``position + 1``. Whoosh's own writer asserts that a value is ``bytes``, so through it
:meth:`CompactPositions.encode` gives the same encoding as bytes; every decoder here takes either.
For the same reason Whoosh's writer cannot *merge* a segment the lean writer wrote (its pool hands
the integers back to ``add_posting``): the main index is written only through
:class:`~caseview.search.lean_writer.LeanSegmentWriter` (ARCHITECTURE.md, *Index writing*), which merges
through its own pool.

The class is pickled into the index's table of contents with the schema, so it must stay importable
at this path under this name (an index written with it names ``caseview.search.positions_format``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import accumulate

from whoosh.formats import Positions

#: A posting's value as a block holds it: the lean writer's integer, or Whoosh's writer's bytes.
PositionsValue = int | bytes


def pack_positions(positions: Sequence[int]) -> int:
    """The integer a block stores for ascending ``positions`` (at least one)."""
    if len(positions) == 1 and positions[0] < 0x7F:  # most postings: one gap, one byte
        return positions[0] + 1
    value = 0
    shift = 0
    previous = -1
    for position in positions:
        gap = position - previous
        previous = position
        while gap >= 0x80:
            value |= ((gap & 0x7F) | 0x80) << shift
            shift += 8
            gap >>= 7
        value |= gap << shift
        shift += 8
    return value


def positions_bytes(value: PositionsValue) -> bytes:
    """The varint bytes of a value, whichever way it was stored."""
    if isinstance(value, bytes):
        return value
    return value.to_bytes((value.bit_length() + 7) // 8, "little")


def unpack_positions(value: PositionsValue) -> list[int]:
    """The positions a value holds, ascending."""
    if isinstance(value, int) and value < 0x80:  # one position below 127: most postings
        return [value - 1]
    data = positions_bytes(value)
    if max(data) < 0x80:  # every gap below 128: each byte is one gap
        return [total - 1 for total in accumulate(data)]
    positions: list[int] = []
    position = -1
    gap = 0
    shift = 0
    for byte in data:
        gap |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        position += gap
        positions.append(position)
        gap = 0
        shift = 0
    return positions


def position_count(value: PositionsValue) -> int:
    """How many positions a value holds (the term's frequency in the document): its bytes that end a gap."""
    if isinstance(value, int) and value < 0x80:
        return 1
    data = positions_bytes(value)
    return len(data) - sum(byte >> 7 for byte in data)


class CompactPositions(Positions):  # type: ignore[misc]  # Whoosh is untyped
    """``Positions`` with the encoding above: same frequencies, weights and positions, fewer bytes."""

    def encode(self, poslist: Iterable[int]) -> bytes:
        return positions_bytes(pack_positions(list(poslist)))

    def decode_positions(self, valuestring: PositionsValue) -> list[int]:
        return unpack_positions(valuestring)

    def decode_frequency(self, valuestring: PositionsValue) -> int:
        return position_count(valuestring)

    def decode_weight(self, valuestring: PositionsValue) -> float:
        return float(position_count(valuestring) * self.field_boost)

    def decode_position_boosts(self, valuestring: PositionsValue) -> list[tuple[int, int]]:
        return [(position, 1) for position in unpack_positions(valuestring)]

    def combine(self, vs: Iterable[PositionsValue]) -> bytes:
        merged: set[int] = set()
        for value in vs:
            merged.update(unpack_positions(value))
        return self.encode(sorted(merged))
