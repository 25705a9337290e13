"""Typing natural features named head first ("Lake X", "Mount X", "Mt. X", "Cape X", "Isla X", "Lago X"),
political parties, speaking companies and month-named people in wire copy. Each test extracts a real
article written to a corpus folder, the way the app reads it."""

from caseview.extract import EntityType
from tests.extract.test_entity_typing_evidence import typed_mentions


def test_a_lake_a_mountain_and_a_cape_named_head_first_are_places(tmp_path):
    found = typed_mentions(
        tmp_path,
        "NAIROBI, May 2 — Catches on Lake Corran fell on Monday. Lake Corran lies below Mount Kenya, and a "
        "storm hit Cape Mireval and Isla Tornera. Boats on Lago Verdano stayed in port. Two climbers on "
        "Mt. Elgon were rescued.\n",
    )
    for name in ("Lake Corran", "Mount Kenya", "Cape Mireval", "Isla Tornera", "Lago Verdano", "Mt. Elgon"):
        assert found.get(name) == {EntityType.GPE}, (name, found.get(name))


def test_a_park_named_after_a_mountain_is_not_cut_by_the_mountain(tmp_path):
    found = typed_mentions(
        tmp_path,
        "NANYUKI, May 2 — Rangers in Mount Kenya National Park counted 40 elephants on Monday.\n",
    )
    assert "Mount Kenya National Park" in found
    assert "Mount" not in found and "National Park" not in found


def test_a_month_that_is_a_given_name_stays_in_a_list_of_people_but_a_date_still_cuts(tmp_path):
    found = typed_mentions(
        tmp_path,
        "BRAMPTON, May 2 — Council members Arturo Vega, June Okafor and Hal Simmons voted against the plan. "
        "In June Halvern said it would build a plant there.\n",
    )
    assert found.get("June Okafor") == {EntityType.PERSON}
    assert "Okafor" not in found
    assert "June Halvern" not in found and "In June Halvern" not in found
    assert "Halvern" in found


def test_which_has_with_a_past_participle_is_organisation_evidence(tmp_path):
    found = typed_mentions(
        tmp_path,
        "DAYTON, Ohio, May 2 — Halvern Coatings, which has run a plant in the city since 1978, will close it "
        "next year. Halvern Coatings said the cost of power was too high.\n",
    )
    assert found.get("Halvern Coatings") == {EntityType.ORG}


def test_an_industry_noun_opening_the_sentence_types_the_company_after_it(tmp_path):
    found = typed_mentions(
        tmp_path,
        "HAMILTON, Ontario, May 2 — Steelmaker Varnholt will close its coke plant next year.\n\n"
        "Insurer Calloway raised its prices on Monday.\n",
    )
    assert found.get("Varnholt") == {EntityType.ORG}
    assert found.get("Calloway") == {EntityType.ORG}
    assert "Steelmaker Varnholt" not in found and "Insurer Calloway" not in found


def test_a_plural_nationality_is_no_entity_and_parties_named_head_first_are_organisations(tmp_path):
    found = typed_mentions(
        tmp_path,
        "QUITO, May 2 — Peruvians watched the vote on Sunday. The Movimiento Cívico Serrano won the most "
        "seats and will talk to the Frente Amplio Andino and the Green Party this week.\n",
    )
    assert "Peruvians" not in found
    for party in ("Movimiento Cívico Serrano", "Frente Amplio Andino", "Green Party"):
        assert found.get(party) == {EntityType.ORG}, (party, found.get(party))
