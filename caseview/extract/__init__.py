"""Entities, time expressions and events, extracted by rules (offline, fast) and merged across the corpus.

Entry points: :func:`extract_document` (pure: text + publication date) and :func:`extract_corpus`
(cached per document content under ``<derived_dir>/extract/``, analyst corrections re-applied).
"""

from caseview.extract.corrections import (
    CORRECTIONS_FILE,
    CorrectionsError,
    add_correction,
    apply_corrections,
    corrections_path,
    load_corrections,
    make_correction,
)
from caseview.extract.models import (
    CorpusExtraction,
    Correction,
    DocMention,
    DocumentExtraction,
    Entity,
    EntityType,
    EventCandidate,
    EventCluster,
    EventFlag,
    Granularity,
    Mention,
    MergeReason,
    MergeSuggestion,
    TimeExpression,
)
from caseview.extract.pipeline import assemble_corpus, extract_corpus, extract_document, index_names_by_document

__all__ = [
    "CORRECTIONS_FILE",
    "CorpusExtraction",
    "Correction",
    "CorrectionsError",
    "DocMention",
    "DocumentExtraction",
    "Entity",
    "EntityType",
    "EventCandidate",
    "EventCluster",
    "EventFlag",
    "Granularity",
    "Mention",
    "MergeReason",
    "MergeSuggestion",
    "TimeExpression",
    "add_correction",
    "apply_corrections",
    "assemble_corpus",
    "corrections_path",
    "extract_corpus",
    "extract_document",
    "index_names_by_document",
    "load_corrections",
    "make_correction",
]
