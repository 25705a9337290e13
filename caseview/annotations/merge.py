"""Applying one change to the annotations on disk without losing anybody's work; see ARCHITECTURE.md, safe writes.

Pure functions. Every write reads the file as it is *now* (under its lock) and applies the
writer's change to it, judged by revisions: each change names the revision it was based on.

- an edit based on the current revision replaces it;
- an edit based on an older revision (someone else edited since) keeps both: the new version
  becomes current and the other one is kept in its ``conflicts`` for the analyst to settle;
- a delete leaves a tombstone; a delete of a revision that was edited since is refused
  (an edit beats a delete), and an edit of a deleted annotation brings it back;
- anchor updates (from re-anchoring) apply only to the revision they were computed for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from caseview.annotations.jsonld import AnnotationFile, Tombstone
from caseview.annotations.model import AnchorState, Annotation


@dataclass(frozen=True)
class Put:
    """Write ``annotation``, which was derived from ``base_rev`` (None: a new annotation)."""

    annotation: Annotation
    base_rev: str | None


@dataclass(frozen=True)
class Delete:
    annotation_id: str
    base_rev: str
    by: str
    at: datetime


@dataclass(frozen=True)
class SetAnchor:
    """Record a re-anchoring result; not a change of the analyst's content, so no new revision."""

    annotation_id: str
    rev: str
    anchor: AnchorState


Change = Put | Delete | SetAnchor
OutcomeKind = Literal["applied", "conflict", "resurrected", "kept-edit", "unchanged"]


@dataclass(frozen=True)
class Outcome:
    kind: OutcomeKind
    annotation_id: str
    message: str = ""
    #: The annotation as it is after the change (None when it is deleted).
    result: Annotation | None = None


def _replace(content: AnnotationFile, annotation: Annotation) -> AnnotationFile:
    items = tuple(annotation if a.id == annotation.id else a for a in content.annotations)
    return content.model_copy(update={"annotations": items})


def _add(content: AnnotationFile, annotation: Annotation) -> AnnotationFile:
    tombstones = tuple(t for t in content.tombstones if t.id != annotation.id)
    return content.model_copy(update={"annotations": content.annotations + (annotation,), "tombstones": tombstones})


def _with_conflict(mine: Annotation, theirs: Annotation) -> Annotation:
    """``mine`` as current, every other version (theirs and what either already held) kept aside."""
    kept: list[Annotation] = []
    seen = {mine.rev}
    for version in (theirs.model_copy(update={"conflicts": ()}), *theirs.conflicts, *mine.conflicts):
        if version.rev not in seen:
            seen.add(version.rev)
            kept.append(version)
    return mine.model_copy(update={"conflicts": tuple(kept)})


def apply_change(content: AnnotationFile, change: Change) -> tuple[AnnotationFile, Outcome]:
    """``content`` with ``change`` merged in, and what happened."""
    if isinstance(change, Put):
        return _apply_put(content, change)
    if isinstance(change, Delete):
        return _apply_delete(content, change)
    return _apply_anchor(content, change)


def _apply_put(content: AnnotationFile, change: Put) -> tuple[AnnotationFile, Outcome]:
    mine = change.annotation
    current = content.get(mine.id)
    if current is None:
        if content.tombstone(mine.id) is not None:
            return _add(content, mine), Outcome(
                "resurrected", mine.id, "it had been deleted; an edit beats a delete, so it is back", mine
            )
        return _add(content, mine), Outcome("applied", mine.id, result=mine)
    if current.rev == mine.rev:
        return content, Outcome("unchanged", mine.id, result=current)
    if current.rev == change.base_rev:
        return _replace(content, mine), Outcome("applied", mine.id, result=mine)
    merged = _with_conflict(mine, current)
    return _replace(content, merged), Outcome(
        "conflict", mine.id, "it was also changed elsewhere; both versions are kept, please choose one", merged
    )


def _apply_delete(content: AnnotationFile, change: Delete) -> tuple[AnnotationFile, Outcome]:
    current = content.get(change.annotation_id)
    if current is None:
        return content, Outcome("unchanged", change.annotation_id, "already deleted")
    if current.rev != change.base_rev:
        return content, Outcome(
            "kept-edit",
            change.annotation_id,
            "not deleted: it was edited elsewhere meanwhile (an edit beats a delete)",
            current,
        )
    tombstone = Tombstone(id=current.id, rev=current.rev, deleted=change.at, by=change.by)
    items = tuple(a for a in content.annotations if a.id != current.id)
    tombstones = tuple(t for t in content.tombstones if t.id != current.id) + (tombstone,)
    return (content.model_copy(update={"annotations": items, "tombstones": tombstones}), Outcome("applied", current.id))


def _apply_anchor(content: AnnotationFile, change: SetAnchor) -> tuple[AnnotationFile, Outcome]:
    current = content.get(change.annotation_id)
    if current is None or current.rev != change.rev or current.anchor == change.anchor:
        return content, Outcome("unchanged", change.annotation_id, result=current)
    updated = current.model_copy(update={"anchor": change.anchor})
    return _replace(content, updated), Outcome("applied", current.id, result=updated)
