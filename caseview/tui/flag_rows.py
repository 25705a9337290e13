"""The event flags as the flags screen shows them: each pair of passages with their documents (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from caseview.extract import CorpusExtraction
from caseview.tui.rows import SpanRef

KIND_LABELS = {"contradiction": "contradiction", "development": "development", "number_discrepancy": "numbers differ"}


@dataclass(frozen=True)
class FlaggedPassage:
    """One side of a flag: the event's evidence sentence, where it is, and its document."""

    place: SpanRef
    title: str
    published: str
    action: str


@dataclass(frozen=True)
class FlagRow:
    key: str
    kind: str
    reason: str
    first: FlaggedPassage
    second: FlaggedPassage


def flag_rows(extraction: CorpusExtraction, titles: Mapping[str, str], dates: Mapping[str, str]) -> list[FlagRow]:
    """Every flag whose two events are still known, in the extraction's order."""
    rows = []
    for index, flag in enumerate(extraction.flags):
        sides = []
        for event_id in flag.event_ids:
            event = extraction.event(event_id)
            if event is None:
                break
            place = SpanRef(event.doc_id, event.evidence_start, event.evidence_end, event.evidence_text)
            sides.append(
                FlaggedPassage(place, titles.get(event.doc_id, event.doc_id), dates.get(event.doc_id, ""), event.action)
            )
        if len(sides) == 2:
            rows.append(
                FlagRow(f"flag-{index}", KIND_LABELS.get(flag.kind, flag.kind), flag.reason, sides[0], sides[1])
            )
    return rows
