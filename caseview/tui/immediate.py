"""Keys handled in the order they were typed, even when they arrive in a burst.

Textual passes every key to the focused widget first and runs a binding only after the key has
bubbled up to the app; by then the keys typed after it may already have been handled by the widget.
For a key that opens a dialog (``x`` then ``csv``) or starts a list's filter, that sends the next
keys to the wrong place. So the widgets that have the focus on the main screen (the lists, the
reader, the text fields) call :func:`handle_in_order` from their ``on_key``:

- once a dialog is open on top, a key that was already on its way here is passed on to the dialog;
- a key with a binding runs that binding at once, before the next key is looked at (the bindings
  still come from the key registry, with their ids, so a user's keymap applies);
- in a text field, a printable key is text, never a command.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input


async def handle_in_order(widget: Widget, event: events.Key) -> bool:
    """Handle ``event`` now if it is a command (or belongs to a dialog opened meanwhile); False if not."""
    app = widget.app
    if widget.screen is not app.screen:
        event.stop()
        event.prevent_default()
        app.screen.post_message(events.Key(event.key, event.character))
        return True
    if isinstance(widget, Input) and event.is_printable:
        return False
    active = widget.screen.active_bindings.get(event.key)
    if active is None or not active.enabled:
        return False
    event.stop()
    event.prevent_default()
    await app.run_action(active.binding.action, active.node)
    return True
