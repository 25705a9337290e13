"""Names of news outlets and agencies, and their canonical form ("the FT" → "Financial Times")."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def outlet_aliases() -> dict[str, str]:
    """Every way of naming an outlet (as written, case-sensitive) → its canonical name."""
    data = json.loads(resources.files("caseview.provenance").joinpath("outlets.json").read_text("utf-8"))
    aliases: dict[str, str] = {}
    for canonical, names in data["outlets"].items():
        aliases[canonical] = canonical
        for name in names:
            aliases[name.removeprefix("the ").removeprefix("The ")] = canonical
            aliases[name] = canonical
    return aliases


@lru_cache(maxsize=1)
def outlet_pattern() -> str:
    """A regular-expression alternation of every alias, longest first, whole words only."""
    names = sorted(outlet_aliases(), key=len, reverse=True)
    return r"(?<![\w])(?:" + "|".join(re.escape(name) for name in names) + r")(?![\w])"


def canonical_outlet(name: str | None) -> str | None:
    """The canonical name of an outlet as written anywhere (metadata, a citation); unknown names as given."""
    if not name:
        return None
    stripped = " ".join(name.split())
    aliases = outlet_aliases()
    for candidate in (stripped, stripped.removeprefix("the ").removeprefix("The ")):
        if candidate in aliases:
            return aliases[candidate]
    return stripped


def is_known_outlet(name: str) -> bool:
    """Whether ``name`` is one of the outlets of ``outlets.json`` (in any of its spellings)."""
    stripped = " ".join(name.split())
    aliases = outlet_aliases()
    return stripped in aliases or stripped.removeprefix("the ").removeprefix("The ") in aliases
