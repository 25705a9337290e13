"""Checking a query before Whoosh sees it, so a mistake gets a message that says what and where.

Whoosh's parser is forgiving to a fault: ``AND AND (`` silently becomes an empty query. The analyst
deserves to know instead, so this small scanner walks the query once and reports the first problem
with its column (1-based).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from caseview.search.schema import QUERY_FIELDS

BINARY_OPERATORS = {"AND", "OR", "ANDNOT", "ANDMAYBE"}
UNARY_OPERATORS = {"NOT"}
_FIELD_PREFIX = re.compile(r"([A-Za-z_]+):")
_FUZZY_SUFFIX = re.compile(r"~(\d*)(?:/\d+)?$")
_DATE_VALUE = re.compile(r"\d{4}(?:-?\d{2}(?:-?\d{2})?)?")


class QuerySyntaxError(ValueError):
    """A query that cannot be run; ``column`` is 1-based, or ``None`` for the query as a whole."""

    def __init__(self, message: str, query: str, column: int | None = None) -> None:
        self.message = message
        self.query = query
        self.column = column
        where = f" (at column {column})" if column else ""
        super().__init__(f"{message}{where}")

    def pointer(self) -> str:
        """The query with a caret under the problem, for terminal output."""
        if not self.column:
            return self.query
        return f"{self.query}\n{' ' * (self.column - 1)}^"


@dataclass(frozen=True)
class _Token:
    kind: str  # "operand", "binary", "unary", "open", "close"
    text: str
    column: int


def _scan(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    length = len(query)
    while i < length:
        char = query[i]
        if char.isspace():
            i += 1
            continue
        column = i + 1
        if char == "(":
            tokens.append(_Token("open", char, column))
            i += 1
            continue
        if char == ")":
            tokens.append(_Token("close", char, column))
            i += 1
            continue
        start = i
        field_match = _FIELD_PREFIX.match(query, i)
        if field_match:
            field = field_match.group(1)
            if field.lower() not in QUERY_FIELDS:
                known = ", ".join(name for name in QUERY_FIELDS if name not in ("exact", "id"))
                raise QuerySyntaxError(f"unknown field {field + ':'!r}; fields are {known}", query, column)
            i = field_match.end()
            if i >= length or query[i].isspace():
                raise QuerySyntaxError(f"{field}: needs a value right after the colon", query, column)
            if query[i] == "(":
                tokens.append(_Token("open", "(", i + 1))
                i += 1
                continue
        if i < length and query[i] == '"':
            close = query.find('"', i + 1)
            if close == -1:
                raise QuerySyntaxError('this quote " is never closed', query, i + 1)
            if not query[i + 1 : close].strip():
                raise QuerySyntaxError("empty phrase", query, i + 1)
            i = close + 1
            tilde = re.match(r"~\d*", query[i:])
            if tilde:
                i += tilde.end()
            tokens.append(_Token("operand", query[start:i], column))
            continue
        if i < length and query[i] in "[{":
            closers = "]}"
            close = min((pos for pos in (query.find(c, i) for c in closers) if pos != -1), default=-1)
            if close == -1:
                raise QuerySyntaxError(f"this range {query[i]} is never closed", query, i + 1)
            _check_range(query, query[i + 1 : close], i + 1, field_match.group(1) if field_match else None)
            i = close + 1
            tokens.append(_Token("operand", query[start:i], column))
            continue
        while i < length and not query[i].isspace() and query[i] not in '()"':
            i += 1
        word = query[start:i]
        if word in BINARY_OPERATORS:
            tokens.append(_Token("binary", word, column))
        elif word in UNARY_OPERATORS:
            tokens.append(_Token("unary", word, column))
        else:
            _check_word(query, word, column)
            tokens.append(_Token("operand", word, column))
    return tokens


def _check_word(query: str, word: str, column: int) -> None:
    fuzzy = _FUZZY_SUFFIX.search(word)
    if "~" in word and not fuzzy:
        raise QuerySyntaxError(f"{word!r}: write fuzzy terms as word~ or word~2", query, column)
    if fuzzy and fuzzy.group(1) and not 1 <= int(fuzzy.group(1)) <= 3:
        raise QuerySyntaxError(f"{word!r}: a fuzzy distance must be 1, 2 or 3", query, column)
    core = word.split(":", 1)[-1].rstrip("~0123456789/")
    if core and set(core) <= set("*?"):
        raise QuerySyntaxError(f"{word!r}: a wildcard needs at least one letter", query, column)


def _check_range(query: str, inner: str, column: int, field: str | None) -> None:
    parts = re.split(r"\s*\bTO\b\s*", inner.strip())
    if len(parts) != 2:
        raise QuerySyntaxError("a range is written [START TO END], e.g. date:[2026-04-01 TO 2026-04-30]", query, column)
    if field and field.lower() == "date":
        for part in parts:
            if part.strip() and not _DATE_VALUE.fullmatch(part.strip()):
                raise QuerySyntaxError(f"{part.strip()!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", query, column)


def check_query(query: str) -> None:
    """Raise :class:`QuerySyntaxError` for the first problem in ``query``; return quietly if it is fine."""
    if not query.strip():
        raise QuerySyntaxError("the query is empty", query)
    tokens = _scan(query)
    depth_columns: list[int] = []
    previous: _Token | None = None
    for token in tokens:
        if token.kind == "binary":
            if previous is None or previous.kind in ("binary", "unary", "open"):
                raise QuerySyntaxError(f"{token.text} needs a search term on its left", query, token.column)
        elif token.kind == "close":
            if not depth_columns:
                raise QuerySyntaxError("this ) has no matching (", query, token.column)
            if previous is not None and previous.kind in ("binary", "unary"):
                raise QuerySyntaxError(f"{previous.text} needs a search term on its right", query, previous.column)
            if previous is not None and previous.kind == "open":
                raise QuerySyntaxError("empty parentheses", query, previous.column)
            depth_columns.pop()
        elif token.kind == "open":
            depth_columns.append(token.column)
        previous = token
    if previous is not None and previous.kind in ("binary", "unary"):
        raise QuerySyntaxError(f"{previous.text} needs a search term on its right", query, previous.column)
    if depth_columns:
        raise QuerySyntaxError("this ( is never closed", query, depth_columns[-1])
    if not any(token.kind == "operand" for token in tokens):
        raise QuerySyntaxError("the query has operators but nothing to search for", query)
