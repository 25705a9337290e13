"""Writing documents into the team server's search index, in batches.

A document's words are cut and stemmed here by caseview's own analysers (:mod:`.vectors`) — never
by PostgreSQL's ``to_tsvector``, whose parser and stemmer differ from Whoosh's and would make the
two engines match different documents. What goes to the server is therefore ready ``tsvector``
text, which PostgreSQL parses as it copies it in. A load is a few statements per batch of
:data:`BATCH` documents, whatever the batch holds:

1. one look-up of the batch's documents already indexed, to skip the unchanged ones (same hash,
   tags, entities and notes);
2. for the changed ones, one statement that takes their words off the word list (counted
   server-side from the rows being replaced) and one ``DELETE``;
3. ``COPY … FROM STDIN`` into ``team_search_docs`` and ``team_search_chunks``;
4. one ``INSERT … SELECT … ON CONFLICT`` adding the batch's word counts to ``team_search_terms``.

When a load writes many documents — at least :data:`BULK_DOCUMENTS`, and at least as many as the
index already holds (a first load, a reload) — the GIN indexes are dropped first and built once at
the end (``team_search_suspend_indexes`` / ``team_search_restore_indexes``, owner's functions from
migration 5), which is far cheaper than maintaining them row by row. All of it is one transaction:
a failed load leaves the index as it was, indexes included; searches by others wait for the
rebuild instead of seeing a half-loaded index. A change of one document takes the normal path
(the indexes kept up to date as it is written).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from caseview.corpus import Document
from caseview.search import IndexExtras
from caseview.search.schema import keyword_forms
from caseview.team.db import Connection
from caseview.team.vectors import Analysers, body_vector, chunks, exact_vector, field_vector, field_words

#: Documents per round of statements.
BATCH = 1_000
#: A load writing at least this many documents (and at least as many as are indexed) rebuilds the
#: GIN indexes once at the end instead of maintaining them per row.
BULK_DOCUMENTS = 2_000


@dataclass(frozen=True)
class SearchableDocument:
    """What the server indexes of a document (the same extracted text and extras as Whoosh)."""

    doc_id: str
    sha256: str
    text: str
    title: str = ""
    outlet: str | None = None
    published: date | None = None
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()

    @classmethod
    def of(cls, document: Document, extras: IndexExtras) -> SearchableDocument:
        """A document as the embedded index sees it: its text, metadata and extras (tags, notes, entities)."""
        meta = document.meta
        return cls(
            doc_id=document.id,
            sha256=document.sha256,
            text=document.text,
            title=meta.title,
            outlet=meta.outlet,
            published=meta.published,
            tags=extras.tags,
            notes=extras.notes,
            entities=extras.entities,
        )


@dataclass(frozen=True)
class _Extras:
    """What decides, besides the hash, whether an indexed document is still up to date."""

    tags: list[str]
    entities: list[str]
    note_vec: str
    #: The document is in the index already (in another version): its rows are replaced.
    indexed: bool = False


@dataclass(frozen=True)
class _Rows:
    """One document as rows: its ``team_search_docs`` values, its chunks' vectors, its words per field."""

    doc: tuple[object, ...]
    chunks: list[tuple[str, str]]
    words: dict[str, set[str]]


def tag_keywords(tags: Iterable[str]) -> set[str]:
    """How the ``tag`` field stores tags (``index._tags_value``): lower-cased, commas made spaces."""
    return {tag.replace(",", " ").strip().lower() for tag in tags if tag.strip()}


def entity_keywords(names: Iterable[str]) -> set[str]:
    return set().union(*(keyword_forms(name) for name in names)) if names else set()


def _extras(document: SearchableDocument, analysers: Analysers) -> _Extras:
    return _Extras(
        sorted(tag_keywords(document.tags)),
        sorted(entity_keywords(document.entities)),
        field_vector(" ".join(document.notes), stemmed=True, analysers=analysers),
    )


