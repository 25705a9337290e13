"""Entity mentions in one document: types, offsets, cues and the seeds' traps."""

from caseview.extract import EntityType, extract_document
from caseview.extract.entities import find_mentions


def mentions_of(text):
    return {(m.text, m.type) for m in find_mentions(text)[0]}


def test_every_mention_slices_exactly_to_its_text(seed_documents):
    for doc in seed_documents:
        for mention in extract_document(doc.text).mentions:
            assert doc.text[mention.start : mention.end] == mention.text


def test_offsets_are_code_points_after_non_ascii_text():
    text = "Aïda’s café — “quoted” — then Treasury Secretary Jane Quillfeather spoke."
    mention = next(m for m in find_mentions(text)[0] if m.type is EntityType.PERSON)
    assert text[mention.start : mention.end] == "Jane Quillfeather"


def test_capitalised_title_cue_finds_an_unknown_person_and_leaves_the_title_out():
    found = mentions_of("Yesterday Energy Secretary Orla Venkatesh visited the plant.")
    assert ("Orla Venkatesh", EntityType.PERSON) in found


def test_lowercase_title_cue_finds_a_person():
    found = mentions_of("The plan worried defence secretary Pim Zandvoort about the lab.")
    assert ("Pim Zandvoort", EntityType.PERSON) in found


def test_corporate_title_marks_the_organisation_before_it():
    found = mentions_of("A deal was signed by Quorvex CEO Jane Tallow on Monday.")
    assert ("Jane Tallow", EntityType.PERSON) in found
    assert ("Quorvex", EntityType.ORG) in found


def test_institutional_connectors_keep_a_long_name_whole():
    found = mentions_of("It went to the Office of Fisheries and Coastal Planning for review.")
    assert ("Office of Fisheries and Coastal Planning", EntityType.GOV_BODY) in found


def test_and_between_two_names_does_not_join_them():
    found = mentions_of("Later, Brightwell Labs and Quorvex Group signed.")
    assert ("Brightwell Labs", EntityType.ORG) in found
    assert ("Quorvex Group", EntityType.ORG) in found


def test_acronym_definition_types_the_acronym_like_its_long_form():
    text = "The Bureau of Orbital Safety (BOS) said so. Later BOS changed course."
    mentions = find_mentions(text)[0]
    acronyms = [m for m in mentions if m.text == "BOS"]
    assert len(acronyms) == 2
    assert all(m.type is EntityType.GOV_BODY for m in acronyms)
    assert acronyms[0].expands_to == "Bureau of Orbital Safety"


def test_model_context_cue_marks_a_product():
    found = mentions_of("The lab showed its new Zephyrine model to banks.")
    assert ("Zephyrine", EntityType.PRODUCT) in found


def test_according_to_cue_marks_a_publication():
    found = mentions_of("The talks stalled, according to Kestrelwire.")
    assert ("Kestrelwire", EntityType.PUBLICATION) in found


def test_gazetteer_names_carry_their_cue():
    mention = next(m for m in find_mentions("He told the FT on Monday.")[0] if m.text == "FT")
    assert (mention.type, mention.cue, mention.gazetteer) == (EntityType.PUBLICATION, "gazetteer", "Financial Times")


def test_sentence_initial_capitals_are_not_entities():
    found = {text for text, _ in mentions_of("Meanwhile, the deal held. However, it was late. Cybersecurity matters.")}
    assert found == set()


def test_markdown_bold_inside_a_long_line_does_not_hide_names(seed_documents):
    doc = next(d for d in seed_documents if d.id.startswith("001"))
    found = {(m.text, m.type) for m in find_mentions(doc.text)[0]}
    assert ("Trump administration", EntityType.GOV_BODY) in found  # "**the Trump administration has ..."
    assert not any("Vulnerability" in text or "Bottleneck" in text for text, _ in found)


def test_boilerplate_lines_yield_no_mentions(seed_documents):
    doc = next(d for d in seed_documents if d.id.startswith("000"))
    first_lines_end = doc.text.index("\n", doc.text.index("\n") + 1)
    assert not [m for m in find_mentions(doc.text)[0] if m.start < first_lines_end]


def test_a_product_takes_its_version_number():
    found = mentions_of("Agencies may use Anthropic’s Mythos 5 now.")
    assert ("Mythos 5", EntityType.PRODUCT) in found


def test_surname_alone_is_typed_from_the_full_name_in_the_same_document():
    text = "Officials met Senator Rowan Tesselby on Monday. Later, Tesselby said no."
    mentions = [m for m in find_mentions(text)[0] if m.text == "Tesselby"]
    assert [(m.type, m.cue) for m in mentions] == [(EntityType.PERSON, "surname")]


def test_person_administration_is_a_government_body():
    found = mentions_of("Officials of the Biden administration left.")
    assert ("Biden administration", EntityType.GOV_BODY) in found
