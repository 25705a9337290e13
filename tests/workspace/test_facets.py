"""Facets and saved searches on a real corpus: counts match the documents, each clause narrows a search to them."""

from __future__ import annotations

import json
from datetime import date

from caseview.workspace import Workspace
from caseview.workspace.facets import FacetDoc, facet_values, narrowed, sort_key
from caseview.workspace.saved_searches import SEARCHES_FILE

from .conftest import EUROPE, WSJ


def test_every_facet_value_counts_the_documents_its_clause_finds(workspace: Workspace) -> None:
    """For each outlet, month, tag and format value: the count equals what a search for its clause finds."""
    workspace.annotate_quote(WSJ, "supply chain risk designation", tags=["designation"])
    workspace.annotate_quote(EUROPE, "explicitly opposed expanding", tags=["designation", "opposition"])
    facets = workspace.facets()
    assert {value.label: value.count for value in facets["tag"]} == {"designation": 2, "opposition": 1}
    assert sum(value.count for value in facets["format"]) == len(workspace.documents())
    for name in ("outlet", "month", "tag", "format"):
        assert facets[name], name
        for value in facets[name]:
            assert workspace.search(value.clause).total == value.count, value


def test_facets_of_the_results_only(workspace: Workspace) -> None:
    """Facets of a search's hits count those documents alone; narrowing keeps the query."""
    results = workspace.search("Pentagon", limit=50)
    facets = workspace.facets([hit.doc_id for hit in results.hits])
    assert sum(value.count for value in facets["format"]) == len(results.hits)
    outlet = facets["outlet"][0]
    query = narrowed("Pentagon", outlet.clause)
    assert query == f"(Pentagon) AND {outlet.clause}"
    assert workspace.search(query).total == outlet.count


def test_month_facet_and_sort_orders() -> None:
    """Months newest first as "Apr 2026" with the whole month's range; date order puts undated last."""
    docs = [
        FacetDoc("a.txt", "B", "X", date(2026, 4, 3), "txt"),
        FacetDoc("b.txt", "A", "X", date(2026, 12, 31), "txt"),
        FacetDoc("c.txt", "C", None, None, "txt"),
    ]
    months = facet_values(docs)["month"]
    assert [(m.label, m.clause) for m in months] == [
        ("Dec 2026", "date:[2026-12-01 TO 2026-12-31]"),
        ("Apr 2026", "date:[2026-04-01 TO 2026-04-30]"),
    ]
    ranked = sorted(enumerate(docs), key=lambda item: sort_key("date", item[0], item[1].title, item[1].published))
    assert [doc.doc_id for _, doc in ranked] == ["b.txt", "a.txt", "c.txt"]
    by_title = sorted(enumerate(docs), key=lambda item: sort_key("title", item[0], item[1].title, item[1].published))
    assert [doc.title for _, doc in by_title] == ["A", "B", "C"]


def test_recent_and_saved_searches_are_kept_in_the_corpus_folder(workspace: Workspace) -> None:
    """Recent searches newest first, once each; a saved search by name; both in caseview-searches.json."""
    store = workspace.searches
    for query in ("mythos", "pentagon", "mythos"):
        store.remember(query)
    april = "pentagon AND date:[2026-04-01 TO 2026-04-30]"
    store.save("pentagon april", april)
    again = Workspace(workspace.root).searches.load()
    assert again.recent == ("mythos", "pentagon")
    assert [(s.name, s.query) for s in again.saved] == [("pentagon april", april)]
    assert json.loads((workspace.root / SEARCHES_FILE).read_text("utf-8"))["schema_version"] == 1