def _rows(corpus: str, document: SearchableDocument, extras: _Extras, analysers: Analysers) -> _Rows:
    pieces = list(chunks(document.text, analysers))
    exact: set[str] = set()
    for piece in pieces:
        exact.update(piece.exact)
    doc = (
        corpus,
        document.doc_id,
        document.sha256,
        document.title,
        document.outlet,
        document.published,
        extras.tags,
        extras.entities,
        field_vector(document.title, stemmed=True, analysers=analysers),
        field_vector(document.outlet or "", stemmed=False, analysers=analysers),
        extras.note_vec,
    )
    words = {
        "exact": exact,
        "title": set(field_words(document.title, stemmed=True, analysers=analysers)),
        "outlet": set(field_words(document.outlet or "", stemmed=False, analysers=analysers)),
        "note": set(field_words(" ".join(document.notes), stemmed=True, analysers=analysers)),
        "tag": set(extras.tags),
        "entity": set(extras.entities),
    }
    return _Rows(doc, [(body_vector(piece), exact_vector(piece)) for piece in pieces], words)


def _batches(items: Sequence[SearchableDocument]) -> Iterator[Sequence[SearchableDocument]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


#: The words of the named documents, once per document and field, as the word list counts them.
_WORDS_OF = """SELECT field, term, count(*) AS n FROM (
        SELECT DISTINCT c.doc_id, 'exact' AS field, w.term FROM team_search_chunks c,
            unnest(tsvector_to_array(c.exact_vec)) AS w(term) WHERE c.corpus = %(corpus)s AND c.doc_id = ANY(%(ids)s)
        UNION ALL SELECT d.doc_id, 'title', unnest(tsvector_to_array(d.title_vec)) FROM team_search_docs d
            WHERE d.corpus = %(corpus)s AND d.doc_id = ANY(%(ids)s)
        UNION ALL SELECT d.doc_id, 'outlet', unnest(tsvector_to_array(d.outlet_vec)) FROM team_search_docs d
            WHERE d.corpus = %(corpus)s AND d.doc_id = ANY(%(ids)s)
        UNION ALL SELECT d.doc_id, 'note', unnest(tsvector_to_array(d.note_vec)) FROM team_search_docs d
            WHERE d.corpus = %(corpus)s AND d.doc_id = ANY(%(ids)s)
        UNION ALL SELECT d.doc_id, 'tag', unnest(d.tags) FROM team_search_docs d
            WHERE d.corpus = %(corpus)s AND d.doc_id = ANY(%(ids)s)
        UNION ALL SELECT d.doc_id, 'entity', unnest(d.entities) FROM team_search_docs d
            WHERE d.corpus = %(corpus)s AND d.doc_id = ANY(%(ids)s)
    ) words GROUP BY field, term"""

#: Take the named documents' words off the word list: a word no document holds any more goes.
#: The two parts touch different rows (count reaching zero or not), so one statement does both.
_UNCOUNT = f"""WITH gone AS MATERIALIZED ({_WORDS_OF}),
    emptied AS (DELETE FROM team_search_terms t USING gone g
        WHERE t.corpus = %(corpus)s AND t.field = g.field AND t.term = g.term AND t.docs <= g.n RETURNING 1)
    UPDATE team_search_terms t SET docs = t.docs - g.n FROM gone g
    WHERE t.corpus = %(corpus)s AND t.field = g.field AND t.term = g.term AND t.docs > g.n"""


class IndexWriter:
    """Brings one corpus's search index on the server up to date with a set of documents."""

    def __init__(self, connection: Connection, corpus: str, bulk_documents: int = BULK_DOCUMENTS) -> None:
        self.connection = connection
        self.corpus = corpus
        self.analysers = Analysers()
        self.bulk_documents = bulk_documents

    def update(self, documents: Iterable[SearchableDocument], removed: Iterable[str] = ()) -> int:
        """Index new and changed documents (unchanged ones are skipped); drop ``removed``. The number written."""
        latest = {document.doc_id: document for document in documents}  # one id given twice: the last
        given = list(latest.values())
        with self.connection.transaction():
            self.drop(list(dict.fromkeys(removed)))
            changed: list[tuple[SearchableDocument, _Extras]] = []
            for batch in _batches(given):
                changed += self._changed(batch)
            bulk = len(changed) >= self.bulk_documents and len(changed) >= self._indexed()
            if bulk:
                self.connection.execute("SELECT team_search_suspend_indexes()")
            for start in range(0, len(changed), BATCH):
                self._write(changed[start : start + BATCH])
            if bulk:
                self.connection.execute("SELECT team_search_restore_indexes()")
        return len(changed)

    def _indexed(self) -> int:
        """Documents indexed, every corpus together (the GIN indexes cover them all)."""
        row = self.connection.execute("SELECT count(*) FROM team_search_docs").fetchone()
        return int(row[0]) if row else 0

    def _changed(self, batch: Sequence[SearchableDocument]) -> list[tuple[SearchableDocument, _Extras]]:
        extras = [_extras(document, self.analysers) for document in batch]
        rows = self.connection.execute(
            """SELECT u.doc_id, d.sha256, d.tags, d.entities, d.note_vec = u.note::tsvector
               FROM unnest(%s::text[], %s::text[]) AS u(doc_id, note)
               JOIN team_search_docs d ON d.corpus = %s AND d.doc_id = u.doc_id""",
            ([document.doc_id for document in batch], [extra.note_vec for extra in extras], self.corpus),
        ).fetchall()
        indexed = {
            str(doc_id): (sha, sorted(tags), sorted(entities), bool(same)) for doc_id, sha, tags, entities, same in rows
        }
        return [
            (document, replace(extra, indexed=document.doc_id in indexed))
            for document, extra in zip(batch, extras, strict=True)
            if indexed.get(document.doc_id) != (document.sha256, extra.tags, extra.entities, True)
        ]

    def drop(self, doc_ids: list[str]) -> None:
        """Take documents out of the index and their words off the word list."""
        if not doc_ids:
            return
        params = {"corpus": self.corpus, "ids": doc_ids}
        self.connection.execute(_UNCOUNT, params)
        self.connection.execute(
            "DELETE FROM team_search_docs WHERE corpus = %(corpus)s AND doc_id = ANY(%(ids)s)", params
        )

    def _write(self, batch: list[tuple[SearchableDocument, _Extras]]) -> None:
        self.drop([document.doc_id for document, extras in batch if extras.indexed])
        counts: Counter[tuple[str, str]] = Counter()
        cursor = self.connection.cursor()
        all_rows = [_rows(self.corpus, document, extras, self.analysers) for document, extras in batch]
        with cursor.copy(
            "COPY team_search_docs (corpus, doc_id, sha256, title, outlet, published, tags, entities,"
            " title_vec, outlet_vec, note_vec) FROM STDIN"
        ) as copy:
            for rows in all_rows:
                copy.write_row(rows.doc)
                for name, words in rows.words.items():
                    counts.update((name, word) for word in words)
        with cursor.copy("COPY team_search_chunks (corpus, doc_id, chunk, body_vec, exact_vec) FROM STDIN") as copy:
            for rows in all_rows:
                for index, (body, exact) in enumerate(rows.chunks):
                    copy.write_row((self.corpus, rows.doc[1], index, body, exact))
        pairs = sorted(counts.items())
        self.connection.execute(
            """INSERT INTO team_search_terms (corpus, field, term, docs)
               SELECT %s, w.field, w.term, w.docs FROM unnest(%s::text[], %s::text[], %s::int[]) AS w(field, term, docs)
               ON CONFLICT (corpus, field, term) DO UPDATE SET docs = team_search_terms.docs + EXCLUDED.docs""",
            (self.corpus, [f for (f, _), _ in pairs], [t for (_, t), _ in pairs], [n for _, n in pairs]),
        )
