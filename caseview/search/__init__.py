"""Full-text search over a corpus with Whoosh: schema, incremental index, queries, highlights."""

from caseview.search.index import IndexBusy, IndexExtras, SearchIndex
from caseview.search.models import Hit, Match, SearchResults, Snippet
from caseview.search.syntax import QuerySyntaxError, check_query

__all__ = [
    "Hit",
    "IndexBusy",
    "IndexExtras",
    "Match",
    "QuerySyntaxError",
    "SearchIndex",
    "SearchResults",
    "Snippet",
    "check_query",
]
