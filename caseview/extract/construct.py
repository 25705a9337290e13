"""Mentions and candidates built without pydantic's per-field machinery.

The rules make some sixty of these per news article from values they have already checked, so
neither validation nor even ``model_construct`` (which walks every field's aliases and defaults)
is needed: the instance is given exactly the state ``model_construct`` would give it, with every
field set. ``tests/extract/test_fast_paths.py`` holds both ways equal, state for state.
"""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel

from caseview.extract.models import Candidate, EntityType, Mention

_set = object.__setattr__
_Model = TypeVar("_Model", bound=BaseModel)


def require_plain(model: type[BaseModel]) -> None:
    """Raise unless ``model`` is a plain model (no private attributes, post-init hook or extras): only
    for those is setting the state directly what ``model_construct`` does."""
    if (
        model.__pydantic_post_init__
        or model.__private_attributes__
        or model.__pydantic_root_model__
        or model.model_config.get("extra") not in (None, "ignore")
    ):
        raise TypeError(f"{model.__name__} is no longer a plain model: build it with model_construct")


def with_state(model: type[_Model], values: dict[str, object], fields_set: frozenset[str]) -> _Model:
    """An instance of the plain ``model`` whose state is ``values`` (every field, in field order), with
    ``fields_set`` marked as given: the state ``model_construct`` leaves."""
    instance = model.__new__(model)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", set(fields_set))
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance


_MENTION_FIELDS = frozenset(Mention.model_fields)
_CANDIDATE_FIELDS = frozenset(Candidate.model_fields)
require_plain(Mention)
require_plain(Candidate)


def new_mention(
    start: int,
    end: int,
    text: str,
    type: EntityType,
    cue: str,
    gazetteer: str | None,
    expands_to: str | None,
    title: str | None,
) -> Mention:
    """``Mention.model_construct(...)`` with every field given, faster."""
    values: dict[str, object] = {
        "start": start,
        "end": end,
        "text": text,
        "type": type,
        "cue": cue,
        "gazetteer": gazetteer,
        "expands_to": expands_to,
        "title": title,
    }
    return with_state(Mention, values, _MENTION_FIELDS)


def new_candidate(start: int, end: int, text: str, cue: str) -> Candidate:
    """``Candidate.model_construct(...)`` with every field given, faster."""
    return with_state(Candidate, {"start": start, "end": end, "text": text, "cue": cue}, _CANDIDATE_FIELDS)
