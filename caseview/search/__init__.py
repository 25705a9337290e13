"""Full-text search over a corpus with Whoosh: schema, incremental index, queries parsed once, highlights."""

from caseview.search.annotation_index import AnnotationTerms
from caseview.search.index import IndexBusy, IndexExtras, SearchIndex
from caseview.search.models import ExtraSpans, Hit, Match, SearchResults, Snippet, Span
from caseview.search.query import ParsedQuery, parse_query
from caseview.search.syntax import QuerySyntaxError, check_query

__all__ = [
    "AnnotationTerms",
    "ExtraSpans",
    "Hit",
    "IndexBusy",
    "IndexExtras",
    "Match",
    "ParsedQuery",
    "QuerySyntaxError",
    "SearchIndex",
    "SearchResults",
    "Snippet",
    "Span",
    "check_query",
    "parse_query",
]
