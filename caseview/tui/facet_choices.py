"""The choices of the facets picker (``F`` in the sources pane): facet values with their counts, then
recent and saved searches, and "save this search". A choice's key says what picking it does."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from textual.content import Content

from caseview.tui.dialogs.choice import Choice
from caseview.tui.render import MUTED, one_line
from caseview.workspace.facets import FACETS, FacetName, FacetValue
from caseview.workspace.saved_searches import Searches

PickKind = Literal["narrow", "run", "save"]
_FACET_TITLES = {"outlet": "outlet", "month": "date", "tag": "tag", "entity": "entity", "format": "format"}


@dataclass(frozen=True)
class FacetPick:
    """What a picked choice does: narrow the search by a clause, run a query, or save the search."""

    kind: PickKind
    text: str = ""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.text}"

    @classmethod
    def of(cls, key: str) -> FacetPick:
        kind, _, text = key.partition(":")
        if kind == "narrow":
            return cls("narrow", text)
        if kind == "run":
            return cls("run", text)
        if kind == "save":
            return cls("save", text)
        raise ValueError(f"not a facet choice: {key!r}")


def facet_choices(facets: Mapping[FacetName, Sequence[FacetValue]], searches: Searches, query: str) -> list[Choice]:
    """``outlet  Axios  3`` rows for every facet value, then the recent and saved searches."""
    choices: list[Choice] = []
    for name in FACETS:
        for value in facets.get(name, ()):
            label = Content.assemble(
                Content(f"{_FACET_TITLES[name]:<7} ").stylize(MUTED),
                Content(one_line(value.label)).stylize("bold"),
                Content(f"  {value.count}").stylize("$text-accent"),
            )
            choices.append(Choice(FacetPick("narrow", value.clause).key, label, f"{_FACET_TITLES[name]} {value.label}"))
    for saved in searches.saved:
        label = Content.assemble(
            Content("saved   ").stylize(MUTED),
            Content(one_line(saved.name)).stylize("bold"),
            Content(f"  {one_line(saved.query)}").stylize(MUTED),
        )
        choices.append(Choice(FacetPick("run", saved.query).key, label, f"saved {saved.name} {saved.query}"))
    for recent in searches.recent:
        label = Content.assemble(Content("recent  ").stylize(MUTED), Content(one_line(recent)))
        choices.append(Choice(FacetPick("run", recent).key, label, f"recent {recent}"))
    if query.strip():
        label = Content.assemble(Content("+ save this search ").stylize("bold"), Content(f"“{one_line(query)}”"))
        choices.append(Choice(FacetPick("save", query).key, label, "save this search"))
    return choices
