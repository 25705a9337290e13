"""Events and time expressions built without pydantic's per-field machinery.

A news article gives some ten of each, from values the rules have already checked, so neither
validation nor ``model_construct`` (which walks all 23 fields of an event, their aliases and
defaults, on every call) is needed: the instance is given exactly the state ``model_construct``
would give it for the same arguments (the defaults of the fields not given, in field order, and
only the given fields marked set). ``tests/extract/test_fast_paths_timex_events.py`` holds both
ways equal, state for state.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from caseview.extract.construct import require_plain, with_state
from caseview.extract.models import EventCandidate, Granularity, Modality, TimeExpression


def _template(model: type[BaseModel]) -> dict[str, object]:
    """Every field in order, with its default (None for the required ones, always given)."""
    for name, field in model.model_fields.items():
        if field.default_factory is not None or field.alias not in (None, name):
            raise TypeError(f"{model.__name__}.{name} needs model_construct (a default factory or an alias)")
    require_plain(model)
    return {
        name: None if field.default is PydanticUndefined else field.default
        for name, field in model.model_fields.items()
    }


_EVENT_TEMPLATE = _template(EventCandidate)
#: The fields :func:`new_event` gives (what the event rules passed to model_construct).
EVENT_GIVEN = frozenset(
    """id evidence_start evidence_end evidence_text action action_start action_end negated actor_mentions
    object_mentions object_text time modality attribution""".split()
)
_TIME_TEMPLATE = _template(TimeExpression)
TIME_GIVEN = frozenset(TimeExpression.model_fields)


def new_event(
    id: str,
    evidence_start: int,
    evidence_end: int,
    evidence_text: str,
    action: str,
    action_start: int,
    action_end: int,
    negated: bool,
    actor_mentions: tuple[tuple[int, int], ...],
    object_mentions: tuple[tuple[int, int], ...],
    object_text: str,
    time: TimeExpression | None,
    modality: Modality,
    attribution: str,
) -> EventCandidate:
    """``EventCandidate.model_construct(...)`` with these fields given, faster."""
    # The template's keys keep their order: the state model_construct gives, field for field.
    values = {
        **_EVENT_TEMPLATE,
        "id": id,
        "evidence_start": evidence_start,
        "evidence_end": evidence_end,
        "evidence_text": evidence_text,
        "action": action,
        "action_start": action_start,
        "action_end": action_end,
        "negated": negated,
        "actor_mentions": actor_mentions,
        "object_mentions": object_mentions,
        "object_text": object_text,
        "time": time,
        "modality": modality,
        "attribution": attribution,
    }
    return with_state(EventCandidate, values, EVENT_GIVEN)


def new_time(
    start: int,
    end: int,
    text: str,
    kind: str,
    start_date: date | None,
    end_date: date | None,
    granularity: Granularity | None,
    vague: bool,
    approximate: bool,
) -> TimeExpression:
    """``TimeExpression.model_construct(...)`` with every field given, faster."""
    # The template's keys keep their order: the state model_construct gives, field for field.
    values = {
        **_TIME_TEMPLATE,
        "start": start,
        "end": end,
        "text": text,
        "kind": kind,
        "start_date": start_date,
        "end_date": end_date,
        "granularity": granularity,
        "vague": vague,
        "approximate": approximate,
    }
    return with_state(TimeExpression, values, TIME_GIVEN)
