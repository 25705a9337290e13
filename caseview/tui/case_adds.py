"""Putting an extracted entity or event into the case file from any pane (issue 13, point 16).

Each returns the ``ChangeDone`` a pane's :meth:`~caseview.tui.widgets.pane.Pane.run_change` (or a
screen's worker) posts: the case pane reloads and highlights the new item.
"""

from __future__ import annotations

from caseview.tui.messages import ChangeDone, Reload
from caseview.tui.render import shorten
from caseview.workspace import Workspace

CASE: frozenset[Reload] = frozenset({"case"})


def add_entity(workspace: Workspace, entity_id: str, name: str) -> ChangeDone:
    """Add the extracted entity (its aliases and mentions as the extraction knows them now)."""
    item = workspace.case().add_extracted_entity(entity_id)
    return ChangeDone(f"Added “{shorten(name, 50)}” to the case file (entity)", CASE, highlight=item.id)


def add_event(workspace: Workspace, event_id: str, evidence: str) -> ChangeDone:
    """Add the extracted event with its evidence sentence and its date as written and resolved."""
    item = workspace.case().add_extracted_event(event_id)
    return ChangeDone(f"Added the event “{shorten(evidence, 50)}” to the case file", CASE, highlight=item.id)
