"""From the analyst's query string to a parsed query (once), then to a bounded Whoosh query and what to highlight.

- :func:`parse_query` checks and parses the text once; the :class:`ParsedQuery` it returns is what
  travels down to the index, the ranker and the highlighter (and tells the workspace which entity,
  tag and note terms the query has).
- Unfielded quoted phrases, prefixes and fuzzy terms go to the unstemmed ``exact`` field: ``"supply chain risk"``
  means those words in that order (hyphenated "supply-chain risk" included, since the hyphen splits words).
- :func:`prepare_query` expands prefix, wildcard and fuzzy terms against one index reader
  (:mod:`caseview.search.expansion`) and gathers the terms to highlight from the expanded query.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, syntax

from caseview.search.expansion import MAX_EXPANSION, MAX_EXPANSION_SCAN, bound_expansions, fuzzy_words
from caseview.search.field_terms import FieldTerms, field_terms_of
from caseview.search.schema import exact_analyzer, query_schema
from caseview.search.syntax import QuerySyntaxError, check_query, whoosh_text
from caseview.search.whoosh_types import IndexReader, QueryParser, WhooshQuery

__all__ = [
    "BODY_FIELDS",
    "DEFAULT_FIELDS",
    "MAX_EXPANSION",
    "MAX_EXPANSION_SCAN",
    "AnnotationJoin",
    "ParsedQuery",
    "PreparedQuery",
    "analyse_exact",
    "fuzzy_words",
    "make_parser",
    "parse_query",
    "prepare_query",
]

DEFAULT_FIELDS = ("body", "title")
BODY_FIELDS = ("body", "exact")
UNREADABLE = "this query could not be read; check its quotes, brackets and field names"
PARTIAL_EXPANSION = "a prefix, wildcard or fuzzy term matched too many words; the most frequent were used"

#: Query nodes that mean "these words as written", so they search the unstemmed field: a stemmed
#: field would turn ``vulnerab*`` into a prefix of stems and miss "vulnerabilities" (stem "vulner").
_LITERAL_NODES = {"PhraseNode", "PrefixNode", "WildcardNode", "FuzzyTermNode"}


class _LiteralsToExactField:
    """Send unfielded (or ``body:``) phrases, wildcards and fuzzy terms to the unstemmed ``exact`` field.

    A Whoosh parser plugin (duck-typed: the parser only calls ``taggers`` and ``filters``). Runs
    after explicit field names are applied and before multifield expansion.
    """

    def taggers(self, parser: QueryParser) -> tuple[()]:
        return ()

    def filters(self, parser: QueryParser) -> list[tuple[object, int]]:
        return [(self._retarget, 105)]

    def _retarget(self, parser: QueryParser, group: WhooshQuery) -> WhooshQuery:
        for index, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[index] = self._retarget(parser, node)
            elif node.has_text and node.__class__.__name__ in _LITERAL_NODES and node.fieldname in (None, "body"):
                node.set_fieldname("exact", override=True)
        return group


def make_parser() -> QueryParser:
    parser = MultifieldParser(list(DEFAULT_FIELDS), query_schema())
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(_LiteralsToExactField())
    return parser


_parsers = threading.local()


def _thread_parser() -> QueryParser:
    """One parser per thread: made once (it builds a schema), never shared between threads."""
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = make_parser()
    return parser


@dataclass(frozen=True)
class ParsedQuery:
    """A query checked and parsed once; independent of any index, so it can be parsed before one is open."""

    #: What the analyst typed.
    text: str
    #: The parsed Whoosh query (prefixes, wildcards and fuzzy terms not yet expanded).
    whoosh_query: WhooshQuery
    #: The positive entity, tag and note terms, whose passages the workspace shows as matches.
    field_terms: FieldTerms

    @property
    def needs_entities(self) -> bool:
        """True if the query looks for entities (the index's entity names must be up to date)."""
        return bool(self.field_terms.entity)


def parse_query(text: str, parser: QueryParser | None = None) -> ParsedQuery:
    """Check and parse ``text``; raises :class:`QuerySyntaxError` with a clear message and its column."""
    check_query(text)
    try:
        whoosh_query = (parser or _thread_parser()).parse(whoosh_text(text))
    except Exception as error:  # the last line of defence: a query never gets a traceback
        # check_query refuses every shape known to break Whoosh's parser, each with its own message;
        # one that slips through still gets a line, and the generated-query test fails on this wording.
        raise QuerySyntaxError(f"{UNREADABLE} ({type(error).__name__})", text) from None
    if whoosh_query is wq.NullQuery:
        # Only stop words ("the", "to be"): search them literally in the unstemmed field.
        words = analyse_exact(text)
        if not words:
            raise QuerySyntaxError("the query has no words to search for", text)
        whoosh_query = wq.Phrase("exact", words) if len(words) > 1 else wq.Term("exact", words[0])
    return ParsedQuery(text=text, whoosh_query=whoosh_query, field_terms=field_terms_of(whoosh_query))


@dataclass(frozen=True)
class PreparedQuery:
    """A parsed query bound to one index reader: ready to rank, and what to highlight in a hit's text."""

    parsed: ParsedQuery
    #: The query with prefix, wildcard and fuzzy terms expanded to index words, normalised.
    whoosh_query: WhooshQuery
    partial_reason: str | None
    #: Stemmed body terms and unstemmed exact terms to mark wherever they occur.
    body_terms: frozenset[str]
    exact_terms: frozenset[str]
    #: Word sequences (unstemmed) that must be marked only where they occur together.
    phrases: tuple[tuple[str, ...], ...]

    @property
    def text(self) -> str:
        return self.parsed.text


#: Resolves the ``tag:``/``note:`` leaves of a query against the annotation index (see
#: :func:`caseview.search.annotation_join.join_annotations`); True if an expansion was capped.
AnnotationJoin = Callable[[WhooshQuery, "float | None"], tuple[WhooshQuery, bool]]


def prepare_query(
    query: str | ParsedQuery,
    reader: IndexReader,
    parser: QueryParser | None = None,
    deadline: float | None = None,
    annotations: AnnotationJoin | None = None,
) -> PreparedQuery:
    """Bind a query (parsed here if given as text) to ``reader``: ``tag:``/``note:`` leaves resolved by
    ``annotations``, expansions bounded (in number, and in time by ``deadline``, a
    ``time.perf_counter()`` value), highlights gathered."""
    parsed = query if isinstance(query, ParsedQuery) else parse_query(query, parser)
    joined, capped_annotations = (
        annotations(parsed.whoosh_query, deadline) if annotations is not None else (parsed.whoosh_query, False)
    )
    bounded, capped = bound_expansions(joined, reader, deadline)
    capped = capped or capped_annotations
    highlights = _Highlights()
    highlights.collect(bounded)
    return PreparedQuery(
        parsed=parsed,
        whoosh_query=bounded,
        partial_reason=PARTIAL_EXPANSION if capped else None,
        body_terms=frozenset(highlights.body_terms),
        exact_terms=frozenset(highlights.exact_terms),
        phrases=tuple(highlights.phrases),
    )


class _Highlights:
    """The positive (not negated) body terms and phrases of a query, gathered from its tree."""

    def __init__(self) -> None:
        self.body_terms: set[str] = set()
        self.exact_terms: set[str] = set()
        self.phrases: list[tuple[str, ...]] = []

    def collect(self, node: WhooshQuery) -> None:
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.AndNot):
            self.collect(node.a)
            return
        if isinstance(node, wq.Phrase):
            if node.fieldname == "exact":
                self.phrases.append(tuple(node.words))
            elif node.fieldname == "body":
                self.body_terms.update(node.words)
            return
        if isinstance(node, wq.Term):
            if node.fieldname == "body":
                self.body_terms.add(node.text)
            elif node.fieldname == "exact":
                self.exact_terms.add(node.text)
            return
        for child in node.children():
            self.collect(child)


def analyse_exact(text: str) -> list[str]:
    return [str(token.text) for token in exact_analyzer()(text)]
