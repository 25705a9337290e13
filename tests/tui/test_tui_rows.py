"""The panes' view models: extraction rows from the core models, the timeline and entity grouping rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from caseview.tui.rows import (
    EntityRow,
    EventRow,
    SpanRef,
    annotation_counts,
    entities_by_type,
    load_extraction,
    timeline,
)
from caseview.workspace import Workspace


def event(event_id: str, doc_id: str, start: int, when: date | None) -> EventRow:
    return EventRow(
        id=event_id, doc_id=doc_id, start=start, end=start + 5, evidence="", action="", time_text=None, when=when
    )


def test_extraction_becomes_rows_with_mentions_by_document(seed_corpus: Path) -> None:
    workspace = Workspace(seed_corpus)
    workspace.refresh()
    extraction = load_extraction(workspace, lambda done, total: None)
    bessent = extraction.entity("person:scott-bessent")
    assert bessent is not None
    assert bessent.type == "PERSON"
    # The WSJ's "Scott Besant" (002) is merged into Bessent on evidence; mentions are in document order.
    assert [m.text for m in bessent.mentions] == ["Scott Bessent", "Scott Besant", "Scott Bessent"]
    assert [m.doc_id[:3] for m in bessent.mentions] == ["000", "002", "003"]
    assert bessent.document_count == 3
    in_002 = extraction.mentions_by_doc["002_029d7ec1a1d3b899.txt"]
    assert [m.start for m in in_002] == sorted(m.start for m in in_002)


def test_annotations_are_counted_per_document(seed_corpus: Path) -> None:
    workspace = Workspace(seed_corpus)
    workspace.refresh()
    workspace.annotate_quote("003_dcac92be05b45050.txt", "supply chain risk designation", tags=("designation",))
    workspace.annotate_quote("003_dcac92be05b45050.txt", "Mythos", tags=("model",))
    assert annotation_counts(workspace) == {"003_dcac92be05b45050.txt": 2}


def test_timeline_orders_by_date_then_document_order_with_undated_last() -> None:
    events = [
        event("late", "b", 0, date(2026, 5, 1)),
        event("undated-b", "b", 10, None),
        event("early-b", "b", 50, date(2026, 4, 1)),
        event("early-a", "a", 90, date(2026, 4, 1)),
        event("undated-a", "a", 5, None),
    ]
    ordered = timeline(events, {"a": 0, "b": 1})
    assert [e.id for e in ordered] == ["early-a", "early-b", "late", "undated-a", "undated-b"]


def test_entities_group_by_type_largest_group_first_then_by_mentions() -> None:
    def entity(name: str, kind: str, mentions: int) -> EntityRow:
        return EntityRow(
            id=name, name=name, type=kind, aliases=(), mentions=tuple(SpanRef("d", i, i + 1) for i in range(mentions))
        )

    groups = entities_by_type([entity("A", "ORG", 1), entity("B", "PERSON", 1), entity("C", "PERSON", 5)])
    assert [(kind, [e.name for e in members]) for kind, members in groups] == [("PERSON", ["C", "B"]), ("ORG", ["A"])]
