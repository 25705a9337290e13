"""Where a name starts and ends, and what is no name at all: each case as a real article in tmp_path,
read back as a document and extracted like any other (see issue 14's boundary and filter cases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.extract import EntityType, extract_corpus
from caseview.extract.entities import find_mentions
from tests.extract.extract_helpers import read_corpus, write_corpus


def mentions_in(tmp_path: Path, text: str) -> set[tuple[str, EntityType]]:
    root = write_corpus(tmp_path / "corpus", {"article.txt": text})
    (document,) = read_corpus(root)
    return {(m.text, m.type) for m in find_mentions(document.text)[0]}


def texts_in(tmp_path: Path, text: str) -> set[str]:
    return {name for name, _ in mentions_in(tmp_path, text)}


def test_a_weekday_after_a_place_is_not_part_of_it(tmp_path):
    found = mentions_in(tmp_path, "The envoys met in Geneva Friday and flew to Vienna Monday morning.")
    assert {("Geneva", EntityType.GPE), ("Vienna", EntityType.GPE)} <= found
    assert not any("Friday" in t or "Monday" in t for t, _ in found)


def test_a_month_cuts_a_name_but_not_a_given_name_before_it(tmp_path):
    found = texts_in(tmp_path, "Talks in Brussels December 3 were chaired by Theresa May of Britain.")
    assert "Brussels" in found and "Theresa May" in found
    assert not any("December" in t for t in found)


def test_person_of_organisation_is_two_entities(tmp_path):
    found = mentions_in(tmp_path, "Her lawyer, Rebecca Stahl of Kirkland & Ellis, said she would appeal.")
    assert ("Rebecca Stahl", EntityType.PERSON) in found
    assert ("Kirkland & Ellis", EntityType.ORG) in found


def test_person_of_unknown_firm_gives_the_firm_organisation_type(tmp_path):
    found = mentions_in(tmp_path, "Analysts such as Marta Lindqvist of Nordea Markets were divided.")
    assert {("Marta Lindqvist", EntityType.PERSON), ("Nordea Markets", EntityType.ORG)} <= found


def test_an_institution_keeps_its_of(tmp_path):
    found = mentions_in(
        tmp_path, "Officials at the Public Health Agency of Canada and the Bank of Quellmark disagreed."
    )
    assert ("Public Health Agency of Canada", EntityType.GOV_BODY) in found
    assert ("Bank of Quellmark", EntityType.ORG) in found


def test_an_abbreviation_with_a_period_does_not_cut_a_name(tmp_path):
    found = texts_in(
        tmp_path,
        "Doctors at St. Brennick Children's Hospital in St. Louis said Judge Milan D. Smith Jr. ruled.",
    )
    assert "St. Brennick Children's Hospital" in found
    assert "St. Louis" in found
    assert "Milan D. Smith Jr." in found


def test_an_ampersand_joins_an_organisation_name(tmp_path):
    found = mentions_in(tmp_path, "The deal was advised by Harrow & Vane and by Procter & Gamble.")
    assert {("Harrow & Vane", EntityType.ORG), ("Procter & Gamble", EntityType.ORG)} <= found


def test_letter_and_digit_codes_are_products(tmp_path):
    found = mentions_in(tmp_path, "Solvane struggled to meet demand for its PX-9 line and the F-35 fleet.")
    assert {("PX-9", EntityType.PRODUCT), ("F-35", EntityType.PRODUCT)} <= found


def test_a_title_of_office_missing_from_the_list_still_marks_a_person(tmp_path):
    text = (
        "Police Chief Marcus Bell asked for more money. Committee Chair Denise Alvarado objected, "
        "and Deputy Foreign Minister Vahan Kostanyan said nothing. Goodyear Mayor Joe Pizzillo agreed."
    )
    found = mentions_in(tmp_path, text)
    for name in ("Marcus Bell", "Denise Alvarado", "Vahan Kostanyan", "Joe Pizzillo"):
        assert (name, EntityType.PERSON) in found
    assert ("Goodyear", EntityType.GPE) in found
    assert not any("Chief" in t or "Chair" in t or "Minister" in t or "Mayor" in t for t, _ in found)


def test_a_gazetteer_place_never_cuts_a_longer_name(tmp_path):
    text = "Grants come from the Arizona Commerce Authority and the Chicago Fire Department, not Arizona."
    found = mentions_in(tmp_path, text)
    assert ("Arizona Commerce Authority", EntityType.GOV_BODY) in found
    assert ("Chicago Fire Department", EntityType.GOV_BODY) in found
    assert ("Arizona", EntityType.GPE) in found


def test_an_untyped_name_is_kept_as_unknown(tmp_path):
    found = mentions_in(tmp_path, "The contract with Quorvex was signed in March.")
    assert ("Quorvex", EntityType.UNKNOWN) in found


def test_common_words_demonyms_months_and_weekdays_alone_are_not_entities(tmp_path):
    text = "Kenyan runners won. Measles cases rose on Sunday and in March. Analysts said measles spreads. We'll see."
    found = texts_in(tmp_path, text)
    assert found.isdisjoint({"Kenyan", "Measles", "Sunday", "March", "Analysts", "We'll"})


def test_call_to_action_and_credit_lines_yield_candidates_not_mentions(tmp_path):
    text = (
        "Sign up for the Brightwater Daily Briefing\n"
        "Illustration: Halden Morrow/Axios. Stock: Quarry Images\n"
        "Officials in Denver approved the plan on Tuesday.\n"
    )
    root = write_corpus(tmp_path / "corpus", {"article.txt": text})
    (document,) = read_corpus(root)
    mentions, candidates = find_mentions(document.text)
    assert {m.text for m in mentions} == {"Denver"}
    assert "Brightwater Daily Briefing" in {c.text for c in candidates}


def test_a_title_case_headline_yields_candidates_only(tmp_path):
    text = "Regulators Weigh Tough New Limits On Harbor Dredging\nThe Harbor Board met in Savannah on Monday.\n"
    root = write_corpus(tmp_path / "corpus", {"article.txt": text})
    (document,) = read_corpus(root)
    mentions, candidates = find_mentions(document.text)
    assert {m.text for m in mentions} == {"Harbor Board", "Savannah"}
    assert candidates  # the headline's chunks wait for the corpus to name them


def test_a_dateline_is_a_place(tmp_path):
    found = mentions_in(tmp_path, "MARLOW, Ky., July 23 — Voters will decide in November.")
    assert {("MARLOW", EntityType.GPE), ("Ky.", EntityType.GPE)} <= found


def test_a_short_form_of_an_organisation_takes_its_type(tmp_path):
    text = "Baltic Rail Logistics agreed to the deal. Shares of Baltic Rail rose, and Halvorsen Freight fell."
    found = mentions_in(tmp_path, text)
    assert ("Baltic Rail", EntityType.ORG) in found


def test_the_same_name_typed_in_one_document_types_it_in_another(tmp_path):
    root = write_corpus(
        tmp_path / "corpus",
        {
            "a.txt": "The contract with Quorvex was signed in March.",
            "b.txt": "Quorvex, a logistics company, said profits rose.",
        },
    )
    extraction = extract_corpus(read_corpus(root), None)
    entity = next(e for e in extraction.entities if e.name == "Quorvex")
    assert entity.type is EntityType.ORG and entity.doc_ids == ("a.txt", "b.txt")
    assert "type-vote" in entity.merged_by


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shares of the carmaker Volkswagen fell.", ("Volkswagen", EntityType.ORG)),
        ("Cerebrix, a start-up, makes chips.", ("Cerebrix", EntityType.ORG)),
        ("The study appeared in the journal Nature Astronomy on Monday.", ("Nature Astronomy", EntityType.PUBLICATION)),
        ("Fighting flared near the village of Sotk in September.", ("Sotk", EntityType.GPE)),
        ("A transport analyst at Berenberg was sceptical.", ("Berenberg", EntityType.ORG)),
    ],
)
def test_context_types_an_unknown_name(tmp_path, text, expected):
    assert expected in mentions_in(tmp_path, text)


def test_a_name_listed_after_a_place_is_a_place(tmp_path):
    found = mentions_in(tmp_path, "Firefighters were battling fronts near the towns of Buñol and Chiva on Wednesday.")
    assert {("Buñol", EntityType.GPE), ("Chiva", EntityType.GPE)} <= found


def test_a_road_number_is_not_a_product(tmp_path):
    found = mentions_in(tmp_path, "The fire closed the A-3 motorway near Valencia.")
    assert ("A-3", EntityType.PRODUCT) not in found


def test_a_common_word_and_a_headed_name_are_one_institution(tmp_path):
    found = mentions_in(tmp_path, "Linas Kojala, director of the Geopolitics and Security Studies Center, spoke.")
    assert ("Geopolitics and Security Studies Center", EntityType.ORG) in found
    assert ("Linas Kojala", EntityType.PERSON) in found


def test_the_appositive_head_comes_before_its_preposition(tmp_path):
    found = mentions_in(tmp_path, "The company agreed to buy Lumora, a start-up in Tel Aviv that makes software.")
    assert ("Lumora", EntityType.ORG) in found


def test_an_agency_named_by_its_noun_is_a_government_body(tmp_path):
    found = mentions_in(tmp_path, "The national weather agency AEMET issued a red warning.")
    assert ("AEMET", EntityType.GOV_BODY) in found


def test_person_of_place_is_a_person_and_a_place(tmp_path):
    found = mentions_in(tmp_path, "Kebede was second and Irine Cheptai of Kenya third.")
    assert {("Irine Cheptai", EntityType.PERSON), ("Kenya", EntityType.GPE)} <= found


def test_a_title_names_its_department_too(tmp_path):
    found = mentions_in(tmp_path, "Treasury Secretary Hal Vennick met bankers on Monday.")
    assert {("Treasury", EntityType.GOV_BODY), ("Hal Vennick", EntityType.PERSON)} <= found


def test_a_name_opening_a_headline_chunk_is_kept(tmp_path):
    text = (
        "The logistics company Quorvex plans a depot in Denver.\n**Quorvex Expansion Plans: What Comes Next For It**\n"
    )
    root = write_corpus(tmp_path / "corpus", {"article.txt": text})
    (document,) = read_corpus(root)
    mentions = [m for m in find_mentions(document.text)[0] if m.text == "Quorvex"]
    assert len(mentions) == 2


def test_a_region_named_by_a_modifier_and_a_place_is_a_place(tmp_path):
    """ "New England": a place with a modifier before it, not an organisation."""
    found = mentions_in(tmp_path, "The carrier flies between New England and Canada.")
    assert ("New England", EntityType.GPE) in found


def test_a_water_body_or_region_of_a_place_is_one_place(tmp_path):
    """ "Gulf of Maine" is one place: the gazetteer's "Maine" does not cut it in two."""
    found = mentions_in(tmp_path, "The turboprops fly over the Gulf of Maine and the Bay of Fundy every day.")
    assert ("Gulf of Maine", EntityType.GPE) in found
    assert ("Bay of Fundy", EntityType.GPE) in found
    assert not any(name in ("Gulf", "Maine") for name, _ in found)


