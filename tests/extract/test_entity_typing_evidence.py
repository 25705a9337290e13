"""Typing names in wire copy: companies that speak, foreign bodies, competitions, "X-based" places,
outlets and persons whose names look like something else. Each test extracts a real article
written to a corpus folder, the way the app reads it."""

from caseview.extract import EntityType, extract_corpus
from tests.extract.extract_helpers import read_corpus, write_corpus


def typed_mentions(tmp_path, text: str) -> dict[str, set[EntityType]]:
    """Each mention's text → the types of the entities holding it (the corpus's final types)."""
    root = write_corpus(tmp_path / "corpus", {"article.txt": text})
    extraction = extract_corpus(read_corpus(root), None)
    result: dict[str, set[EntityType]] = {}
    for entity in extraction.entities:
        if entity.hidden:
            continue
        for mention in entity.mentions:
            result.setdefault(mention.text, set()).add(entity.type)
    return result


def test_a_company_that_speaks_is_typed_by_its_shares_its_chief_and_its_pronoun(tmp_path):
    found = typed_mentions(
        tmp_path,
        "ROTTERDAM, May 2 — A ship of Halmstrand Line lost power in the North Sea on Monday.\n\n"
        'Halmstrand Line said it would pay for the clean-up. "We regret it," Halmstrand said.\n\n'
        "Halmstrand, which operates 40 vessels, saw its shares fall. Halmstrand's chief executive "
        "flew to the port. Shares of Halmstrand fell 4 percent in Oslo.\n",
    )
    assert found["Halmstrand Line"] == {EntityType.ORG}
    assert found["Halmstrand"] == {EntityType.ORG}


def test_a_person_who_speaks_stays_a_person(tmp_path):
    found = typed_mentions(
        tmp_path,
        "ACCRA, May 2 — Kwabena Osei-Tutu said he would appeal the ruling. Kwabena Osei-Tutu, 52, "
        "was fined on Monday.\n",
    )
    assert found["Kwabena Osei-Tutu"] == {EntityType.PERSON}


def test_the_evidence_of_a_company_outweighs_a_product_noun_seen_once(tmp_path):
    found = typed_mentions(
        tmp_path,
        "DUBLIN, June 5 — The regulator fined the messaging app Trellic 20 million euros on Thursday.\n\n"
        "Trellic said it would appeal. Trellic's shares fell 3 percent. Trellic employees had warned "
        "managers in 2021, and Trellic said at the time that it had acted.\n",
    )
    assert found["Trellic"] == {EntityType.ORG}


def test_an_x_based_prefix_is_a_place_and_the_name_after_it_an_organisation(tmp_path):
    found = typed_mentions(
        tmp_path,
        "The Lyon-based Gravette said on Monday it would cut 200 jobs, and the London-listed group's shares fell.\n",
    )
    assert found["Lyon"] == {EntityType.GPE}
    assert found["Gravette"] == {EntityType.ORG}
    assert found["London"] == {EntityType.GPE}
    assert not any("-based" in name or "-listed" in name for name in found)


def test_leagues_cups_and_championships_are_events_but_a_league_of_nations_is_not(tmp_path):
    found = typed_mentions(
        tmp_path,
        "He has played in the Premier League and the Europa League, won the Copa Sudamericana and "
        "the Coupe de France, and will travel to the Sardinia Championships. The Arab League met "
        "in Cairo on Sunday.\n",
    )
    for competition in ("Premier League", "Europa League", "Copa Sudamericana", "Coupe de France"):
        assert found[competition] == {EntityType.EVENT}, competition
    assert found["Sardinia Championships"] == {EntityType.EVENT}
    assert found["Arab League"] == {EntityType.ORG}


def test_foreign_names_whose_head_comes_first_are_bodies(tmp_path):
    found = typed_mentions(
        tmp_path,
        "The Autoridad Portuaria de Vigo closed two berths, the Guardia Civil questioned the captain "
        "and the Xunta de Galicia sent workers. Shares in Banco Ribeira fell, while the Banco Central "
        "de Chile sold dollars. Fans of Atlético Miramar cheered, and the Vereinigung Lotsen union "
        "called a strike.\n",
    )
    assert found["Autoridad Portuaria de Vigo"] == {EntityType.GOV_BODY}
    assert found["Guardia Civil"] == {EntityType.GOV_BODY}
    assert found["Banco Ribeira"] == {EntityType.ORG}
    assert found["Banco Central de Chile"] == {EntityType.GOV_BODY}
    assert found["Atlético Miramar"] == {EntityType.ORG}
    assert found["Vereinigung Lotsen"] == {EntityType.ORG}


