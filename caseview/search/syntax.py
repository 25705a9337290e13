"""Checking a query before Whoosh sees it, so a mistake gets a message that says what and where.

Whoosh's parser is forgiving to a fault: ``AND AND (`` silently becomes an empty query. The analyst
deserves to know instead, so this small scanner walks the query once and reports the first problem
with its column (1-based).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from caseview.search.limits import phrase_too_long, too_deep, too_long, too_many_terms
from caseview.search.schema import QUERY_FIELDS

BINARY_OPERATORS = {"AND", "OR", "ANDNOT", "ANDMAYBE"}
UNARY_OPERATORS = {"NOT"}
_FIELD_PREFIX = re.compile(r"([A-Za-z_]+):")
_FUZZY_SUFFIX = re.compile(r"~(\d*)(?:/\d+)?$")
_DATE_VALUE = re.compile(r"(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?")
_DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


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
    #: For a range, where its inside (between the brackets) starts and ends in the query.
    inside: tuple[int, int] | None = None


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
            chained = _FIELD_PREFIX.match(query, i)
            if chained:
                raise QuerySyntaxError(
                    f"{field}:{chained.group(1)}: one field name per term (write {chained.group(1)}:…)", query, column
                )
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
            if message := phrase_too_long(len(query[i + 1 : close].split())):
                raise QuerySyntaxError(message, query, i + 1)
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
            field = field_match.group(1) if field_match else _field_before(query, i)
            _check_range(query, query[i + 1 : close], i + 1, field)
            inside = (i + 1, close)
            i = close + 1
            tokens.append(_Token("operand", query[start:i], column, inside))
            continue
        # A range may follow a word directly ("x[2026 TO 2027]"): Whoosh reads it as a range, so must we.
        while i < length and not query[i].isspace() and query[i] not in '()"[{':
            i += 1
        word = query[start:i]
        if word in BINARY_OPERATORS:
            tokens.append(_Token("binary", word, column))
        elif word in UNARY_OPERATORS:
            tokens.append(_Token("unary", word, column))
        else:
            _check_word(query, word, column, field_match.group(1) if field_match else None)
            tokens.append(_Token("operand", word, column))
    return tokens


def _field_before(query: str, bracket: int) -> str | None:
    """The field a range is written against when its name ends a longer word (``étattag:date:[…]``)."""
    match = re.search(r"(\w+):$", query[:bracket])
    return match.group(1) if match else None


def whoosh_text(query: str) -> str:
    """``query`` as Whoosh can read it: the space just inside a range's brackets removed.

    Whoosh fails on ``date:[2026 TO ]`` (an empty end after a space) though it reads
    ``date:[2026 TO]``; both mean the same, so the space goes. Call after :func:`check_query`.
    """
    pieces: list[str] = []
    done = 0
    for token in _scan(query):
        if token.inside is not None:
            start, end = token.inside
            pieces.append(query[done:start])
            pieces.append(query[start:end].strip())
            done = end
    pieces.append(query[done:])
    return "".join(pieces)


def _check_word(query: str, word: str, column: int, field: str | None) -> None:
    fuzzy = _FUZZY_SUFFIX.search(word)
    if "~" in word and not fuzzy:
        raise QuerySyntaxError(f"{word!r}: write fuzzy terms as word~ or word~2", query, column)
    if fuzzy and fuzzy.group(1) and not 1 <= int(fuzzy.group(1)) <= 3:
        raise QuerySyntaxError(f"{word!r}: a fuzzy distance must be 1, 2 or 3", query, column)
    core = word.split(":", 1)[-1].rstrip("~0123456789/")
    if core and set(core) <= set("*?"):
        raise QuerySyntaxError(f"{word!r}: a wildcard needs at least one letter", query, column)
    if field and field.lower() == "date" and word:
        # Whoosh turns a date it cannot read into nothing at all, silently: say so instead.
        value = word.split(":", 1)[-1].removesuffix("*")
        if problem := _date_problem(value):
            raise QuerySyntaxError(problem, query, column)


def _check_range(query: str, inner: str, column: int, field: str | None) -> None:
    parts = re.split(r"\s*\bTO\b\s*", inner.strip())
    if len(parts) != 2:
        raise QuerySyntaxError("a range is written [START TO END], e.g. date:[2026-04-01 TO 2026-04-30]", query, column)
    if field and field.lower() == "date":
        if not any(part.strip() for part in parts):
            message = "a date range needs a start, an end or both, e.g. date:[2026-04-01 TO]"
            raise QuerySyntaxError(message, query, column)
        for part in parts:
            if part.strip() and (problem := _date_problem(part.strip())):
                raise QuerySyntaxError(problem, query, column)


def _date_problem(value: str) -> str | None:
    """Why ``value`` is not a date the ``date:`` field can search for, or ``None`` if it is one."""
    match = _DATE_VALUE.fullmatch(value)
    if not match:
        return f"{value!r} is not a date ({_DATE_FORMS})"
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None  # the pattern requires it
    if year < 1:
        return f"{value!r}: there is no year 0000 (years start at 0001)"
    if month is not None and not 1 <= month <= 12:
        return f"{value!r}: there is no month {month:02d} (months are 01 to 12)"
    if month is not None and day is not None:
        try:
            date(year, month, day)
        except ValueError:
            return f"{value!r}: {calendar.month_name[month]} {year} has no day {day:02d}"
    return None


def check_query(query: str) -> None:
    """Raise :class:`QuerySyntaxError` for the first problem in ``query``; return quietly if it is fine."""
    if not query.strip():
        raise QuerySyntaxError("the query is empty", query)
    if message := too_long(len(query)):
        raise QuerySyntaxError(message, query)
    tokens = _scan(query)
    if message := too_many_terms(sum(token.kind == "operand" for token in tokens)):
        raise QuerySyntaxError(message, query)
    depth_columns: list[int] = []
    previous: _Token | None = None
    for token in tokens:
        if token.kind == "binary":
            if previous is None or previous.kind in ("binary", "unary", "open"):
                raise QuerySyntaxError(f"{token.text} needs a search term on its left", query, token.column)
        elif token.kind == "unary" and previous is not None and previous.kind == "unary":
            # Whoosh fails on a doubled NOT; two cancel out, so the analyst means the term itself.
            raise QuerySyntaxError("NOT NOT: write NOT once (two cancel out)", query, previous.column)
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
            if message := too_deep(len(depth_columns)):
                raise QuerySyntaxError(message, query, token.column)
        previous = token
    if previous is not None and previous.kind in ("binary", "unary"):
        raise QuerySyntaxError(f"{previous.text} needs a search term on its right", query, previous.column)
    if depth_columns:
        raise QuerySyntaxError("this ( is never closed", query, depth_columns[-1])
    if not any(token.kind == "operand" for token in tokens):
        raise QuerySyntaxError("the query has operators but nothing to search for", query)
