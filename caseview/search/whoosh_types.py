"""The Whoosh objects caseview.search passes around, named in one place.

whoosh-reloaded ships neither inline types nor stubs, so to mypy every Whoosh class and every value
it returns is ``Any`` (pyproject.toml sets ``ignore_missing_imports`` for ``whoosh.*``). Rather than
scatter ignores over the package, these aliases say which Whoosh object a signature means. They are
``Any`` to mypy, so a value read from Whoosh gets one of our types where it enters our code (an
annotated local, ``str(…)``, ``int(…)``); tests/search/test_ranking.py checks what types cannot.
"""

from __future__ import annotations

from typing import Any, TypeAlias

#: ``whoosh.query.Query``: any node of a parsed query tree.
WhooshQuery: TypeAlias = Any
#: ``whoosh.reading.IndexReader`` (one segment's, or a multi-segment reader).
IndexReader: TypeAlias = Any
#: ``whoosh.searching.Searcher``.
Searcher: TypeAlias = Any
#: ``whoosh.qparser.MultifieldParser``.
QueryParser: TypeAlias = Any
