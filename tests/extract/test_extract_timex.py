"""Time expressions: offsets, resolution against the publication date, never into the future."""

from datetime import date

from caseview.extract.models import Granularity
from caseview.extract.timex import find_time_expressions

PUBLISHED = date(2026, 4, 17)  # a Friday


def one(text, published=PUBLISHED):
    found = find_time_expressions(text, published)
    assert len(found) == 1, found
    expression = found[0]
    assert text[expression.start : expression.end] == expression.text
    return expression


def interval(expression):
    return expression.start_date, expression.end_date, expression.granularity


def test_last_week_is_the_previous_monday_to_sunday():
    assert interval(one("Bessent last week summoned bankers.")) == (
        date(2026, 4, 6),
        date(2026, 4, 12),
        Granularity.WEEK,
    )


def test_this_week():
    assert interval(one("The White House is convening companies this week.")) == (
        date(2026, 4, 13),
        date(2026, 4, 19),
        Granularity.WEEK,
    )


def test_earlier_this_month_runs_from_the_first_to_publication():
    assert interval(one("Earlier this month, they met.")) == (date(2026, 4, 1), PUBLISHED, Granularity.MONTH)


def test_in_february_is_the_most_recent_february():
    assert interval(one("Trump in February ordered agencies to stop.")) == (
        date(2026, 2, 1),
        date(2026, 2, 28),
        Granularity.MONTH,
    )


def test_a_bare_month_after_publication_resolves_to_the_year_before():
    expression = one("It began in September.")
    assert expression.start_date == date(2025, 9, 1)


def test_in_early_april_this_year_is_the_first_ten_days():
    assert interval(one("In early April this year, Anthropic released a preview.")) == (
        date(2026, 4, 1),
        date(2026, 4, 10),
        Granularity.MONTH,
    )


def test_on_wednesday_is_the_most_recent_wednesday():
    assert interval(one("Asked at the forum on Wednesday, he said yes.")) == (
        date(2026, 4, 15),
        date(2026, 4, 15),
        Granularity.DAY,
    )


def test_absolute_date_resolves_without_a_publication_date():
    assert interval(one("The order was signed on April 14, 2026.", None)) == (
        date(2026, 4, 14),
        date(2026, 4, 14),
        Granularity.DAY,
    )


def test_relative_expressions_stay_unresolved_without_a_publication_date():
    found = find_time_expressions("Last week and in February and on Wednesday, earlier this month.", None)
    assert [e.text for e in found] == ["Last week", "in February", "on Wednesday", "earlier this month"]
    assert all(not e.resolved for e in found)


def test_recent_weeks_is_found_and_flagged_vague():
    expression = one("It has suffered outages in recent weeks.")
    assert expression.vague and expression.resolved


def test_recently_and_at_some_point_are_vague_and_unresolved():
    found = find_time_expressions("Anthropic recently proposed it; it will happen at some point.", PUBLISHED)
    assert [(e.text, e.vague, e.resolved) for e in found] == [("recently", True, False), ("at some point", True, False)]


def test_nothing_resolves_after_publication_unless_the_words_point_forward():
    texts = [
        "in March",
        "on Friday",
        "in December",
        "last month",
        "on April 3",
        "two weeks ago",
        "in the past two weeks",
    ]
    for text in texts:
        assert one(text).end_date <= PUBLISHED, text
    assert one("next week").start_date > PUBLISHED


def test_quarter_and_year():
    assert interval(one("in the first quarter of 2026")) == (date(2026, 1, 1), date(2026, 3, 31), Granularity.QUARTER)
    assert interval(one("since 2019")) == (date(2019, 1, 1), date(2019, 12, 31), Granularity.YEAR)


def test_may_the_verb_is_not_a_month():
    assert find_time_expressions("It may override the concerns.", PUBLISHED) == ()


# --- publication dates known to the month or the year; dates the text looks forward to


def test_last_week_against_a_month_only_date_is_that_month_approximately():
    from caseview.corpus.pubdate import parse_partial_date

    expression = one("The jury met last week.", parse_partial_date("2026-04"))
    assert interval(expression) == (date(2026, 4, 1), date(2026, 4, 30), Granularity.MONTH)
    assert expression.approximate


def test_a_month_name_against_a_month_only_date_is_exact():
    from caseview.corpus.pubdate import parse_partial_date

    expression = one("He resigned in February.", parse_partial_date("2026-04"))
    assert interval(expression) == (date(2026, 2, 1), date(2026, 2, 28), Granularity.MONTH)
    assert not expression.approximate


def test_last_month_against_a_year_only_date_is_that_year_approximately():
    from caseview.corpus.pubdate import parse_partial_date

    expression = one("They sued last month.", parse_partial_date("2026"))
    assert (expression.start_date, expression.end_date, expression.approximate) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
        True,
    )


def test_a_future_reference_keeps_its_future():
    october = date(2025, 10, 14)
    assert one("Sentencing is set for Feb. 3.", october).start_date == date(2026, 2, 3)
    assert one("The judge scheduled sentencing for Feb. 3.", october).start_date == date(2026, 2, 3)
    assert one("The deal is expected to close in January.", october).start_date == date(2026, 1, 1)
    # Without a forward word the same date is the most recent one.
    assert one("The company was founded on Feb. 3.", october).start_date == date(2025, 2, 3)


def test_a_plan_stated_well_before_its_date_keeps_its_future():
    """An e-mail of 12 March: "will sample" stands 58 characters before "on March 16" (the window was 40)."""
    email = "The DEQ will sample the north ditch and three monitoring wells on March 16."
    assert one(email, date(2026, 3, 12)).start_date == date(2026, 3, 16)


def test_by_a_day_is_a_day_not_a_month():
    expression = one("It plans to notify customers by Jan. 30.", date(2026, 1, 14))
    assert (expression.start_date, expression.granularity) == (date(2026, 1, 30), Granularity.DAY)


def test_a_forward_weekday():
    assert one("He will testify on Monday.", PUBLISHED).start_date == date(2026, 4, 20)


def test_by_a_weekday_after_a_past_perfect_is_a_day_already_past_and_would_points_forward():
    text = (
        "The residents had all returned home by Wednesday night.\n"
        "Furlong said the commissioners would vote on a notification rule in October.\n"
    )
    found = {t.text: (t.start_date, t.end_date) for t in find_time_expressions(text, date(2026, 9, 18))}
    assert found["Wednesday"] == (date(2026, 9, 16), date(2026, 9, 16))
    assert found["in October"] == (date(2026, 10, 1), date(2026, 10, 31))
