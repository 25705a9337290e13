"""Refusing a correction that would do nothing or the wrong thing, with a message that says why.

:func:`apply_corrections` silently skips corrections that no longer apply (that is right for old
corrections after the corpus changed). A *new* one is checked here first, against the entities
and suggestions the analyst is looking at, so a typo in an id or an alias is an error, not a no-op.
"""

from __future__ import annotations

import difflib

from caseview.extract.aliases import name_key
from caseview.extract.corrections import CorrectionsError
from caseview.extract.models import CorpusExtraction, Correction, Entity, EntityType

OPERATIONS: tuple[str, ...] = Correction.model_fields["op"].annotation.__args__  # type: ignore[union-attr]
_PAIRS = ("accept", "reject")
_SINGLE = ("split", "rename", "retype", "hide", "unhide")


def check_correction(
    op: str,
    extraction: CorpusExtraction,
    entity_ids: list[str],
    value: str | None = None,
    entity_type: EntityType | str | None = None,
) -> None:
    """Raise :class:`CorrectionsError` naming the problem when the correction cannot be made as asked."""
    if op not in OPERATIONS:
        raise CorrectionsError(f"unknown correction {op!r}; use one of: {', '.join(OPERATIONS)}")
    by_id = {entity.id: entity for entity in extraction.entities}
    for entity_id in entity_ids:
        if entity_id not in by_id:
            raise CorrectionsError(_unknown(entity_id, by_id))
    if len(set(entity_ids)) != len(entity_ids):
        raise CorrectionsError(f"{op}: an entity id is given twice")
    if op == "merge" and len(entity_ids) < 2:
        raise CorrectionsError("merge needs two or more entity ids")
    if op in _PAIRS:
        _check_pair(op, extraction, entity_ids)
    if op in _SINGLE and len(entity_ids) != 1:
        raise CorrectionsError(f"{op} takes one entity id, not {len(entity_ids)}")
    if op == "split":
        _check_split(by_id[entity_ids[0]], value)
    elif op == "rename" and not (value and value.strip()):
        raise CorrectionsError("rename needs the new name")
    elif op == "retype":
        _check_type(entity_type)


def _unknown(entity_id: str, by_id: dict[str, Entity]) -> str:
    message = f"no entity with id {entity_id}"
    close = difflib.get_close_matches(entity_id, list(by_id), n=2, cutoff=0.8)
    if close:
        message += " (did you mean " + " or ".join(close) + "?)"
    return message + "; 'caseview entities' lists them"


def _check_pair(op: str, extraction: CorpusExtraction, entity_ids: list[str]) -> None:
    if len(entity_ids) != 2:
        raise CorrectionsError(f"{op} needs the two entity ids of a suggested merge")
    if not any(set(s.entity_ids) == set(entity_ids) for s in extraction.suggestions):
        hint = "merge them with 'merge'" if op == "accept" else "there is nothing to reject"
        raise CorrectionsError(
            f"{entity_ids[0]} and {entity_ids[1]} are not a pending suggested merge "
            f"('caseview entities --suggestions' lists them); {hint}"
        )


def _check_split(entity: Entity, alias: str | None) -> None:
    if not (alias and alias.strip()):
        raise CorrectionsError("split needs the alias to split off")
    key = name_key(alias)
    matching = [m for m in entity.mentions if name_key(m.text) == key]
    if not matching:
        names = "; ".join(sorted({m.text for m in entity.mentions}))
        raise CorrectionsError(
            f"{entity.name} [{entity.id}] is never mentioned as {alias!r}; it is mentioned as: {names}"
        )
    if len(matching) == len(entity.mentions):
        raise CorrectionsError(
            f"every mention of {entity.name} [{entity.id}] is {alias!r}: nothing would be left; rename it instead"
        )


def _check_type(entity_type: EntityType | str | None) -> None:
    choices = ", ".join(t.value for t in EntityType)
    if entity_type is None:
        raise CorrectionsError(f"retype needs a type: {choices}")
    try:
        EntityType(str(entity_type).upper())
    except ValueError:
        raise CorrectionsError(f"unknown entity type {entity_type!r}; use one of {choices}") from None
