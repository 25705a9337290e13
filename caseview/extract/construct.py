"""Mentions and candidates built without pydantic's per-field machinery.

The rules make some sixty of these per news article from values they have already checked, so
neither validation nor even ``model_construct`` (which walks every field's aliases and defaults)
is needed: the instance is given exactly the state ``model_construct`` would give it, with every
field set. ``tests/extract/test_fast_paths.py`` holds both ways equal, state for state.
"""

from __future__ import annotations

from caseview.extract.models import Candidate, EntityType, Mention

_set = object.__setattr__
_MENTION_FIELDS = frozenset(Mention.model_fields)
_CANDIDATE_FIELDS = frozenset(Candidate.model_fields)
# The shortcut holds for plain models only: no private attributes, no post-init hook, no extras.
for _model in (Mention, Candidate):
    if (
        _model.__pydantic_post_init__
        or _model.__private_attributes__
        or _model.__pydantic_root_model__
        or _model.model_config.get("extra") not in (None, "ignore")
    ):
        raise TypeError(f"{_model.__name__} is no longer a plain model: build it with model_construct")


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
    mention = Mention.__new__(Mention)
    _set(
        mention,
        "__dict__",
        {
            "start": start,
            "end": end,
            "text": text,
            "type": type,
            "cue": cue,
            "gazetteer": gazetteer,
            "expands_to": expands_to,
            "title": title,
        },
    )
    _set(mention, "__pydantic_fields_set__", set(_MENTION_FIELDS))
    _set(mention, "__pydantic_extra__", None)
    _set(mention, "__pydantic_private__", None)
    return mention


def new_candidate(start: int, end: int, text: str, cue: str) -> Candidate:
    """``Candidate.model_construct(...)`` with every field given, faster."""
    candidate = Candidate.__new__(Candidate)
    _set(candidate, "__dict__", {"start": start, "end": end, "text": text, "cue": cue})
    _set(candidate, "__pydantic_fields_set__", set(_CANDIDATE_FIELDS))
    _set(candidate, "__pydantic_extra__", None)
    _set(candidate, "__pydantic_private__", None)
    return candidate
