"""One query language, two engines: the same query set must find the same documents in Whoosh and
on the team server (ranking may differ; matching may not)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from caseview.corpus import read_document, scan_corpus
from caseview.search import SearchResults
from caseview.search.syntax import QuerySyntaxError
from caseview.team.db import Connection, connect
from caseview.team.indexing import IndexWriter
from caseview.team.migrations import SHORT_FIELD_WORDS, migrate
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
    # Expansions on every field the server lists words for.
    "title:dock*",
    "outlet:harb*",
    "tag:desig*",
    "note:contra*",
    "Dockwrokers~2",
    "c?ane",
    # More than MAX_EXPANSION words begin with "con" (the CON_WORDS documents): the cap decides
    # which documents match, so both engines must pick the same 128 most frequent words and
    # mark their answers partial.
    "con*",
    "con* AND NOT harbour",
    "contr*",
]
#: Queries whose expansion is capped: both engines mark these partial.
CAPPED = {"con*", "con* AND NOT harbour"}

#: 200 words beginning with "con": the first 150 in two or three of 40 documents (so the 128 kept
#: are cut among tied words, by byte order), the last 50 each in one of 20 further documents, which
#: hold nothing else beginning with "con" and so are found by neither engine.
CON_WORDS = [f"con{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(200)]
CON_DOCS = 60


def con_words_of(doc: int) -> list[str]:
    if doc < 40:
        return [w for i, w in enumerate(CON_WORDS[:150]) if (i + doc) % 40 < 2 + i % 2]
    return [w for i, w in enumerate(CON_WORDS[150:]) if i % 20 == doc - 40]


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
    con = root / "con"
    con.mkdir()
    for doc in range(CON_DOCS):
        (con / f"c{doc:02d}.txt").write_text(f"File {doc}\nThe clerk wrote {' '.join(con_words_of(doc))}.\n")
    return root


def whoosh_answer(workspace: Workspace, query: str) -> SearchResults:
    """The embedded index's answer as it is when the search's time limit does not cut it.

    The comparison is about matching, not speed: on a loaded machine a cold fuzzy expansion (its word
    table is built on first use) can pass the 1 s limit and answer partially. A partial answer is asked
    again (the caches are warm then) a few times; a partial answer by the expansion cap stays partial."""
    answer = workspace.search(query, limit=1000, snippets=False)
    for _ in range(5):
        if not answer.partial:
            break
        answer = workspace.search(query, limit=1000, snippets=False)
    return answer


def whoosh_results(workspace: Workspace, query: str) -> set[str]:
    return {hit.doc_id for hit in whoosh_answer(workspace, query).hits}


def whoosh_partial(workspace: Workspace, query: str) -> bool:
    return whoosh_answer(workspace, query).partial


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
        partial = {}
        for query in QUERIES:
            embedded = whoosh_results(workspace, query)
            answer = server.search(query, limit=1000)
            on_server = {hit.doc_id for hit in answer.hits}
            if embedded != on_server:
                differences[query] = (sorted(embedded - on_server), sorted(on_server - embedded))
            partial[query] = (whoosh_partial(workspace, query), answer.partial)
        assert not differences
        assert partial == {query: (query in CAPPED, query in CAPPED) for query in QUERIES}
        # The cap matters here: some documents hold only words beyond the 128 most frequent.
        con_found = {doc_id for doc_id in whoosh_results(workspace, "con*") if doc_id.startswith("con/")}
        assert len(con_found) == 40, "the documents holding only rare words are left out by both"
        found = {query: len(whoosh_results(workspace, query)) for query in QUERIES}
        assert [query for query, count in found.items() if (count == 0) != (query == "zebra")] == []
        assert {hit.doc_id for hit in server.search('"dockworkers union signed"').hits} == {"long-report.txt"}
        with pytest.raises(QuerySyntaxError, match="AND needs a search term"):
            server.search("AND AND (")


EXACT_WORDS = """SELECT corpus, 'exact', term, count(DISTINCT doc_id) FROM team_search_chunks,
    unnest(tsvector_to_array(exact_vec)) AS term GROUP BY corpus, term"""


def word_list(connection: Connection) -> set[tuple[str, str, str, int]]:
    rows = connection.execute("SELECT corpus, field, term, docs FROM team_search_terms").fetchall()
    return {(str(c), str(f), str(t), int(n)) for c, f, t, n in rows}


def recounted(connection: Connection) -> set[tuple[str, str, str, int]]:
    rows = connection.execute(f"{SHORT_FIELD_WORDS} UNION ALL {EXACT_WORDS}").fetchall()
    return {(str(c), str(f), str(t), int(n)) for c, f, t, n in rows}


def test_the_word_list_follows_the_documents(team_db: TeamDatabase, tmp_path: Path) -> None:
    """The per-field word list the expansions read stays equal to a recount of the indexed
    documents after documents change and go (and the schema upgrade fills it by that recount)."""
    with connect(team_db.url()) as owner:
        migrate(owner)

    def doc(doc_id: str, text: str, title: str, tags: tuple[str, ...] = ()) -> SearchableDocument:
        return SearchableDocument(doc_id, doc_id * 2, text, title=title, outlet="Harbour Weekly", tags=tags)

    with connect(team_db.url("analyst_a")) as connection:
        server = ServerSearch(connection, "mythos")
        server.update([doc("a", "cranes and containers", "Container port", ("Strike",)), doc("b", "cranes", "Cranes")])
        assert word_list(connection) == recounted(connection) != set()
        assert ("mythos", "tag", "strike", 1) in word_list(connection)
        server.update([doc("a", "containers only", "Port", ("strike, late",))], removed=["b"])
        assert word_list(connection) == recounted(connection)
        assert {term for _, field_name, term, _ in word_list(connection) if field_name == "tag"} == {"strike  late"}
        assert not any(term == "cranes" for _, _, term, _ in word_list(connection))
        assert {hit.doc_id for hit in server.search("tag:stri*").hits} == {"a"}


INDEX_OIDS = "SELECT relname, oid FROM pg_class WHERE relname LIKE 'team_search_%' AND relkind = 'i' ORDER BY relname"


def index_rows(connection: Connection, corpus: str) -> tuple[object, ...]:
    """Everything a corpus's index holds, in a stable order."""
    docs = connection.execute(
        "SELECT doc_id, sha256, title, outlet, published, tags, entities, title_vec::text, outlet_vec::text,"
        " note_vec::text FROM team_search_docs WHERE corpus = %s ORDER BY doc_id",
        (corpus,),
    ).fetchall()
    chunks = connection.execute(
        "SELECT doc_id, chunk, body_vec::text, exact_vec::text FROM team_search_chunks WHERE corpus = %s"
        " ORDER BY doc_id, chunk",
        (corpus,),
    ).fetchall()
    terms = connection.execute(
        "SELECT field, term, docs FROM team_search_terms WHERE corpus = %s ORDER BY field, term", (corpus,)
    ).fetchall()
    return tuple(docs), tuple(chunks), tuple(terms)


