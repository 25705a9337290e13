"""A batch's postings grouped per (field, term) in memory, spilled to sorted runs when it grows.

Whoosh's ``PostingPool`` keeps one tuple per posting, pickles them into sort runs and merges the runs
back one posting at a time with ``heapq``. Here a term's postings are appended to its own arrays as
documents arrive (document numbers only grow, so each term's list is already in order); a full pool
is written out as one run sorted by term, and the final merge goes term by term, not posting by posting.
"""

from __future__ import annotations

import heapq
import marshal
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from caseview.search.positions_format import PositionsValue

#: A posting's encoded value: Whoosh's bytes, or a positional field's integer (see positions_format).
Value = bytes | PositionsValue

#: Python's cost of one posting held here (array slots, the value's bytes object and its list slot).
_POSTING_OVERHEAD = 4 + 8 + 8 + 33
_TERM_OVERHEAD = 400


@dataclass(slots=True)
class TermPostings:
    """One term's postings: document numbers (ascending), weights and encoded values, side by side."""

    docs: array[int]
    weights: array[float]
    values: list[Value]

    @classmethod
    def empty(cls) -> TermPostings:
        return cls(array("I"), array("d"), [])

    def extend(self, other: TermPostings) -> None:
        if self.docs and other.docs and other.docs[0] <= self.docs[-1]:
            raise ValueError("postings out of document order")  # never expected: numbers only grow
        self.docs.extend(other.docs)
        self.weights.extend(other.weights)
        self.values.extend(other.values)


#: (field name, term bytes, postings), in (field, term) order.
TermRow = tuple[str, bytes, TermPostings]


class TermPool:
    """Postings of one segment being written. ``tempstore`` is Whoosh's temporary storage of the writer."""

    def __init__(self, tempstore: Any, limit_bytes: int) -> None:
        self._tempstore = tempstore
        self._limit = limit_bytes
        self._fields: dict[str, dict[bytes, TermPostings]] = {}
        self._size = 0
        self._runs: list[str] = []

    def terms(self, fieldname: str) -> dict[bytes, TermPostings]:
        """The in-memory terms of a field, for a caller adding many postings of it."""
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        return terms

    def add_posting(self, fieldname: str, term: bytes, docnum: int, weight: float, value: Value) -> None:
        terms = self.terms(fieldname)
        postings = terms.get(term)
        if postings is None:
            postings = terms[term] = TermPostings.empty()
            self._size += _TERM_OVERHEAD
        postings.docs.append(docnum)
        postings.weights.append(weight)
        postings.values.append(value)
        self._size += _POSTING_OVERHEAD + (len(value) if isinstance(value, bytes) else 8)

    def added(self, new_terms: int, postings: int, value_bytes: int) -> None:
        """Account for postings a caller appended through :meth:`terms`; spills if the pool is full."""
        self._size += new_terms * _TERM_OVERHEAD + postings * _POSTING_OVERHEAD + value_bytes
        if self._size > self._limit:
            self._spill()

    # -- Whoosh's pool interface (``SegmentWriter.add_reader`` adds merged segments' postings) --
    def add(self, item: tuple[str, bytes, int, float, Value | None]) -> None:
        fieldname, term, docnum, weight, value = item
        self.add_posting(fieldname, term, docnum, weight, value or b"")
        if self._size > self._limit:
            self._spill()

    def cleanup(self) -> None:
        for name in self._runs:
            if self._tempstore.file_exists(name):
                self._tempstore.delete_file(name)
        self._runs = []
        self._fields = {}

    # -- runs ----------------------------------------------------------------------------------
    def _sorted_memory(self) -> Iterator[TermRow]:
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for term in sorted(terms):
                yield fieldname, term, terms[term]

    def _spill(self) -> None:
        name = f"termrun{len(self._runs)}.run"
        handle: BinaryIO = self._tempstore.create_file(name).raw_file()
        try:
            for fieldname, term, postings in self._sorted_memory():
                marshal.dump(
                    (fieldname, term, postings.docs.tobytes(), postings.weights.tobytes(), postings.values), handle
                )
        finally:
            handle.close()
        self._runs.append(name)
        self._fields = {}
        self._size = 0

    def _read_run(self, name: str) -> Iterator[TermRow]:
        handle: BinaryIO = self._tempstore.open_file(name).raw_file()
        try:
            while True:
                try:
                    fieldname, term, docs, weights, values = marshal.load(handle)
                except EOFError:
                    return
                postings = TermPostings(array("I"), array("d"), values)
                postings.docs.frombytes(docs)
                postings.weights.frombytes(weights)
                yield fieldname, term, postings
        finally:
            handle.close()

    def sorted_terms(self) -> Iterator[TermRow]:
        """Every term of the pool in (field, term) order, its postings from every run joined in order."""
        if not self._runs:
            yield from self._sorted_memory()
            return
        sources = [self._read_run(name) for name in self._runs] + [self._sorted_memory()]
        # Ties go to the earlier source (heapq.merge is stable): runs were spilled in document order.
        merged = heapq.merge(*sources, key=lambda row: (row[0], row[1]))
        current: TermRow | None = None
        for row in merged:
            if current is not None and current[0] == row[0] and current[1] == row[1]:
                current[2].extend(row[2])
                continue
            if current is not None:
                yield current
            current = row
        if current is not None:
            yield current

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, Value]]:
        """One tuple per posting, sorted, as Whoosh's ``PostingPool.iter_postings`` gives them."""
        for fieldname, term, postings in self.sorted_terms():
            for docnum, weight, value in zip(postings.docs, postings.weights, postings.values, strict=True):
                yield fieldname, term, docnum, weight, value
