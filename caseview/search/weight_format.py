"""A Whoosh posting format for a scored field without positions that stores no value per posting.

Whoosh's ``Frequency`` stores each posting's frequency as a 4-byte value, beside the posting's
weight, which its block already holds and which is that frequency times the field's boost: at 25,488
documents a quarter of the ``body`` field's postings (1.2 of 3.9 MB). Everything that scores reads
the weight (Whoosh's ``W3LeafMatcher.weight``, caseview's block ranker), so the value is left out:
the weight is the frequency (times the boost), and the format claims no decoder it cannot honour.

Pickled into the index's table of contents with the schema: keep it importable at this path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.analysis import Analyzer
from whoosh.formats import Format, tokens


class WeightOnly(Format):  # type: ignore[misc]  # Whoosh is untyped
    """``Frequency`` without the value: per term its frequency and weight, and an empty value."""

    posting_size = 0  # fixed_value_size() == 0: a block stores no values

    def word_values(self, value: Any, analyzer: Analyzer, **options: object) -> Iterator[tuple[str, int, float, bytes]]:
        """As ``Frequency.word_values`` (Whoosh's analysis options passed on), the value empty."""
        field_boost = self.field_boost
        freqs: defaultdict[str, int] = defaultdict(int)
        weights: defaultdict[str, float] = defaultdict(float)
        for token in tokens(value, analyzer, {**options, "boosts": True}):
            freqs[token.text] += 1
            weights[token.text] += token.boost
        return ((word, freq, weights[word] * field_boost, b"") for word, freq in freqs.items())

    def encode(self, value: object) -> bytes:
        return b""

    def combine(self, vs: Iterable[bytes]) -> bytes:
        return b""
