"""The sizes an AND orders its parts by are Whoosh's own ``estimate_size``, from the cached statistics."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from whoosh import query as wq

from caseview.search.query import prepare_query
from caseview.search.ranking import Ranker, _estimate
from caseview.workspace import Workspace

QUERIES = [
    "government",
    "anthropic pentagon",
    "access OR security",
    '"supply chain risk"',
    "title:anthropic",
    "date:[2020 TO 2030]",
    "anthropic date:[2026 TO 2027]",
    "date:[1900 TO 1950]",
    "secur*",
    "acess~2",
    "(mythos OR claude) AND (government OR pentagon)",
    "nosuchword",
]


def _nodes(node: wq.Query) -> Iterator[wq.Query]:
    yield node
    if not node.is_leaf():
        for child in node.children():
            yield from _nodes(child)


def _assert_whoosh_estimates(workspace: Workspace) -> None:
    index = workspace.index
    searcher, _ = index._searcher_and_ranker()
    ranker = Ranker(searcher)
    reader = searcher.reader()
    for text in QUERIES:
        prepared = prepare_query(text, reader, index._parser)
        for node in _nodes(prepared.whoosh_query):
            assert _estimate(node, ranker) == node.estimate_size(reader), (text, node)


def test_estimates_equal_whoosh_on_a_multi_segment_index(multi_segment: Workspace) -> None:
    _assert_whoosh_estimates(multi_segment)


def test_estimates_equal_whoosh_on_one_segment(seed_corpus: Path) -> None:
    workspace = Workspace.open(seed_corpus)
    try:
        _assert_whoosh_estimates(workspace)
    finally:
        workspace.close()