def test_a_company_that_speaks_stays_a_company(tmp_path):
    """ "Vexley Bramm said" would make a person of the airline the same article calls a carrier."""
    found = mentions_in(
        tmp_path,
        "Vexley Bramm, a regional carrier, grounded nine planes on Monday.\n\n"
        "Vexley Bramm said the aircraft would return to service within days.",
    )
    assert ("Vexley Bramm", EntityType.ORG) in found
    assert ("Vexley Bramm", EntityType.PERSON) not in found


def test_airlines_and_advisory_firms_are_typed_by_their_last_word(tmp_path):
    found = mentions_in(
        tmp_path, "Analysts at Kestrel Aviation Advisory said Pine Ridge Air had been trying to raise money."
    )
    assert ("Kestrel Aviation Advisory", EntityType.ORG) in found
    assert ("Pine Ridge Air", EntityType.ORG) in found


def test_the_authors_a_byline_names_are_people(tmp_path):
    found = mentions_in(
        tmp_path,
        "Airline grounds turboprops\n\nBy Maren Okafor and Tom Hale\n\nThe airline grounded planes on Monday.\n",
    )
    assert {("Maren Okafor", EntityType.PERSON), ("Tom Hale", EntityType.PERSON)} <= found


def test_a_byline_with_its_outlet_or_role_still_names_its_author(tmp_path):
    found = mentions_in(
        tmp_path,
        "Town told to stop drinking tap water\n\nBy Dana Whitlock, Valley Courier\n\n"
        "By Sam Ferreira, Staff Writer\n\nResidents were told on Sunday to boil water.\n",
    )
    assert {("Dana Whitlock", EntityType.PERSON), ("Sam Ferreira", EntityType.PERSON)} <= found
    assert not any(text in {"Valley Courier", "Staff Writer"} for text, _ in found)  # furniture, not names


