"""Counts a document states, with the range its wording allows, and headings events skip."""

from caseview.extract.quantities import compatible, find_quantities
from caseview.extract.sentences import heading_spans


def _counts(text):
    return [(q.text, q.low, q.high, q.counted) for q in find_quantities(text, [])]


def test_counts_and_their_ranges():
    text = (
        "Access covers about 50 organizations. Over 100 US companies were authorised. "
        "The total would reach around 120 entities. At least 3,000 employees left."
    )
    assert _counts(text) == [
        ("about 50 organizations", 42, 58, "organisation"),
        ("Over 100 US companies", 101, None, "organisation"),
        ("around 120 entities", 110, 130, "organisation"),
        ("At least 3,000 employees", 3000, None, "people"),
    ]


def test_total_number_of_names_what_a_bare_count_counts():
    assert _counts("It would bring the total number of entities permitted to use the model to around 120.") == [
        ("around 120", 110, 130, "organisation")
    ]


def test_changes_years_percentages_and_money_are_not_counts():
    text = "It added 70 additional enterprises. In 2025 firms grew 12 percent. It paid 40 million dollars to 3 banks."
    assert _counts(text) == []


def test_compatibility_of_ranges():
    about_50, over_100, about_120 = find_quantities("About 50 firms. More than 100 firms. About 120 firms.", [])
    assert not compatible(about_50, over_100)
    assert compatible(over_100, about_120)


def test_headings_are_found():
    text = (
        "Jury convicts former mayor\n"
        "The jury convicted him on Tuesday.\n"
        "Root of the dispute: an unsigned agreement\n"
        "Body. **Deep Rifts: Political Differences** It grew. **the administration opposed it**, they said.\n"
    )
    found = [text[s:e] for s, e in heading_spans(text)]
    assert found == [
        "Jury convicts former mayor",
        "Root of the dispute: an unsigned agreement",
        "**Deep Rifts: Political Differences**",
    ]


def test_a_single_line_has_no_headline():
    assert heading_spans("The Pentagon signed a deal with OpenAI.") == []


def test_a_count_whose_sentence_names_nothing_takes_the_names_of_the_nearest_named_sentence_before():
    from caseview.extract.pipeline import extract_document

    text = (
        "Anthropic briefed Congress. Nothing more was said. Currently, access covers about 50 organizations. "
        "OpenAI spoke. Then 70 more. Some 200 companies applied."
    )
    found = extract_document(text).quantities
    named = {q.text: [text[s:e] for s, e in q.mention_spans] for q in found}
    assert named == {"about 50 organizations": ["Anthropic", "Congress"], "Some 200 companies": ["OpenAI"]}


def _predicates(text):
    return [(q.text, q.counted, q.predicate) for q in find_quantities(text, [])]


def test_a_count_knows_what_befell_the_things_counted():
    text = (
        "About 200 residents were evacuated. The 120 evacuated residents slept at a school. "
        "Deputies evacuated more than 150 residents. The roughly 200 people evacuated on Tuesday went home. "
        "The airline cancelled up to 75 flights. The company employs about 300 people. A town of 9,000 people."
    )
    assert _predicates(text) == [
        ("About 200 residents", "people", "evacuate"),
        ("120 evacuated residents", "people", "evacuate"),
        ("more than 150 residents", "people", "evacuate"),
        ("roughly 200 people", "people", "evacuate"),
        ("up to 75 flights", "flight", "cancel"),
        ("about 300 people", "people", "employ"),
        ("9,000 people", "people", ""),
    ]


def test_a_count_of_a_thing_of_no_known_kind_is_kept_only_with_what_befell_it():
    assert _predicates("It flew within 15 minutes. Crews grounded 9 planes.") == [("9 planes", "plane", "ground")]
