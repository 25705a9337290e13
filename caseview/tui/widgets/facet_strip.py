"""The facet counts under the search results (issue 13, point 11): ``outlet Axios 3 · FT 2 │ Apr 2026 4``.

The sources pane counts them in its worker after each search and hands them over with
:meth:`FacetStrip.show`; ``v`` there moves the focus here, ←/→ choose a value, enter posts
:class:`FacetStrip.Picked` (the pane narrows the search, or widens it again for a value in use) and
escape goes back to the results. The layout is :func:`caseview.tui.facet_strip.fit_strip`'s, for the
strip's width at each draw, so it never wraps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from caseview.tui.facet_strip import StripLayout, fit_strip
from caseview.tui.immediate import handle_in_order
from caseview.tui.keys import Scope, bindings
from caseview.tui.render import MUTED
from caseview.workspace.facets import FacetName, FacetValue


@dataclass
class FacetsCounted(Message):
    """The facets of the results of ``query`` (counted in the sources pane's worker)."""

    query: str
    facets: Mapping[FacetName, Sequence[FacetValue]]


class FacetStrip(Widget, can_focus=True):
    """One or two lines of facet values with counts; the highlighted one is picked with enter."""

    DEFAULT_CSS = """
    FacetStrip { height: auto; max-height: 2; padding: 0 1; display: none; }
    FacetStrip.-shown { display: block; }
    """
    BINDINGS = bindings(Scope.FACET_STRIP)

    @dataclass
    class Picked(Message):
        """Enter on a value: narrow the search to ``value`` (or stop narrowing, when ``active``)."""

        value: FacetValue
        active: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.query_text = ""
        self.facets: Mapping[FacetName, Sequence[FacetValue]] = {}
        self.selected = 0

    def show(self, query: str, facets: Mapping[FacetName, Sequence[FacetValue]]) -> None:
        """Show the facets of ``query``'s results (hidden when there is none to show)."""
        self.query_text, self.facets, self.selected = query, facets, 0
        self.set_class(any(facets.values()), "-shown")
        self.refresh(layout=True)

    def clear(self) -> None:
        self.show("", {})

    def layout_now(self) -> StripLayout:
        return fit_strip(self.facets, max(self.content_region.width, 1) if self.is_mounted else 80)

    @property
    def values(self) -> tuple[FacetValue, ...]:
        return self.layout_now().values

    def is_active(self, value: FacetValue) -> bool:
        """A value the query is already kept to (its clause is in the search line)."""
        return value.clause in self.query_text

    def render(self) -> Content:
        layout = self.layout_now()
        lines = []
        for line in layout.lines:
            parts = []
            for piece in line:
                text = Content(piece.text)
                if piece.kind == "value" and piece.index is not None:
                    value = layout.values[piece.index]
                    label, _, count = piece.text.rpartition(" ")
                    style = "bold underline" if self.is_active(value) else ""
                    text = Content.assemble(Content(label).stylize(style), " ", Content(count).stylize("$text-accent"))
                    if self.has_focus and piece.index == self.selected:
                        text = text.stylize("reverse")
                elif piece.kind != "value":
                    text = text.stylize(MUTED)
                parts.append(text)
            lines.append(Content.assemble(*parts))
        return Content("\n").join(lines)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(fit_strip(self.facets, max(width, 1)).lines)

    async def on_key(self, event: events.Key) -> None:
        await handle_in_order(self, event)  # enter then more keys: the search starts before they are read

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_step(self, delta: int) -> None:
        count = len(self.values)
        if count:
            self.selected = max(0, min(count - 1, self.selected + delta))
            self.refresh()

    def action_pick(self) -> None:
        values = self.values
        if values:
            value = values[min(self.selected, len(values) - 1)]
            self.post_message(self.Picked(value, self.is_active(value)))

    def action_leave(self) -> None:
        self.post_message(self.Left())

    @dataclass
    class Left(Message):
        """Escape: the pane puts the focus back on the results."""
