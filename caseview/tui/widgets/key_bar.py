"""The footer: the keys that work where the focus is, from the same bindings the help screen lists.

Textual's ``Footer`` rebuilds a widget per key every time the focus moves, which makes the whole
screen lay out and redraw; this bar redraws one line of text instead. Clicking a key runs it.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Static

from caseview.tui.render import MUTED


class KeyBar(Static):
    """One line: ``key description`` for every shown binding in the focus chain, and the palette key."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self._show_keys()

    def _show_keys(self) -> None:
        parts: list[Content] = []
        seen_actions: set[str] = set()
        palette = None
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if key == self.app.COMMAND_PALETTE_BINDING:
                palette = binding
                continue
            if not binding.show or binding.action in seen_actions:
                continue
            seen_actions.add(binding.action)
            parts.append(self._key(binding.key, self.app.get_key_display(binding), binding.description, enabled))
        line = Content(" ").join(parts)
        if palette is not None:
            right = self._key(palette.key, self.app.get_key_display(palette), "palette", True)
            room = self.size.width - line.cell_length - right.cell_length
            line = Content.assemble(line, " " * max(1, room), right)
        self.update(line, layout=False)

    def _key(self, key: str, display: str, description: str, enabled: bool) -> Content:
        click = Style.from_meta({"@click": f"app.simulate_key({key!r})"})
        key_style = "bold $text-accent" if enabled else MUTED
        return Content.assemble(
            Content(f" {display} ").stylize(key_style),
            Content(description).stylize("" if enabled else MUTED),
        ).stylize(click)

    def on_resize(self) -> None:
        self._show_keys()
