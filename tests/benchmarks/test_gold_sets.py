"""Every entity gold set the quality harness scores is well formed: its file parses, its documents exist,
and each labelled surface occurs, as a whole word with its case, in the text it labels (a surface that
never occurs is a typo that silently shrinks the gold)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from benchmarks.extract_eval import ENTITY_SETS, gold_mentions
from caseview.extract.models import EntityType

LABEL_KEYS = {"text", "type", "entity"}
GOLD_TYPES = {t.value for t in EntityType} - {EntityType.UNKNOWN.value}


def label_problems(text: str, labels: list[dict]) -> list[str]:
    """What is wrong with one document's labels: missing keys, a type caseview has no gold for, a surface
    labelled twice, a surface that does not occur in ``text`` as a whole word."""
    problems = []
    seen: set[str] = set()
    for label in labels:
        if set(label) != LABEL_KEYS:
            problems.append(f"keys {sorted(label)}")
            continue
        surface = label["text"]
        if label["type"] not in GOLD_TYPES:
            problems.append(f"{surface!r}: type {label['type']!r}")
        if not label["entity"]:
            problems.append(f"{surface!r}: no entity")
        if surface in seen:
            problems.append(f"{surface!r}: labelled twice")
        seen.add(surface)
        if not re.search(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            problems.append(f"{surface!r}: not in the text")
    return problems


@pytest.mark.parametrize("name", sorted(ENTITY_SETS))
def test_gold_set_parses_and_every_surface_occurs_in_its_text(name: str) -> None:
    folder, gold_file = ENTITY_SETS[name]
    gold = json.loads(gold_file.read_text("utf-8"))
    assert isinstance(gold["_comment"], str) and gold["_comment"]
    assert gold["documents"], name
    for doc_id, labels in gold["documents"].items():
        path = Path(folder) / doc_id
        assert path.is_file(), f"{name}: {doc_id} has gold but no text"
        text = path.read_text("utf-8")
        assert label_problems(text, labels) == [], f"{name}: {doc_id}"
        assert gold_mentions(text, labels), f"{name}: {doc_id} yields no gold mention"


def test_heldout_e_is_registered_with_its_ten_articles_all_labelled() -> None:
    folder, gold_file = ENTITY_SETS["news_heldout_e"]
    gold = json.loads(gold_file.read_text("utf-8"))
    texts = sorted(p.name for p in Path(folder).glob("*.txt"))
    assert len(texts) == 10
    assert sorted(gold["documents"]) == texts


def test_label_problems_names_a_misspelt_a_duplicated_and_a_mistyped_label() -> None:
    text = "Kyklades Lines said the Aegean Dawn left Piraeus."
    labels = [
        {"text": "Kyklades Lines", "type": "ORG", "entity": "Kyklades Lines"},
        {"text": "Kykaldes", "type": "ORG", "entity": "Kyklades Lines"},
        {"text": "Piraeus", "type": "GPE", "entity": "Piraeus"},
        {"text": "Piraeus", "type": "GPE", "entity": "Piraeus"},
        {"text": "Aegean Dawn", "type": "SHIP", "entity": "Aegean Dawn"},
        {"text": "Lines", "type": "ORG"},
        {"text": "Dawn lef", "type": "ORG", "entity": "x"},
    ]
    assert label_problems(text, labels) == [
        "'Kykaldes': not in the text",
        "'Piraeus': labelled twice",
        "'Aegean Dawn': type 'SHIP'",
        "keys ['text', 'type']",
        "'Dawn lef': not in the text",
    ]
