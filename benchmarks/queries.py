"""The fixed query mix every corpus is measured with, and the ripgrep equivalents of some of it.

Kinds: term, two-term AND, phrase, fuzzy, prefix, field-restricted and date range. The targets
(p95 ≤ 50 ms with snippets) apply to :data:`TARGET_KINDS`; every query must finish within 1 s.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    text: str
    #: The ripgrep regular expression (case-insensitive, whole words) for the same words, if any.
    rg_pattern: str | None = None


QUERY_MIX: tuple[BenchQuery, ...] = (
    BenchQuery("term", "government", r"government"),
    BenchQuery("term", "slavery", r"slavery"),
    BenchQuery("and", "tax reform"),
    BenchQuery("and", "foreign AND trade"),
    BenchQuery("phrase", '"united states"', r"united\s+states"),
    BenchQuery("phrase", '"health care"', r"health\s+care"),
    BenchQuery("fuzzy", "goverment~"),
    BenchQuery("fuzzy", "recesion~2"),
    BenchQuery("prefix", "con*"),
    BenchQuery("prefix", "terror*"),
    BenchQuery("field", "title:roosevelt"),
    BenchQuery("field", "title:lincoln AND union"),
    BenchQuery("date", "date:[1900 TO 1950]"),
    BenchQuery("date", "war date:[1941 TO 1945]"),
)

TARGET_KINDS = ("term", "and", "phrase", "field")
KINDS = ("term", "and", "phrase", "fuzzy", "prefix", "field", "date")
