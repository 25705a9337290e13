"""The case file: the analyst's case — sections of passages, entities, events
and notes, typed links between them — stored safely as ``case.json`` and checked against the corpus.

Modules: ``model`` (the records), ``codec`` (JSON on disk), ``merge`` (concurrent writers),
``operations`` (pure changes), ``store`` (locked, atomic, merged writes), ``citations`` (snapshots of
passages, entities and events), ``resolve`` (the case against the corpus now, flagged),
``service`` (the API the workspace delegates to).
"""

from caseview.casefile.errors import (
    CaseBusy,
    CaseError,
    CaseFileError,
    CaseUsageError,
    NewerCaseFile,
    ReadOnlyCase,
    UnknownItem,
)
from caseview.casefile.model import (
    SCHEMA_VERSION,
    CaseFile,
    Citation,
    EntitySnapshot,
    EventSnapshot,
    Grade,
    MentionRef,
    Relation,
)
from caseview.casefile.resolve import CaseView
from caseview.casefile.service import CaseService

__all__ = [
    "SCHEMA_VERSION",
    "CaseBusy",
    "CaseError",
    "CaseFile",
    "CaseFileError",
    "CaseService",
    "CaseUsageError",
    "CaseView",
    "Citation",
    "EntitySnapshot",
    "EventSnapshot",
    "Grade",
    "MentionRef",
    "NewerCaseFile",
    "ReadOnlyCase",
    "Relation",
    "UnknownItem",
]
