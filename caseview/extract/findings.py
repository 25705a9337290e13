"""What the entity rules find in one document before it becomes a model: :class:`_Found`, and the
patterns and word sets the cutting, typing and document steps share.

These names are the rule modules' own (``entities``, ``cutting``, ``segments``, ``document``): the one
job of finding mentions split along its steps, so they share private names; nothing else imports them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from caseview.extract.models import EntityType

_ACRONYM_DEF_RE = re.compile(r" ?\((?P<acr>[A-Z][A-Za-z.&-]{1,8})\)")
_VERSION_RE = re.compile(r"\d{1,2}(?:\.\d{1,2})?")
_EVENT_AFTER_RE = re.compile(r" (?:forum|summit|conference|hearing)(?![\w-])")
#: "Mythos 5 now", "Claude 3.5 is": a small version number after a name (not "5 percent", "9 million").
_VERSION_AFTER_RE = re.compile(
    r" \d{1,2}(?:\.\d{1,2})?(?![\d%:/-]|[.,]\d| ?(?:percent|per|million|billion|thousand|years?|days?|weeks?"
    r"|months?|hours?|minutes?|people|points?|times|seconds?|miles|km|kilometres|kilometers|metres|meters|votes"
    r"|seats|cases)\b)"
)
_EVENT_SUFFIXES = (" forum", " summit", " conference", " hearing")
#: The lower-case particles that may stand inside a name (as in :mod:`caseview.extract.chunker`).
_PARTICLES = frozenset(
    "de du von van der den al bin la le del da dos des do das di della dei delle degli het en".split()
)
_CORPORATE_TITLES = frozenset(
    "ceo cfo cto coo founder co-founder cofounder chairman chairwoman chair spokesman spokeswoman spokesperson "
    "president executive director manager owner".split()
)
_PLACE_TITLES = frozenset(
    "mayor governor senator premier sheriff councillor councilman councilwoman commissioner representative".split()
)
#: Cues too weak to stand against a person's surname in the same document ("Moore" is also a town).
_WEAK_CUES = frozenset(("place-list", "context:in", "first-name", "surname-list"))
#: Weak cues that give way to the start of a longer name the document types: "Pine Ridge" (two
#: surnames) after "Pine Ridge Air", "Baltic" (a place) after "Baltic Rail Logistics".
_SHORT_FORM_CUES = frozenset(("place-list", "surname-list"))
#: Cues that type a name by the verb of speech after it: a person's unless the document types the
#: same name more clearly elsewhere.
_SPEAKER_CUES = frozenset(("context:said",))


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    type: EntityType | None
    cue: str
    gazetteer: str | None = None
    expands_to: str | None = None
    title: str | None = None
    #: A plain word ("Commission", "Analysts"): kept only if the document resolves it to a name.
    plain: bool = False
    #: From a headline or a call-to-action line: a candidate only.
    candidate: bool = False


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``position`` lies in one of ``spans`` (boilerplate, weak lines)."""
    return any(s <= position < e for s, e in spans)
