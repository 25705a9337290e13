"""Entities and events from the extraction put into the case as snapshots (name, type, mentions;
evidence, date as written and resolved), so the case exports them without recomputing anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.casefile import CaseService, CaseUsageError
from caseview.cli import main
from caseview.workspace import Workspace
from tests.casefile.scripted import DOC_003


def test_an_extracted_entity_found_by_surname_keeps_type_and_mentions(case_service: CaseService) -> None:
    item = case_service.add_extracted_entity("Bessent", role="Treasury Secretary")
    assert (item.entity.name, item.entity.type, item.role) == ("Scott Bessent", "PERSON", "Treasury Secretary")
    assert DOC_003 in {m.doc_id for m in item.entity.mentions} and item.entity_id.startswith("person:")


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


def test_an_extracted_event_keeps_its_evidence_and_date_as_written(
    workspace: Workspace, case_service: CaseService
) -> None:
    event = next(e for e in workspace.events() if e.time is not None)
    item = case_service.add_extracted_event(event.id)
    assert item.event.text == event.evidence_text and item.event.time_text == event.time.text
    assert item.event_id == event.id and (item.event.start, item.event.end) == (
        event.evidence_start,
        event.evidence_end,
    )


def test_an_extracted_event_is_exported_in_the_timeline(workspace: Workspace, case_service: CaseService) -> None:
    event = next(e for e in workspace.events() if e.time is not None)
    case_service.add_extracted_event(event.id)
    memo = workspace.export_case("md")
    assert f"| {event.time.text} |" in memo[memo.index("## Timeline of events") :]


def test_an_unknown_entity_suggests_describing_it(case_service: CaseService) -> None:
    with pytest.raises(CaseUsageError, match="--manual"):
        case_service.add_extracted_entity("Nobody Anyone Knows")


def test_the_cli_adds_the_extracted_entity_by_surname(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["case", str(prepared_seed_corpus), "add", "entity", "Bessent", "--role", "Treasury"]) == 0
    assert "Scott Bessent — Treasury" in capsys.readouterr().out


def test_the_cli_adds_an_extracted_event_by_id(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    event = workspace.events()[0]
    assert main(["case", str(workspace.root), "add", "event", event.id]) == 0
    assert "added #1" in capsys.readouterr().out
