"""Fitting the facet counts into the strip under the results: never wider than the pane, fewer values
and an ellipsis where they do not fit, at most two lines; labels are made terminal-safe."""

from __future__ import annotations

from caseview.tui.facet_strip import fit_strip
from caseview.workspace.facets import FacetName, FacetValue, narrowed, without


def value(facet: FacetName, label: str, count: int) -> FacetValue:
    return FacetValue(facet, label, count, f'{facet}:"{label}"')


FACETS: dict[FacetName, list[FacetValue]] = {
    "outlet": [value("outlet", "Axios", 3), value("outlet", "FT", 2), value("outlet", "Reuters", 1)],
    "month": [value("month", "Apr 2026", 4)],
    "tag": [value("tag", "designation", 2)],
    "format": [value("format", "pdf", 1)],
}


def lines_of(width: int, max_lines: int = 2) -> list[str]:
    layout = fit_strip(FACETS, width, max_lines)
    return ["".join(piece.text for piece in line) for line in layout.lines]


def test_everything_on_one_line_when_it_fits() -> None:
    assert lines_of(120) == ["outlet Axios 3 · FT 2 · Reuters 1 │ Apr 2026 4 │ tag designation 2 │ pdf 1"]


def test_narrow_fewer_values_and_an_ellipsis_never_wider() -> None:
    """At 32 columns: a facet goes to the second line, values cut with " …"; the rest is left out."""
    for width in range(8, 90):
        for text in lines_of(width):
            assert len(text) <= width, (width, text)
    assert lines_of(32) == ["outlet Axios 3 · FT 2 …", "Apr 2026 4 │ tag designation 2 …"]
    assert lines_of(30) == ["outlet Axios 3 · FT 2 …", "Apr 2026 4 │ tag designation 2"]  # no room for "…"
    assert lines_of(32, max_lines=1) == ["outlet Axios 3 · FT 2 …"]


def test_values_are_numbered_in_the_order_shown() -> None:
    """←/→ step through the values shown: their order in the layout is the order on screen."""
    layout = fit_strip(FACETS, 32)
    shown = [layout.values[p.index].label for line in layout.lines for p in line if p.index is not None]
    assert shown == [v.label for v in layout.values] == ["Axios", "FT", "Apr 2026", "designation"]


def test_a_long_or_hostile_label_is_cut_and_made_safe() -> None:
    """A label longer than the strip is cut with "…"; control characters never reach the terminal."""
    facets: dict[FacetName, list[FacetValue]] = {"outlet": [value("outlet", "\x1b[31mEvil\nOutlet Name Here", 2)]}
    layout = fit_strip(facets, 20)
    text = "".join(piece.text for piece in layout.lines[0])
    assert "\x1b" not in text and "\n" not in text and len(text) <= 20
    assert text.startswith("outlet ") and text.endswith("… 2")


def test_without_takes_away_what_narrowed_added() -> None:
    once = narrowed("Anthropic", 'outlet:"FT"')
    twice = narrowed(once, "date:[2026-04-01 TO 2026-04-30]")
    assert without(once, 'outlet:"FT"') == "Anthropic"
    assert without(twice, "date:[2026-04-01 TO 2026-04-30]") == once
    assert without(twice, 'outlet:"FT"') == "((Anthropic)) AND date:[2026-04-01 TO 2026-04-30]"
    assert without('outlet:"FT"', 'outlet:"FT"') == ""
    assert without("(a) AND (b)", "x") == "(a) AND (b)"
