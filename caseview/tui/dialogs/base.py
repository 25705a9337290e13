"""What every dialog shares: it owns the keyboard from the moment it is pushed.

A dialog is pushed by a key press; the keys typed right after it (``x`` then ``csv``) may arrive
before Textual has moved the focus into the new screen. Those keys land on the dialog screen itself
(never on the screen behind it, which is no longer active), and :meth:`Dialog.on_key` puts the
printable ones into the widget that is meant to have the focus, so none is lost.
"""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from caseview.tui.render import one_line

T = TypeVar("T")


def dialog_title(verb: str, subject: str) -> Content:
    """``Tag “the passage…”``: the verb bold, the (untrusted) subject literal."""
    return Content.assemble(Content(verb + " ").stylize("bold"), Content(f"“{one_line(subject)}”"))


class Dialog(ModalScreen[T]):
    """A modal screen whose ``AUTO_FOCUS`` widget receives every key typed before the focus got there."""

    async def on_key(self, event: events.Key) -> None:
        character = event.character
        if not character or not character.isprintable() or not self.AUTO_FOCUS:
            return
        target = self.query(self.AUTO_FOCUS).first()
        if isinstance(target, Input):
            target.select_on_focus = False  # the analyst is typing: keep what was typed, not a selection
            target.insert_text_at_cursor(character)
        elif isinstance(target, TextArea):
            target.insert(character)
        else:
            return
        event.stop()
        event.prevent_default()
        if self.focused is not target:
            target.focus()
