"""The terminal jail in the app: no pane, dialog or title shows a raw control character from a hostile corpus.

Every screen the walk below reaches is rendered in full (the compositor's strips, segment by segment,
as Textual hands them to the terminal) and searched for escape and control characters; the app's title
and subtitle (what Textual may send as the window title) too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from caseview.tui.app import CaseviewApp, make_app
from tests.hostile.corpus import RAW_CONTROL, build_hostile_corpus
from tests.tui.tui_helpers import EXTRACTING, WIDE, press, settle, type_text

#: The hostile fields as the jail shows them: each must have been on screen somewhere in the walk.
SHOWN = [
    "␛[31mREDTEXT",  # the outlet
    "␛]0;PWNED␇report",  # the file name
    "Ann␛[1mBold",  # the author
    "note ␛]0;PWNED␇␛[41mBG",  # an annotation's note
    "Subject ␛]0;PWNED␇␛[32mGREEN",  # an e-mail's subject, its title
    "Section ␛]0;PWNED␇",  # a case section
]
_screens: list[str] = []


def _leaks(app: CaseviewApp, where: str) -> list[str]:
    """Raw control characters on the screen now (segment text), each with where it was seen."""
    found = []
    update = app.screen._compositor.render_full_update()
    lines = ["".join(segment.text for segment in strip) for strip in update.strips]
    _screens.append("\n".join(lines))
    for row, line in enumerate(lines):
        for match in RAW_CONTROL.finditer(line):
            found.append(f"{where}, row {row}: {line[max(0, match.start() - 20) : match.end() + 20]!r}")
    for name, value in (("title", app.title), ("sub_title", app.sub_title)):
        if RAW_CONTROL.search(value):
            found.append(f"{where}: app.{name} = {value!r}")
    return found


@pytest.fixture
def hostile_app(tmp_path: Path) -> CaseviewApp:
    return make_app(build_hostile_corpus(tmp_path / "hostile"), settings=EXTRACTING)


async def test_no_pane_or_dialog_shows_a_raw_control_character(hostile_app: CaseviewApp) -> None:
    """Walks the sources, each document in the reader, its annotations, entities, events, case, review,
    help, search and export: guards issue 12's "an outlet colours the screen, a title sets the window title"."""
    app = hostile_app
    leaks: list[str] = []
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        leaks += _leaks(app, "start")
        for row in range(3):
            await press(pilot, "1", "g", *(["j"] * row), "enter")
            leaks += _leaks(app, f"document {row} in the reader")
            await press(pilot, "right_square_bracket", "enter")
            leaks += _leaks(app, f"annotation details of document {row}")
            await press(pilot, "escape")
        for key, where in (("3", "entities"), ("4", "events"), ("5", "case file")):
            await press(pilot, key)
            leaks += _leaks(app, where)
            await press(pilot, "enter")
            leaks += _leaks(app, f"{where}, first row opened")
            await press(pilot, "escape")
        await press(pilot, "R")
        leaks += _leaks(app, "review queue")
        await press(pilot, "escape")
        await press(pilot, "question_mark")
        leaks += _leaks(app, "help")
        await press(pilot, "escape")
        await press(pilot, "slash")
        await type_text(pilot, "mythos")
        await press(pilot, "enter")
        leaks += _leaks(app, "search results")
        await press(pilot, "escape", "x")
        leaks += _leaks(app, "export dialog")
        await press(pilot, "escape")
    assert leaks == [], "\n".join(leaks)
    seen = "\n".join(_screens)
    assert [marker for marker in SHOWN if marker not in seen] == []
