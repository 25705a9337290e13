"""Optional statistical backend: ``pip install 'caseview[nlp]'`` plus a spaCy model.

Used only when ``spacy`` and a model (``$CASEVIEW_SPACY_MODEL``, default ``en_core_web_sm``) can be
imported, and not when ``CASEVIEW_NLP=0``. The rules stay in charge: a model entity never changes
a mention the rules typed; it only types an untyped candidate it covers, or adds a mention (cue
``nlp``) where the rules found nothing. Merging is the same as without it.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from typing import Any

from caseview.extract.models import Candidate, EntityType, Mention
from caseview.extract.sentences import boilerplate_spans

#: spaCy (OntoNotes) labels → ours. Labels not listed (NORP, DATE, MONEY, LAW, …) are ignored.
LABELS = {
    "PERSON": EntityType.PERSON,
    "ORG": EntityType.ORG,
    "GPE": EntityType.GPE,
    "LOC": EntityType.GPE,
    "PRODUCT": EntityType.PRODUCT,
    "EVENT": EntityType.EVENT,
}


@cache
def load_model() -> Any | None:
    """The spaCy pipeline, or None when spaCy or the model is missing (or ``CASEVIEW_NLP=0``)."""
    if os.environ.get("CASEVIEW_NLP", "1") == "0":
        return None
    name = os.environ.get("CASEVIEW_SPACY_MODEL", "en_core_web_sm")
    # Importing spaCy takes a second or more: only do it when the model is there to be loaded.
    if importlib.util.find_spec("spacy") is None or (
        importlib.util.find_spec(name) is None and not os.path.isdir(name)
    ):
        return None
    try:
        import spacy

        return spacy.load(name, exclude=["parser", "lemmatizer", "textcat"])
    except (OSError, ImportError, ValueError):
        return None


def backend_tag() -> str:
    """Part of the cache key: which model (if any) took part in extraction."""
    model = load_model()
    if model is None:
        return "rules"
    return f"nlp-{model.meta.get('name', '?')}-{model.meta.get('version', '?')}"


def refine_with_model(
    text: str, mentions: list[Mention], candidates: list[Candidate], nlp: Any
) -> tuple[list[Mention], list[Candidate]]:
    """Combine the model's entities with the rules' mentions (the rules win every overlap)."""
    skipped = boilerplate_spans(text)
    typed = sorted(mentions, key=lambda m: m.start)
    kept_candidates: list[Candidate] = []
    model_spans = []
    for ent in nlp(text).ents:
        label = LABELS.get(ent.label_)
        start, end = ent.start_char, ent.end_char
        if text.startswith(("the ", "The "), start) and end - start > 4:
            start += 4
        if label is not None and not any(s <= start < e for s, e in skipped):
            model_spans.append((start, end, label))
    # The model's boundaries replace an untyped chunk's ("Shares of Zorblax Dynamics" → "Zorblax Dynamics").
    for candidate in candidates:
        if not any(s < candidate.end and candidate.start < e for s, e, _ in model_spans):
            kept_candidates.append(candidate)
    added: list[Mention] = []
    occupied = [(m.start, m.end) for m in typed]
    for start, end, label in model_spans:
        if not any(s < end and start < e for s, e in occupied):
            added.append(Mention(start=start, end=end, text=text[start:end], type=label, cue="nlp"))
            occupied.append((start, end))
    return sorted(typed + added, key=lambda m: m.start), kept_candidates
