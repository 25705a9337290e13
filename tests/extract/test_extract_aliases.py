"""Corpus-level merging: one entity per real-world thing."""

from caseview.extract import EntityType, extract_corpus
from tests.extract.extract_helpers import read_corpus, write_corpus


def entity_with_alias(extraction, alias, entity_type=None):
    matches = [e for e in extraction.entities if alias in e.aliases and (entity_type is None or e.type is entity_type)]
    assert len(matches) == 1, f"{alias!r} is in {len(matches)} entities"
    return matches[0]


def test_trump_and_president_donald_trump_are_one_person(seed_extraction):
    entity = entity_with_alias(seed_extraction, "Trump", EntityType.PERSON)
    assert entity.name == "Donald Trump"
    assert "Donald Trump" in entity.aliases


def test_trump_administration_is_a_government_body_apart_from_the_person(seed_extraction):
    administration = entity_with_alias(seed_extraction, "Trump administration")
    assert administration.type is EntityType.GOV_BODY
    assert "Trump Admin" in administration.aliases
    assert administration.id != entity_with_alias(seed_extraction, "Donald Trump").id


def test_mythos_claude_mythos_preview_and_mythos_5_are_one_product(seed_extraction):
    entity = entity_with_alias(seed_extraction, "Mythos", EntityType.PRODUCT)
    assert {"Claude Mythos Preview", "Mythos 5"} <= set(entity.aliases)
    assert "Claude" not in entity.aliases


def test_omb_and_office_of_management_and_budget_are_one_body(seed_extraction):
    entity = entity_with_alias(seed_extraction, "OMB")
    assert "Office of Management and Budget" in entity.aliases


def test_nsa_and_national_security_agency_are_one_body(seed_extraction):
    entity = entity_with_alias(seed_extraction, "NSA")
    assert entity.name == "National Security Agency"


def test_ft_and_financial_times_are_one_publication(seed_extraction):
    entity = entity_with_alias(seed_extraction, "FT")
    assert (entity.name, entity.type) == ("Financial Times", EntityType.PUBLICATION)


def test_a_misspelt_name_is_suggested_not_merged(seed_extraction):
    besant = entity_with_alias(seed_extraction, "Scott Besant")
    bessent = entity_with_alias(seed_extraction, "Scott Bessent")
    assert besant.id != bessent.id
    suggestion = next(s for s in seed_extraction.suggestions if set(s.entity_ids) == {besant.id, bessent.id})
    assert 0.8 < suggestion.score < 1


def test_unique_surname_merges_across_documents_without_a_gazetteer(tmp_path):
    root = write_corpus(
        tmp_path / "c",
        {
            "a.txt": "Senator Orla Quenby spoke on Monday about the budget.",
            "b.txt": "The vote, Quenby said, was close. Quenby left early.",
        },
    )
    extraction = extract_corpus(read_corpus(root), None)
    entity = entity_with_alias(extraction, "Quenby")
    assert entity.name == "Orla Quenby"
    assert entity.doc_ids == ("a.txt", "b.txt")
    assert "surname" in entity.merged_by


def test_an_ambiguous_surname_is_not_merged(tmp_path):
    root = write_corpus(
        tmp_path / "c",
        {
            "a.txt": "Senator Orla Quenby spoke. Governor Ivo Quenby listened.",
            "b.txt": "The vote, Quenby said, was close.",
        },
    )
    extraction = extract_corpus(read_corpus(root), None)
    assert not any("Quenby" in e.aliases for e in extraction.entities)


def test_acronym_merges_with_the_only_long_form_that_fits(tmp_path):
    root = write_corpus(
        tmp_path / "c",
        {
            "a.txt": "The Bureau of Orbital Safety published rules.",
            "b.txt": "Officials said the BOS would review them.",
        },
    )
    extraction = extract_corpus(read_corpus(root), None)
    entity = entity_with_alias(extraction, "BOS")
    assert entity.name == "Bureau of Orbital Safety"
    assert "acronym" in entity.merged_by


def test_a_versioned_product_merges_into_its_base_name(tmp_path):
    root = write_corpus(
        tmp_path / "c",
        {
            "a.txt": "The lab showed its new Zephyrine model.",
            "b.txt": "Banks tested the Zephyrine 4 model.",
        },
    )
    extraction = extract_corpus(read_corpus(root), None)
    entity = entity_with_alias(extraction, "Zephyrine 4")
    assert entity.name == "Zephyrine"


def test_entity_ids_are_type_and_slug_of_the_canonical_name(seed_extraction):
    assert entity_with_alias(seed_extraction, "OMB").id == "gov_body:office-of-management-and-budget"
    assert entity_with_alias(seed_extraction, "Scott Bessent").id == "person:scott-bessent"