def test_a_place_named_alone_is_not_the_short_form_of_the_body_named_after_it(tmp_path):
    found = typed_mentions(
        tmp_path,
        "VIGO, Spain, Nov 12 — The Vigo Port Authority closed two terminals on Tuesday. Ships bound "
        "for Vigo were sent on. A surveyor flew to Vigo.\n",
    )
    assert found["Vigo Port Authority"] == {EntityType.GOV_BODY}
    assert found["Vigo"] == {EntityType.GPE}


def test_an_organisation_noun_before_a_name_types_it_without_an_article(tmp_path):
    found = typed_mentions(
        tmp_path,
        "Rail operator Trenvia said 90 trains were cancelled. Danish broadcaster KTV said so too. "
        "The employers' federation BDX called for a law, and the national police, Carabineros, "
        "said they had made arrests. Analysts at Kestwick said the strike would cost millions.\n",
    )
    assert found["Trenvia"] == {EntityType.ORG}
    assert found["KTV"] == {EntityType.PUBLICATION}
    assert found["BDX"] == {EntityType.ORG}
    assert found["Carabineros"] == {EntityType.GOV_BODY}
    assert found["Kestwick"] == {EntityType.ORG}


def test_an_age_after_a_name_makes_it_a_person(tmp_path):
    found = typed_mentions(
        tmp_path,
        "Imtiaz Qureshi, 41, and Saqib Qureshi, 38, were jailed on Friday. Saqib Qureshi had been "
        "drawn into the scheme, the court heard.\n",
    )
    assert found["Imtiaz Qureshi"] == {EntityType.PERSON}
    assert found["Saqib Qureshi"] == {EntityType.PERSON}


def test_an_outlet_is_typed_by_what_it_published_or_reported_and_keeps_its_the(tmp_path):
    found = typed_mentions(
        tmp_path,
        "The drug cut protein by 46 percent, according to results published last year in The "
        "Ostrava Medical Review. The Halden Courier reported on Monday that the trial would go on.\n",
    )
    assert found["The Ostrava Medical Review"] == {EntityType.PUBLICATION}
    assert found["The Halden Courier"] == {EntityType.PUBLICATION}


def test_a_sentence_first_word_the_text_writes_in_lower_case_is_no_place(tmp_path):
    found = typed_mentions(
        tmp_path,
        "Airport operator Fraport said 90 departures were cut. Families queued at Frankfurt airport for hours.\n",
    )
    assert "Airport" not in found
    assert found["Fraport"] == {EntityType.ORG}


def test_a_head_noun_opening_a_sentence_is_not_the_short_form_of_a_body(tmp_path):
    found = typed_mentions(
        tmp_path,
        "Thieves broke into the Drenthe Museum on Saturday.\n\nMuseum director Jan Smit said he was "
        "shocked. The museum will stay closed.\n",
    )
    assert found["Drenthe Museum"] == {EntityType.ORG}
    assert "Museum" not in found  # the noun before a title, not "the Museum"


def test_a_nationality_before_a_president_is_no_company(tmp_path):
    found = typed_mentions(
        tmp_path, "Brazilian President Luiz Inácio Lula da Silva congratulated the winner on Monday.\n"
    )
    assert "Brazilian" not in found
    assert found["Luiz Inácio Lula da Silva"] == {EntityType.PERSON}


def test_a_person_context_outweighs_a_surname_that_is_a_town_or_a_facility(tmp_path):
    found = typed_mentions(
        tmp_path,
        '"Deals this size are rare," said Priya Raman, an analyst at Jefferies. "Clubs are '
        "outbidding everyone,\" said Tim Bridge, a director in the firm's sports group.\n",
    )
    assert found["Priya Raman"] == {EntityType.PERSON}
    assert found["Tim Bridge"] == {EntityType.PERSON}