@pytest.mark.parametrize(
    "line", ["By Reuters Staff", "By working closely with our friends abroad, we can promote trade."]
)
def test_a_desk_or_a_sentence_after_by_names_no_author(tmp_path, line):
    found = mentions_in(tmp_path, f"A headline about trade\n\n{line}\n\nThe talks went on for hours.\n")
    assert not any(kind is EntityType.PERSON for _, kind in found)


def test_the_start_of_a_company_name_is_the_company_not_two_surnames(tmp_path):
    """ "Pine" and "Ridge" are both surnames; after "Pine Ridge Air" the document means the airline."""
    found = mentions_in(
        tmp_path, "Harborline will ask Pine Ridge Air for the audit. The transfer was a matter for Pine Ridge managers."
    )
    assert ("Pine Ridge", EntityType.ORG) in found
    assert ("Pine Ridge", EntityType.PERSON) not in found


def test_a_maker_and_its_model_code_are_two_names(tmp_path):
    found = mentions_in(tmp_path, "Mechanics signed cards for work on the Pratt & Whitney PW127 engines in January.")
    assert ("Pratt & Whitney", EntityType.ORG) in found
    assert ("PW127", EntityType.PRODUCT) in found


def test_the_address_and_signature_lines_of_a_letter_name_people(tmp_path):
    """Capitalised like a headline, "To: …" and "Signed, …" still name who the letter is to and from."""
    found = mentions_in(
        tmp_path,
        "Letter of Investigation\n\nTo: Dolores Whitcombe, Chief Executive Officer, Pine Ridge Air\n\n"
        "This letter notifies the carrier of an investigation into its records.\n\n"
        "Signed, Anita Kowalczyk, Principal Maintenance Inspector\n",
    )
    assert {("Dolores Whitcombe", EntityType.PERSON), ("Anita Kowalczyk", EntityType.PERSON)} <= found


def test_given_names_from_outside_the_us_make_people(tmp_path):
    found = mentions_in(
        tmp_path,
        "The report was written by Thandiwe Mokoena and Søren Kjær.\n\n"
        "Priya Natarajan\nPublic Affairs, Oregon Department of Environmental Quality\n",
    )
    assert {
        ("Thandiwe Mokoena", EntityType.PERSON),
        ("Søren Kjær", EntityType.PERSON),
        ("Priya Natarajan", EntityType.PERSON),
    } <= found
