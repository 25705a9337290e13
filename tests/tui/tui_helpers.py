"""Helpers for driving the real app with Pilot and reading what the screen shows."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from textual import events
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from caseview.tui.app import CaseviewApp
from caseview.tui.settings import GcPolicy, Settings

WIDE = (120, 40)
NARROW = (80, 24)
#: What most tests need: no folder watcher (tests look for outside changes themselves), no entity
#: extraction, the garbage collector left alone, no user keymap.
LEAN = Settings(watch_interval=None, extraction=False, gc_policy=GcPolicy.LEAVE, keymap_file=None)
#: For the tests of entities, events and mentions.
EXTRACTING = replace(LEAN, extraction=True)


def screen_text(app: CaseviewApp) -> str:
    """What the terminal shows right now, as plain text (one line per row)."""
    update = app.screen._compositor.render_full_update()
    return "\n".join("".join(segment.text for segment in strip) for strip in update.strips)


def widget_text(app: CaseviewApp, selector: str) -> str:
    """What the screen shows inside one widget, its wrapped lines joined by single spaces."""
    region = app.screen.query_one(selector).content_region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(line[region.x : region.right].split()) for line in lines).strip()


async def settle(pilot: Pilot) -> None:
    """Wait until every worker has finished and the screen has caught up with their messages.

    A pane's exclusive worker replaced by a newer one (the case read again once provenance arrives)
    ends cancelled: that is no failure, so the wait goes on for the one that replaced it."""
    app = pilot.app
    for _ in range(5):
        running = [worker for worker in app.workers if worker.is_running]
        if running:
            with contextlib.suppress(WorkerCancelled):  # replaced by a newer one: see the docstring
                await app.workers.wait_for_complete(running)
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            await pilot.pause()
            return


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys, then settle."""
    await pilot.press(*keys)
    await settle(pilot)


async def burst(pilot: Pilot, *keys: str) -> None:
    """Send keys all at once, as a terminal delivers fast typing (``pilot.press`` waits after each key),
    then settle. Single characters are sent as themselves, other names as keys ("enter", "down")."""
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        character = key if len(key) == 1 else {"space": " ", "enter": "\r"}.get(key)
        event = events.Key(key, character)
        event.set_sender(app)
        driver.send_message(event)  # no waiting in between: the keys queue up as a burst
    await settle(pilot)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[("space" if character == " " else character) for character in text])
    await settle(pilot)


def stop_blinking(app: CaseviewApp) -> None:
    """Stop every cursor blinking, on every screen (dialogs too), so snapshots do not depend on the
    blink phase at the moment they are taken."""
    from textual.widgets import Input, TextArea

    for screen in app.screen_stack:
        for widget in screen.query(Input):
            widget.cursor_blink = False
        for widget in screen.query(TextArea):
            widget.cursor_blink = False
