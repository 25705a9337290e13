"""Full-text search on the team server, behind the same query language as the embedded index.

The query is checked and parsed by :mod:`caseview.search.query` — the same messages for the same
mistakes — and the resulting Whoosh query tree is translated into SQL over ``tsvector`` values
that caseview's own analysers made (:mod:`.vectors`), so a word, a stem, a phrase, a prefix or a
fuzzy term matches on the server exactly what it matches in Whoosh. A prefix, wildcard or fuzzy term
is expanded as :mod:`caseview.search.expansion` expands it — from the server's word list per field
(``team_search_terms``, each word with the number of documents holding it), in byte order, capped
at the :data:`MAX_EXPANSION` most frequent words — and a capped expansion marks the results partial
on both engines. Each leaf of the query asks
whether *some chunk* of a document holds it; the boolean structure is then evaluated per document,
so ``a AND b`` finds a document whose two words fall in different chunks.

Ranking differs (ARCHITECTURE.md, "Team server"): PostgreSQL's ``ts_rank`` over the matched words
with titles weighted double, not Whoosh's BM25F. Matching must not differ: the conformance tests run
one query set against both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from psycopg import sql
from whoosh import query as wq
from whoosh.support.levenshtein import distance as edit_distance  # what the embedded index's fuzzy terms use
from whoosh.util.times import long_to_datetime

from caseview.search.query import MAX_EXPANSION, MAX_EXPANSION_SCAN, PARTIAL_EXPANSION, ParsedQuery, parse_query
from caseview.team.db import Connection
from caseview.team.indexing import IndexWriter, SearchableDocument

__all__ = ["SearchableDocument", "ServerHit", "ServerResults", "ServerSearch", "UnsupportedQuery"]


@dataclass(frozen=True)
class ServerHit:
    doc_id: str
    score: float


@dataclass(frozen=True)
class ServerResults:
    """The documents a query found on the server, best first, and whether an expansion was capped."""

    hits: list[ServerHit]
    #: True when a prefix, wildcard or fuzzy term matched more words than :data:`MAX_EXPANSION`
    #: (the most frequent were used, as in the embedded index).
    partial: bool
    partial_reason: str | None


class UnsupportedQuery(ValueError):
    """A query construct the server backend cannot express (named in the message)."""


@dataclass
class _Capped:
    #: True once any expansion (negated ones included, as in Whoosh) left words out.
    capped: bool = False


@dataclass
class _Translation:
    params: list[Any] = field(default_factory=list)
    #: Positive words per vector, for ranking.
    rank_words: dict[str, set[str]] = field(default_factory=lambda: {"body_vec": set(), "exact_vec": set()})
    expansions: _Capped = field(default_factory=_Capped)

    def negated(self) -> _Translation:
        """For a negated subtree: its words do not rank, its capped expansions still count."""
        return _Translation(expansions=self.expansions)


_CHUNK_FIELDS = {"body": "body_vec", "exact": "exact_vec"}
_DOC_VECTOR_FIELDS = {"title": "title_vec", "outlet": "outlet_vec", "note": "note_vec"}
_ARRAY_FIELDS = {"tag": "tags", "entity": "entities"}
#: Fields whose words the server lists (``team_search_terms.field``), as Whoosh's lexicon does.
_LISTED_FIELDS = ("exact", "title", "outlet", "note", "tag", "entity")


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


class ServerSearch:
    """The search index of one corpus on the team server."""

    def __init__(self, connection: Connection, corpus: str) -> None:
        self.connection = connection
        self.corpus = corpus

    # -- indexing -----------------------------------------------------------------------------
    def update(self, documents: Iterable[SearchableDocument], removed: Iterable[str] = ()) -> int:
        """Index new and changed documents (unchanged ones, by hash, are skipped); drop ``removed``."""
        return IndexWriter(self.connection, self.corpus).update(documents, removed)

    # -- searching ----------------------------------------------------------------------------
    def search(self, query: str | ParsedQuery, limit: int = 20) -> ServerResults:
        """Documents matching ``query`` (the caseview query language, or its parsed form), best first."""
        parsed = query if isinstance(query, ParsedQuery) else parse_query(query)
        translation = _Translation()
        condition = self._translate(parsed.whoosh_query, translation)
        rank = sql.SQL(
            "COALESCE((SELECT max(ts_rank(c.body_vec, {body}) + ts_rank(c.exact_vec, {exact}))"
            " FROM team_search_chunks c WHERE c.corpus = d.corpus AND c.doc_id = d.doc_id), 0)"
            " + 2 * ts_rank(d.title_vec, {body})"
        ).format(body=self._rank_query(translation, "body_vec"), exact=self._rank_query(translation, "exact_vec"))
        statement = sql.SQL(
            "SELECT d.doc_id, {rank} AS score FROM team_search_docs d WHERE d.corpus = {corpus} AND {condition}"
            " ORDER BY score DESC, d.doc_id LIMIT {limit}"
        ).format(rank=rank, corpus=sql.Literal(self.corpus), condition=condition, limit=sql.Literal(limit))
        rows = self.connection.execute(statement, translation.params).fetchall()
        capped = translation.expansions.capped
        return ServerResults(
            hits=[ServerHit(str(doc_id), float(score)) for doc_id, score in rows],
            partial=capped,
            partial_reason=PARTIAL_EXPANSION if capped else None,
        )

    def _rank_query(self, translation: _Translation, vector: str) -> sql.Composable:
        words = sorted(translation.rank_words[vector])
        literal = " | ".join(_lexeme(word) for word in words) if words else ""
        return sql.SQL("{}::tsquery").format(sql.Literal(literal))

    def _chunk_has(self, vector: str, tsquery: str) -> sql.Composable:
        return sql.SQL(
            "EXISTS (SELECT 1 FROM team_search_chunks c WHERE c.corpus = d.corpus AND c.doc_id = d.doc_id"
            " AND c.{vector} @@ {query}::tsquery)"
        ).format(vector=sql.Identifier(vector), query=sql.Literal(tsquery))

    def _translate(self, node: Any, translation: _Translation) -> sql.Composable:
        if isinstance(node, wq.And):
            return self._join(node.children(), translation, " AND ", "TRUE")
        if isinstance(node, wq.Or):
            return self._join(node.children(), translation, " OR ", "FALSE")
        if isinstance(node, wq.Not):
            return sql.SQL("NOT ({})").format(self._translate(node.query, translation.negated()))
        if isinstance(node, wq.AndNot):
            return sql.SQL("({} AND NOT ({}))").format(
                self._translate(node.a, translation), self._translate(node.b, translation.negated())
            )
        if isinstance(node, wq.AndMaybe):
            return self._translate(node.a, translation)
        if isinstance(node, wq.Require):
            return sql.SQL("({} AND {})").format(
                self._translate(node.a, translation), self._translate(node.b, translation)
            )
        if node is wq.NullQuery or isinstance(node, type(wq.NullQuery)):
            return sql.SQL("FALSE")
        if isinstance(node, wq.Every):
            return sql.SQL("TRUE")
        if isinstance(node, wq.Phrase):
            return self._words(node.fieldname, list(node.words), " <-> ", translation)
        if isinstance(node, wq.FuzzyTerm):
            return self._expanded(node.fieldname, self._fuzzy(node), translation)
        if isinstance(node, wq.Prefix):
            return self._expanded(node.fieldname, self._matching(node.fieldname, node.text + "*"), translation)
        if isinstance(node, wq.Wildcard):
            return self._expanded(node.fieldname, self._matching(node.fieldname, node.text), translation)
        if isinstance(node, (wq.DateRange, wq.TermRange, wq.NumericRange)) and node.fieldname == "date":
            return self._date_range(node)
        if isinstance(node, wq.Term):
            return self._words(node.fieldname, [node.text], "", translation)
        raise UnsupportedQuery(f"the team server cannot search {type(node).__name__} queries yet")

    def _join(self, children: Iterable[Any], translation: _Translation, joiner: str, empty: str) -> sql.Composable:
        parts = [self._translate(child, translation) for child in children]
        if not parts:
            return sql.SQL(empty)
        return sql.SQL("(") + sql.SQL(joiner).join(parts) + sql.SQL(")")

    def _words(self, fieldname: str, words: list[str], joiner: str, translation: _Translation) -> sql.Composable:
        if fieldname in _ARRAY_FIELDS:
            value = " ".join(words).lower()
            return sql.SQL("{} = ANY(d.{})").format(sql.Literal(value), sql.Identifier(_ARRAY_FIELDS[fieldname]))
        if fieldname in ("id", "path"):
            return sql.SQL("d.doc_id = {}").format(sql.Literal(" ".join(words)))
        tsquery = joiner.join(_lexeme(word) for word in words) if joiner else _lexeme(words[0])
        if fieldname in _CHUNK_FIELDS:
            vector = _CHUNK_FIELDS[fieldname]
            translation.rank_words[vector].update(words)
            return self._chunk_has(vector, tsquery)
        if fieldname in _DOC_VECTOR_FIELDS:
            return sql.SQL("d.{} @@ {}::tsquery").format(
                sql.Identifier(_DOC_VECTOR_FIELDS[fieldname]), sql.Literal(tsquery)
            )
        raise UnsupportedQuery(f"the team server cannot search the field {fieldname!r}")

    def _expanded(self, fieldname: str, candidates: list[tuple[str, int]], translation: _Translation) -> sql.Composable:
        """The words of a prefix, wildcard or fuzzy term — chosen as ``expansion._expand`` chooses them
        from the candidates in lexicon order — as one disjunction."""
        if len(candidates) > MAX_EXPANSION_SCAN:
            translation.expansions.capped = True
            candidates = candidates[:MAX_EXPANSION_SCAN]
        if len(candidates) > MAX_EXPANSION:
            translation.expansions.capped = True
            candidates = sorted(candidates, key=lambda pair: -pair[1])[:MAX_EXPANSION]  # stable: ties by word
        words = [word for word, _ in candidates]
        if not words:
            return sql.SQL("FALSE")
        if fieldname in _ARRAY_FIELDS:
            return sql.SQL("d.{} && {}::text[]").format(sql.Identifier(_ARRAY_FIELDS[fieldname]), sql.Literal(words))
        tsquery = " | ".join(_lexeme(word) for word in words)
        if fieldname in _CHUNK_FIELDS:
            vector = _CHUNK_FIELDS[fieldname]
            translation.rank_words[vector].update(words)
            return self._chunk_has(vector, tsquery)
        return sql.SQL("d.{} @@ {}::tsquery").format(
            sql.Identifier(_DOC_VECTOR_FIELDS[fieldname]), sql.Literal(tsquery)
        )

    def _listed(self, fieldname: str) -> str:
        if fieldname not in _LISTED_FIELDS:
            raise UnsupportedQuery(f"the team server cannot expand prefixes or fuzzy terms in the field {fieldname!r}")
        return fieldname

    def _candidates(self, fieldname: str, condition: sql.Composable, params: tuple[Any, ...]) -> list[tuple[str, int]]:
        """The field's words meeting ``condition``, in byte order (Whoosh's lexicon order), one past the scan limit."""
        statement = sql.SQL(
            "SELECT term, docs FROM team_search_terms WHERE corpus = %s AND field = %s AND {condition}"
            ' ORDER BY term COLLATE "C" LIMIT %s'
        ).format(condition=condition)
        rows = self.connection.execute(
            statement, (self.corpus, self._listed(fieldname), *params, MAX_EXPANSION_SCAN + 1)
        ).fetchall()
        return [(str(term), int(docs)) for term, docs in rows]

    def _matching(self, fieldname: str, pattern: str) -> list[tuple[str, int]]:
        like = re.sub(r"([%_\\])", r"\\\1", pattern).replace("*", "%").replace("?", "_")
        return self._candidates(fieldname, sql.SQL('term COLLATE "C" LIKE %s'), (like,))

    def _fuzzy(self, node: Any) -> list[tuple[str, int]]:
        """The words within ``maxdist`` edits that share the first ``prefixlength`` letters, by the
        embedded index's own distance (transpositions count one: PostgreSQL's Levenshtein, which
        counts them two, only narrows the candidates)."""
        text, maxdist, prefix = node.text, node.maxdist, node.text[: node.prefixlength]
        candidates = self._candidates(
            node.fieldname,
            sql.SQL(
                "left(term, %s) = %s AND abs(length(term) - length(%s)) <= %s"
                " AND levenshtein_less_equal(term, %s, %s) <= %s"
            ),
            (len(prefix), prefix, text, maxdist, text, 2 * maxdist, 2 * maxdist),
        )
        return [(word, docs) for word, docs in candidates if edit_distance(word, text, limit=maxdist) <= maxdist]

    def _date_range(self, node: Any) -> sql.Composable:
        start = _as_datetime(getattr(node, "startdate", None) or getattr(node, "start", None))
        end = _as_datetime(getattr(node, "enddate", None) or getattr(node, "end", None))
        parts: list[sql.Composable] = [sql.SQL("d.published IS NOT NULL")]
        if isinstance(start, datetime):
            parts.append(sql.SQL("d.published >= {}").format(sql.Literal(start.date())))
        if isinstance(end, datetime):
            parts.append(sql.SQL("d.published <= {}").format(sql.Literal(end.date())))
        return sql.SQL("(") + sql.SQL(" AND ").join(parts) + sql.SQL(")")


def _as_datetime(bound: object) -> datetime | None:
    """A range bound as a datetime: the parser gives a date field's range as a ``NumericRange`` over
    Whoosh's long encoding of datetimes, other range queries carry datetimes; an open end is None."""
    if isinstance(bound, datetime):
        return bound
    if isinstance(bound, int):
        decoded: datetime = long_to_datetime(bound)  # whoosh is untyped: the type is said here
        return decoded
    return None
