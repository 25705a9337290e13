"""A Whoosh segment writer that writes the same segment files with far less Python per posting.

It is Whoosh's ``SegmentWriter`` (locking, deletions, merging small segments, stored fields, field
lengths, the TOC: all Whoosh's own code) with two parts replaced:

* **Analysis.** The text fields caseview's schema analyses with its own analysers (``LEAN_FIELDS``)
  go through :mod:`caseview.search.lean_analysis` instead of Whoosh's token chain; every other field
  (ids, dates, entity keywords) through ``field.index`` as before.
* **Postings.** They collect per (field, term) in a :class:`~caseview.search.term_pool.TermPool` and
  are written in term order straight into the codec's postings writer, a block (128 postings) at a
  time, by Whoosh's own block encoder (``W3PostingsWriter._write_block``). No tuple per posting, no
  pickled sort runs, no ``heapq`` merge per posting, no field-length lookup per posting (the lengths
  are kept from the analysis).

The files are byte for byte what Whoosh's W3Codec writes, but for one thing: a positional field's
values are the integers of :mod:`caseview.search.positions_format` where Whoosh's writer (which
asserts ``bytes``) stores their bytes; its format decodes either (``tests/search/test_lean_writer.py``
compares the two writers' segments through Whoosh's reader), so ``caseview.search.postings`` and
every reader keep working. The writer relies on W3Codec's postings-writer attributes (``_ids``,
``_weights``, ``_values``, the block statistics): whoosh-reloaded is pinned, and the test fails first
if a release changes them.
"""

from __future__ import annotations

from array import array
from typing import Any

from whoosh.codec.whoosh3 import W3Codec
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from caseview.search.lean_analysis import PLAIN, STEMMED, LeanAnalyser, WordRule, posting_kind
from caseview.search.positions_format import PositionsValue
from caseview.search.term_pool import TermPool, TermPostings

#: Fields analysed here, and how (mirroring caseview.search.schema's analysers for them).
LEAN_FIELDS: dict[str, WordRule] = {"title": STEMMED, "body": STEMMED, "exact": PLAIN, "outlet": PLAIN}
#: A field length not known yet (a document of a merged segment): read from the segment at the end.
_UNKNOWN = 0xFFFFFFFF


def _stored_length(length: int) -> int:
    """The length Whoosh's reader gives back for ``length`` (stored as one byte, so approximate)."""
    byte = length_to_byte(length)
    return int(byte_to_length(byte)) if byte else 0


class LeanSegmentWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh is untyped
    """``ix.writer()`` for caseview's schema: same index, less CPU. ``limitmb`` bounds the posting pool."""

    def __init__(self, ix: Any, timeout: float = 0.0, limitmb: float = 64) -> None:
        super().__init__(ix, timeout=timeout, limitmb=max(1, int(limitmb)), codec=W3Codec())
        self.pool = TermPool(self._tempstorage, int(limitmb * 1024 * 1024))
        self._analysers: dict[str, LeanAnalyser] = {}
        for name, rule in LEAN_FIELDS.items():
            if name in self.schema:
                fmt = self.schema[name].format
                kind = posting_kind(fmt)
                if kind is None:
                    continue  # a format lean_analysis does not mirror (Whoosh's Positions): Whoosh analyses it
                self._analysers[name] = LeanAnalyser(rule, kind, fmt.field_boost)
        #: Per scorable field, each document's length as the reader will give it back.
        self._lengths: dict[str, array[int]] = {}

    def _record_length(self, fieldname: str, docnum: int, length: int) -> None:
        table = self._lengths.get(fieldname)
        if table is None:
            table = self._lengths[fieldname] = array("I")
        if len(table) < docnum:
            table.extend([_UNKNOWN] * (docnum - len(table)))
        table.append(_stored_length(length))

    def add_document(self, **fields: Any) -> None:  # Whoosh's writer interface: one keyword per field
        self._check_state()
        schema = self.schema
        perdocwriter = self.perdocwriter
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        pool = self.pool
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                if field.vector or field.separate_spelling():
                    raise ValueError(f"field {fieldname!r}: term vectors and spelling fields are not supported here")
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    analyser = self._analysers.get(fieldname)
                    if analyser is not None and isinstance(value, str):
                        analysed = analyser.analyse(value)
                        terms = pool.terms(fieldname)
                        new_terms = value_bytes = 0
                        for tbytes, (_freq, weight, vbytes) in analysed.postings.items():
                            postings = terms.get(tbytes)
                            if postings is None:
                                postings = terms[tbytes] = TermPostings.empty()
                                new_terms += 1
                            postings.docs.append(docnum)
                            postings.weights.append(weight * fieldboost)
                            postings.values.append(vbytes)
                            value_bytes += len(vbytes) if isinstance(vbytes, bytes) else 8
                        pool.added(new_terms, len(analysed.postings), value_bytes)
                        if field.scorable:
                            length = analysed.length
                    else:
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if field.scorable:
                                length += freq
                            pool.add((fieldname, tbytes, docnum, weight * fieldboost, vbytes))
                    if field.scorable:
                        self._record_length(fieldname, docnum, length)
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    # -- the segment's postings ------------------------------------------------------------------
    def _lengths_of(self, fieldname: str, pdr: Any) -> array[int] | None:
        """Every document's length in ``fieldname`` (``None``: not scorable, all zero), the unknown ones
        (documents of merged segments) read from the segment's per-document reader."""
        if not self.schema[fieldname].scorable:
            return None
        table = self._lengths.get(fieldname)
        if table is None:
            table = self._lengths[fieldname] = array("I")
        if len(table) < self.docnum:
            table.extend([_UNKNOWN] * (self.docnum - len(table)))
        for docnum, known in enumerate(table):
            if known == _UNKNOWN:
                table[docnum] = (pdr.doc_field_length(docnum, fieldname) or 0) if pdr is not None else 0
        return table

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        try:
            self._write_postings(pdr)
        finally:
            self.fieldwriter.close()
            if pdr is not None:
                pdr.close()

    def _write_postings(self, pdr: Any) -> None:
        """The pool's terms in (field, term) order, each term's postings cut into the codec's blocks."""
        schema = self.schema
        fieldwriter = self.fieldwriter
        current: str | None = None
        lengths: array[int] | None = None
        for fieldname, term, postings in self.pool.sorted_terms():
            if fieldname not in schema:
                continue
            if fieldname != current:
                if current is not None:
                    fieldwriter.finish_field()
                fieldwriter.start_field(fieldname, schema[fieldname])
                lengths = self._lengths_of(fieldname, pdr)
                current = fieldname
            fieldwriter.start_term(term)
            _write_term_blocks(fieldwriter._postwriter, postings.docs, postings.weights, postings.values, lengths)
            fieldwriter.finish_term()
        if current is not None:
            fieldwriter.finish_field()


def _write_term_blocks(
    writer: Any,
    docs: array[int],
    weights: array[float],
    values: list[bytes | PositionsValue],
    lengths: array[int] | None,
) -> None:
    """Fill the postings writer's block buffer a block at a time, as ``add_posting`` would one posting at
    a time, and let it encode every block but the last (``finish_term`` writes that one)."""
    limit = writer._blocklimit
    total = len(docs)
    if total <= limit:  # most terms: one block, no slicing
        _fill_block(writer, docs, weights, values, lengths)
        return
    for start in range(0, total, limit):
        end = min(start + limit, total)
        _fill_block(writer, docs[start:end], weights[start:end], values[start:end], lengths)
        if end < total:
            writer._write_block()


def _fill_block(
    writer: Any,
    docs: array[int],
    weights: array[float],
    values: list[bytes | PositionsValue],
    lengths: array[int] | None,
) -> None:
    """The block buffer and statistics ``add_posting`` leaves after adding these postings one by one."""
    writer._ids = docs
    writer._weights = array("f", weights)
    writer._values = [value for value in values if value]
    heaviest = max(weights)
    writer._maxweight = heaviest if heaviest > 0 else 0
    if lengths is not None:
        known = [length for length in map(lengths.__getitem__, docs) if length]
        writer._minlength = min(known) if known else None
        writer._maxlength = max(known) if known else 0
    else:
        writer._minlength, writer._maxlength = None, 0