def test_two_title_words_before_a_name_are_one_title(tmp_path):
    found = typed_mentions(
        tmp_path, "Detective Inspector Mark Ellison of Greater Manchester Police said officers had the footage.\n"
    )
    assert found["Mark Ellison"] == {EntityType.PERSON}
    assert "Inspector Mark Ellison" not in found


def test_a_republic_of_somewhere_is_a_place(tmp_path):
    found = typed_mentions(tmp_path, "Copper comes from Zambia and the Democratic Republic of Congo.\n")
    assert found["Democratic Republic of Congo"] == {EntityType.GPE}


def test_a_weekday_before_an_outlets_head_word_is_part_of_its_name(tmp_path):
    found = typed_mentions(tmp_path, "The Sunday Telegraph reported on Monday that the club had agreed a fee.\n")
    assert found["The Sunday Telegraph"] == {EntityType.PUBLICATION}


def test_a_place_noun_after_a_name_makes_it_a_place(tmp_path):
    found = typed_mentions(
        tmp_path, "The mine lies in the Ancash region, and the protest began in the Chumbivilcas province.\n"
    )
    assert found["Ancash"] == {EntityType.GPE}
    assert found["Chumbivilcas"] == {EntityType.GPE}


def test_an_untyped_name_listed_after_an_organisation_is_one_but_a_surname_is_not(tmp_path):
    found = typed_mentions(
        tmp_path,
        "The deal is financed by Deutsche Bank and Sarrant Moyes. The report was written by Halvorsen "
        "Freight and Kowalski.\n",
    )
    assert found["Sarrant Moyes"] == {EntityType.ORG}
    assert found.get("Kowalski", {EntityType.UNKNOWN}) != {EntityType.ORG}


def test_a_name_nothing_typed_is_a_place_where_the_text_puts_things_in_it(tmp_path):
    found = typed_mentions(
        tmp_path,
        "Lonza made the trial supplies at its plant in Visp. Workers near Visp said the plant would grow. "
        "Investors bought a stake in Quorvia, and Quorvia, which makes chips, grew.\n",
    )
    assert found["Visp"] == {EntityType.GPE}
    assert found["Quorvia"] == {EntityType.ORG}


def test_connectors_of_other_languages_keep_a_name_whole(tmp_path):
    found = typed_mentions(
        tmp_path,
        "Banco do Brasil fell 2 percent. The environmental group Ecologistas en Acción said the spill "
        "was serious, the regional newspaper Dagblad van het Noorden reported, and Leonardo di Caprio "
        "posted a video.\n",
    )
    assert found["Banco do Brasil"] == {EntityType.ORG}
    assert found["Ecologistas en Acción"] == {EntityType.ORG}
    assert found["Dagblad van het Noorden"] == {EntityType.PUBLICATION}
    assert found["Leonardo di Caprio"] == {EntityType.PERSON}


def test_a_listed_place_after_an_organisation_noun_is_a_club_or_a_company(tmp_path):
    found = typed_mentions(tmp_path, "The striker joined the French side Lens on loan from Crédit Sportif.\n")
    assert found["Lens"] == {EntityType.ORG}


def test_foreign_bank_and_league_words_open_names(tmp_path):
    found = typed_mentions(
        tmp_path, "Crédit Agricole and Deutsche Telekom rose, and Serie A clubs voted to cut wages.\n"
    )
    assert found["Crédit Agricole"] == {EntityType.ORG}
    assert found["Deutsche Telekom"] == {EntityType.ORG}
    assert found["Serie A"] == {EntityType.EVENT}


def test_a_name_ending_in_a_common_word_that_is_no_surname_speaks_as_a_company(tmp_path):
    found = typed_mentions(
        tmp_path, "Norrvik Line said the crossing would resume on Friday. Kwame Brown said he had waited all night.\n"
    )
    assert found["Norrvik Line"] == {EntityType.ORG}
    assert found["Kwame Brown"] == {EntityType.PERSON}


def test_a_lone_word_that_speaks_and_is_no_persons_surname_is_an_organisation(tmp_path):
    found = typed_mentions(
        tmp_path,
        "Turbine maker orders rose this year. Vestrand said the order was the largest in its history.\n\n"
        "Sarah Okafor, who chairs the union, disagreed. Okafor said workers had not been consulted.\n",
    )
    assert found["Vestrand"] == {EntityType.ORG}
    assert found["Okafor"] == {EntityType.PERSON}
