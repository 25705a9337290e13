"""Bad queries are refused with a message that says what is wrong and where."""

import pytest

from caseview.search import QuerySyntaxError, check_query


@pytest.mark.parametrize(
    ("query", "message", "column"),
    [
        ("AND AND (", "AND needs a search term on its left", 1),
        ("mythos OR", "OR needs a search term on its right", 8),
        ("(mythos pentagon", "( is never closed", 1),
        ("mythos)", ") has no matching (", 7),
        ('"supply chain', 'quote " is never closed', 1),
        ("titel:mythos", "unknown field 'titel:'", 1),
        ("title: mythos", "needs a value right after the colon", 1),
        ("bessent~7", "fuzzy distance must be 1, 2 or 3", 1),
        ("date:[april TO may]", "'april' is not a date", 6),
        ("date:[2026-04-01 2026-04-30]", "range is written [START TO END]", 6),
        ("NOT", "NOT needs a search term on its right", 1),
        ("()", "empty parentheses", 1),
        ("*", "wildcard needs at least one letter", 1),
    ],
)
def test_a_bad_query_names_the_problem_and_its_column(query: str, message: str, column: int) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        check_query(query)
    assert message in caught.value.message
    assert caught.value.column == column


def test_an_empty_query_is_refused() -> None:
    with pytest.raises(QuerySyntaxError, match="empty"):
        check_query("   ")


@pytest.mark.parametrize(
    "query",
    [
        '"supply chain risk"',
        "Besant~2",
        "Besant~",
        "title:Mythos AND NOT Pentagon",
        "secur*",
        'entity:"Scott Bessent"',
        "tag:access-expansion",
        "date:[2026-04-01 TO 2026-04-30]",
        "date:[2026 TO]",
        "(hegseth OR wiles) AND mythos",
        "title:(mythos OR claude)",
        "note:contradicts",
    ],
)
def test_valid_queries_pass(query: str) -> None:
    check_query(query)


def test_the_pointer_puts_a_caret_under_the_column() -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        check_query("mythos OR")
    assert caught.value.pointer() == "mythos OR\n       ^"
