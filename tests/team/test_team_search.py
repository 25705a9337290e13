"""One query language, two engines: the same query set must find the same documents in Whoosh and
on the team server (ranking may differ; matching may not)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from caseview.corpus import read_document, scan_corpus
from caseview.search.syntax import QuerySyntaxError
from caseview.team.db import connect
from caseview.team.migrations import migrate
from caseview.team.search import SearchableDocument, ServerSearch
from caseview.workspace import Workspace
from tests.team.conftest import TeamDatabase

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"

QUERIES = [
    "mythos",
    "Anthropic AND Pentagon",
    "Treasury OR Axios",
    "Anthropic NOT Axios",
    '"supply chain risk"',
    '"save face"',
    "secur*",
    "vulnerab*",
    "Besant~1",
    "Bessent~2",
    "title:Mythos",
    "outlet:axios",
    "tag:designation",
    "note:contradicts",
    "lawful AND (Pentagon OR Claude)",
    "dockworkers",
    '"crane operators"',
    "date:[2026-04-01 TO 2026-04-30]",
    "dockworkers AND NOT halvern",
    "zebra",
]

LONG_REPORT = (
    " ".join(
        f"Section {n}. The harbour authority reviewed berth {n} and the crane operators filed notes."
        for n in range(900)
    )
    + " At the very end the dockworkers union signed the agreement."
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    shutil.copytree(SEEDS, root)
    (root / "port.txt").write_text(
        "Dockworkers strike at Halvern\nMore than 2,400 dockworkers walked out; the crane operators lead the strike.\n"
    )
    (root / "port.txt.meta.json").write_text(json.dumps({"published": "2026-04-20", "outlet": "Harbour Weekly"}))
    (root / "long-report.txt").write_text("Berth review\n" + LONG_REPORT + "\n")
    return root


def whoosh_results(workspace: Workspace, query: str) -> set[str]:
    return {hit.doc_id for hit in workspace.search(query, limit=1000, snippets=False).hits}


def test_the_same_queries_find_the_same_documents_on_both_engines(team_db: TeamDatabase, corpus: Path) -> None:
    with connect(team_db.url()) as owner:
        migrate(owner)
    workspace = Workspace(corpus)
    workspace.refresh()
    docs = sorted(d.id for d in workspace.documents())
    workspace.annotate_quote(docs[0], "Mythos", tags=["designation"], note="Contradicts the Axios report")
    workspace.refresh()
    searchable = []
    for entry in scan_corpus(corpus).files:
        document, _ = read_document(entry)
        searchable.append(SearchableDocument.of(document, workspace.index_extras(document)))
    with connect(team_db.url("analyst_a")) as connection:
        server = ServerSearch(connection, "mythos")
        assert server.update(searchable) == len(searchable)
        assert server.update(searchable) == 0, "unchanged documents are not indexed again"
        differences = {}
        for query in QUERIES:
            embedded = whoosh_results(workspace, query)
            on_server = {hit.doc_id for hit in server.search(query, limit=1000)}
            if embedded != on_server:
                differences[query] = (sorted(embedded - on_server), sorted(on_server - embedded))
        assert not differences
        found = {query: len(whoosh_results(workspace, query)) for query in QUERIES}
        assert [query for query, count in found.items() if (count == 0) != (query == "zebra")] == []
        assert {hit.doc_id for hit in server.search('"dockworkers union signed"')} == {"long-report.txt"}
        with pytest.raises(QuerySyntaxError, match="AND needs a search term"):
            server.search("AND AND (")
