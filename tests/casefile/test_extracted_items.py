"""Entities and events from the extraction (issue: entities and events) put into the case as snapshots.

The extraction lives on its own branch; these run once it is merged (the workspace then has
``entities()`` and ``events()``), and are skipped before. Without it, entities are added by name.
"""

from __future__ import annotations

import pytest

from caseview.casefile import CaseService, CaseUsageError
from caseview.workspace import Workspace
from tests.casefile.scripted import DOC_003

needs_extraction = pytest.mark.skipif(not hasattr(Workspace, "entities"), reason="the extraction is not merged yet")


def test_without_the_extraction_an_extracted_entity_is_refused_with_advice(case_service: CaseService) -> None:
    if case_service.has_extraction:
        pytest.skip("this build has the extraction")
    with pytest.raises(CaseUsageError, match="not part of this build"):
        case_service.add_extracted_entity("Scott Bessent")


@needs_extraction
def test_an_extracted_entity_found_by_surname_keeps_type_and_mentions(case_service: CaseService) -> None:
    item = case_service.add_extracted_entity("Bessent", role="Treasury Secretary")
    assert (item.entity.name, item.entity.type, item.role) == ("Scott Bessent", "PERSON", "Treasury Secretary")
    assert DOC_003 in {m.doc_id for m in item.entity.mentions} and item.entity_id.startswith("person:")


@needs_extraction
def test_an_ambiguous_entity_name_lists_the_candidates(workspace: Workspace, case_service: CaseService) -> None:
    entities = workspace.entities(include_hidden=True)
    names = {n.casefold() for e in entities for n in (e.name, *e.aliases)}
    words: dict[str, set[str]] = {}
    for entity in entities:
        for word in {w.casefold() for n in (entity.name, *entity.aliases) for w in n.split()}:
            words.setdefault(word, set()).add(entity.id)
    shared = sorted(w for w, ids in words.items() if len(ids) > 1 and w not in names and w.isalpha())
    with pytest.raises(CaseUsageError, match="could be"):
        case_service.add_extracted_entity(shared[0])


@needs_extraction
def test_an_extracted_event_keeps_its_evidence_and_date_as_written(workspace: Workspace,
                                                                   case_service: CaseService) -> None:
    event = next(e for e in workspace.events() if e.time is not None)
    item = case_service.add_extracted_event(event.id)
    assert item.event.text == event.evidence_text and item.event.time_text == event.time.text
    assert item.event_id == event.id and (item.event.start, item.event.end) == (event.evidence_start, event.evidence_end)


@needs_extraction
def test_an_extracted_event_is_exported_in_the_timeline(workspace: Workspace, case_service: CaseService) -> None:
    event = next(e for e in workspace.events() if e.time is not None)
    case_service.add_extracted_event(event.id)
    memo = workspace.export_case("md")
    assert f"| {event.time.text} |" in memo[memo.index("## Timeline of events"):]