def test_a_bulk_load_gives_the_index_a_row_by_row_load_gives(team_db: TeamDatabase, corpus: Path) -> None:
    """A load of many documents drops the GIN indexes and builds them once after; what it writes is
    what the normal path writes, an analyst (not the tables' owner) may do it, and a later change of
    one document takes the normal path."""
    with connect(team_db.url()) as owner:
        migrate(owner)
    workspace = Workspace(corpus)
    workspace.refresh()
    searchable = []
    for entry in scan_corpus(corpus).files:
        document, _ = read_document(entry)
        searchable.append(SearchableDocument.of(document, workspace.index_extras(document)))
    with connect(team_db.url("analyst_a")) as connection:
        IndexWriter(connection, "normal", bulk_documents=10**9).update(searchable)
        before = connection.execute(INDEX_OIDS).fetchall()
        assert len(before) == 9  # five GIN indexes, three primary keys, the word list in lexicon order
        assert IndexWriter(connection, "bulk", bulk_documents=1).update(searchable) == len(searchable)
        rebuilt = connection.execute(INDEX_OIDS).fetchall()
        assert [name for name, _ in rebuilt] == [name for name, _ in before], "every index is back"
        assert {name for (name, oid), (_, old) in zip(rebuilt, before, strict=True) if oid != old} == {
            "team_search_chunks_body",
            "team_search_chunks_exact",
            "team_search_docs_entities",
            "team_search_docs_tags",
            "team_search_docs_title",
        }
        assert index_rows(connection, "bulk") == index_rows(connection, "normal")
        assert word_list(connection) == recounted(connection)
        server = ServerSearch(connection, "bulk")
        for query in QUERIES:
            assert {hit.doc_id for hit in server.search(query, limit=1000).hits} == whoosh_results(workspace, query)
        # One document changed: written on the normal path, the indexes kept as they are.
        port = next(doc for doc in searchable if doc.doc_id == "port.txt")
        changed = SearchableDocument("port.txt", "x" * 64, "Dockworkers return; the zebra crossing reopens.")
        assert IndexWriter(connection, "bulk", bulk_documents=1).update([port, changed]) == 1
        assert connection.execute(INDEX_OIDS).fetchall() == rebuilt
        assert word_list(connection) == recounted(connection)
        assert {hit.doc_id for hit in server.search("zebra").hits} == {"port.txt"}
