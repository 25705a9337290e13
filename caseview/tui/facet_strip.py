"""What the facet strip under the search results shows (issue 13, point 11): the facet values with their
counts, fitted into a few lines of a given width — fewer values and an ellipsis where they do not fit,
never a line longer than the width (the strip must not wrap the pane).

Pure: :func:`fit_strip` lays the values out; the widget (``widgets/facet_strip.py``) only draws them.
Facet values are text from the documents, so every label goes through ``kernel.textsafe``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from caseview.kernel.textsafe import one_line
from caseview.workspace.facets import FACETS, FacetName, FacetValue

PieceKind = Literal["facet", "value", "separator", "more"]
#: How a facet is named in the strip; a month ("Apr 2026") says what it is without a name.
STRIP_TITLES: dict[FacetName, str] = {"outlet": "outlet", "month": "", "tag": "tag", "entity": "entity", "format": ""}
VALUE_SEPARATOR = " · "
FACET_SEPARATOR = " │ "
MORE = "…"


@dataclass(frozen=True)
class Piece:
    """A run of text in the strip; a value's piece says which of :attr:`StripLayout.values` it is."""

    text: str
    kind: PieceKind
    index: int | None = None


@dataclass(frozen=True)
class StripLayout:
    """The strip's lines, and the values shown (in the order ←/→ step through them)."""

    lines: tuple[tuple[Piece, ...], ...]
    values: tuple[FacetValue, ...]

    def width(self) -> int:
        return max((sum(len(piece.text) for piece in line) for line in self.lines), default=0)


def _value_text(value: FacetValue, room: int) -> str | None:
    """``Axios 3`` in at most ``room`` characters (the label cut with an ellipsis), None if not even ``A… 3``."""
    label, count = one_line(value.label), f" {value.count}"
    if len(label) + len(count) <= room:
        return label + count
    keep = room - len(count) - len(MORE)
    return label[:keep] + MORE + count if keep >= 1 else None


def fit_strip(
    facets: Mapping[FacetName, Sequence[FacetValue]], width: int, max_lines: int = 2, per_facet: int = 3
) -> StripLayout:
    """The values of each facet (at most ``per_facet`` of each, most documents first) in ``max_lines`` lines
    of at most ``width`` characters: a facet starts on a new line when it does not fit on this one, a value
    that does not fit ends its facet with ``…``, and ``…`` ends the strip when facets are left out."""
    lines: list[list[Piece]] = [[]]
    values: list[FacetValue] = []
    used = 0  # characters on the current line

    def fits(text: str) -> bool:
        return used + len(text) <= width

    def put(text: str, kind: PieceKind, index: int | None = None) -> None:
        nonlocal used
        lines[-1].append(Piece(text, kind, index))
        used += len(text)

    def put_more() -> None:
        if lines[-1] and lines[-1][-1].kind != "more" and fits(" " + MORE):
            put(" " + MORE, "more")

    groups = [(name, list(facets.get(name, ()))) for name in FACETS if facets.get(name)]
    for name, facet_values in groups:
        title = STRIP_TITLES[name] + " " if STRIP_TITLES[name] else ""
        separator = FACET_SEPARATOR if lines[-1] else ""
        first = _value_text(facet_values[0], width - len(title))
        if first is None:
            continue  # too narrow for this facet at all
        if not fits(separator + title + first):
            if len(lines) == max_lines:
                put_more()
                break
            lines.append([])
            used, separator = 0, ""
        if separator:
            put(separator, "separator")
        if title:
            put(title, "facet")
        put(first, "value", len(values))
        values.append(facet_values[0])
        for value in facet_values[1:per_facet]:
            label, count = one_line(value.label), f" {value.count}"
            if not fits(VALUE_SEPARATOR + label + count):
                put_more()  # the picker (F) lists the values left out
                break
            put(VALUE_SEPARATOR, "separator")
            put(label + count, "value", len(values))
            values.append(value)
    return StripLayout(tuple(tuple(line) for line in lines if line), tuple(values))
