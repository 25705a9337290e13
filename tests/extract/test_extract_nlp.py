"""The optional spaCy backend: skipped when spaCy is not installed. A blank English pipeline with an
entity ruler stands in for a statistical model (no model download needed)."""

import pytest

from caseview.extract import EntityType
from caseview.extract.entities import find_mentions
from caseview.extract.nlp import refine_with_model

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
        ]
    )
    return nlp


def test_the_model_types_an_untyped_chunk(ruler_model):
    text = "Shares of Zorblax Dynamics fell after the report."
    mentions, candidates = refine_with_model(text, *find_mentions(text), ruler_model)
    assert [(m.text, m.type, m.cue) for m in mentions] == [("Zorblax Dynamics", EntityType.ORG, "nlp")]
    assert candidates == []


def test_the_rules_win_where_they_typed_a_mention(ruler_model):
    text = "Anthropic declined to comment."
    mentions, _ = refine_with_model(text, *find_mentions(text), ruler_model)
    assert [(m.text, m.type) for m in mentions] == [("Anthropic", EntityType.ORG)]


def test_the_model_adds_what_the_rules_missed(ruler_model):
    text = "Officials flew to Quellport on Monday."
    mentions, _ = refine_with_model(text, *find_mentions(text), ruler_model)
    assert any(m.text == "Quellport" and m.type is EntityType.GPE and m.cue == "nlp" for m in mentions)
