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


def test_a_misspelt_name_with_the_same_title_and_company_is_merged_with_its_reason(seed_extraction):
    entity = entity_with_alias(seed_extraction, "Scott Besant", EntityType.PERSON)
    assert entity.name == "Scott Bessent" and "Scott Bessent" in entity.aliases
    assert "evidence" in entity.merged_by
    (reason,) = entity.merge_reasons
    assert (reason.alias, reason.into, reason.same_title, reason.same_first_name) == (
        "Scott Besant",
        "Scott Bessent",
        "treasury secretary",
        "Scott",
    )
    assert set(reason.shared_co_mentions) == {"Dario Amodei", "Donald Trump", "Susie Wiles"}
    assert reason.text == "same title and first name, similar surname, 3 shared co-mentions"
    assert not any("Scott Besant" in s.names for s in seed_extraction.suggestions)


ARTICLE_A = (
    "BRISTOL, England — Treasury Secretary Hal Vennick met Governor Ada Quist and Senator Ben Ortho on Monday. "
    "Vennick said the talks went well."
)
ARTICLE_B = (
    "LEEDS, England — Treasury Secretary Hal Venick spoke with Ada Quist and Ben Ortho at a dinner. "
    "Venick declined to comment."
)


def test_a_look_alike_without_enough_evidence_stays_a_suggestion(tmp_path):
    weaker = ARTICLE_B.replace("Ada Quist and Ben Ortho", "Ada Quist").replace("Treasury Secretary", "banker")
    root = write_corpus(tmp_path / "c", {"a.txt": ARTICLE_A, "b.txt": weaker})
    extraction = extract_corpus(read_corpus(root), None)
    vennick = entity_with_alias(extraction, "Hal Vennick")
    venick = entity_with_alias(extraction, "Hal Venick")
    assert vennick.id != venick.id and not vennick.merge_reasons
    assert any(set(s.entity_ids) == {vennick.id, venick.id} for s in extraction.suggestions)


def test_the_same_evidence_in_texts_nobody_tuned_on_merges(tmp_path):
    root = write_corpus(tmp_path / "c", {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B})
    extraction = extract_corpus(read_corpus(root), None)
    entity = entity_with_alias(extraction, "Hal Venick", EntityType.PERSON)
    assert "Hal Vennick" in entity.aliases and "Venick" in entity.aliases
    assert entity.merge_reasons[0].shared_co_mentions == ("Ada Quist", "Ben Ortho")


def test_two_people_sharing_a_surname_are_never_merged(tmp_path):
    root = write_corpus(
        tmp_path / "c",
        {
            "sport.txt": (
                "CHICAGO — Local coach Derek Johnson finished his 20th race on Sunday. "
                "Johnson, 58, said he ran with his former students."
            ),
            "council.txt": (
                "MARLOW, Ky. — Commissioner Alicia Johnson pushed the transit plan on Tuesday. "
                "Johnson said the tax would pay for buses."
            ),
        },
    )
    extraction = extract_corpus(read_corpus(root), None)
    derek = entity_with_alias(extraction, "Derek Johnson", EntityType.PERSON)
    alicia = entity_with_alias(extraction, "Alicia Johnson", EntityType.PERSON)
    assert derek.id != alicia.id
    assert derek.doc_ids == ("sport.txt",) and alicia.doc_ids == ("council.txt",)
    # each lone "Johnson" belongs to the full name of its own document
    assert [m.text for m in derek.mentions] == ["Derek Johnson", "Johnson"]
    assert [m.text for m in alicia.mentions] == ["Alicia Johnson", "Johnson"]


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
    people = [e for e in extraction.entities if any(a.endswith("Quenby") for a in e.aliases)]
    assert sorted(e.name for e in people if e.type is EntityType.PERSON) == ["Ivo Quenby", "Orla Quenby"]
    assert not any("Quenby" in e.aliases and len(e.aliases) > 1 for e in people)  # the lone one joins neither


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


def test_a_bodys_acronym_leaves_out_the_place_its_name_starts_with(tmp_path):
    root = write_corpus(
        tmp_path / "c",
        {
            "a.txt": "The Oregon Department of Environmental Quality opened an investigation on Monday.",
            "b.txt": "The DEQ said it would take samples from the ditch this week.",
        },
    )
    entity = entity_with_alias(extract_corpus(read_corpus(root), None), "DEQ")
    assert entity.name == "Oregon Department of Environmental Quality" and "acronym" in entity.merged_by


def test_the_town_a_council_is_named_after_stays_a_place(tmp_path):
    root = write_corpus(
        tmp_path / "c",
        {"a.txt": "The Brackwell City Council voted 5-2 on Wednesday. The EPA said it would send a team to Brackwell."},
    )
    extraction = extract_corpus(read_corpus(root), None)
    assert entity_with_alias(extraction, "Brackwell").type is EntityType.GPE
    assert "Brackwell" not in entity_with_alias(extraction, "Brackwell City Council").aliases


def test_two_places_the_place_list_knows_apart_are_no_suggestion(tmp_path):
    root = write_corpus(
        tmp_path / "c",
        {
            "a.txt": "Exports to Australia rose in May, the ministry said.",
            "b.txt": "Exports to Austria fell in May, the ministry said.",
        },
    )
    extraction = extract_corpus(read_corpus(root), None)
    names = {frozenset(s.names) for s in extraction.suggestions}
    assert frozenset({"Australia", "Austria"}) not in names
