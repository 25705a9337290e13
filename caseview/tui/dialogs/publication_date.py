"""Set, correct or clear a document's publication date: one line, checked before it is saved.

The line starts with the date as it is known now ("2026-04" for a month); enter saves what is
typed (``2026-04-17``, ``2026-04`` or ``2026``), an empty line clears the date, escape changes
nothing. A date that is not one of those three shapes is refused in the dialog with its reason,
so only a valid date ever reaches the sidecar.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from caseview.tui.dialogs.base import Dialog
from caseview.tui.keys import spec
from caseview.tui.render import MUTED, one_line
from caseview.workspace.pubdates import BadPublicationDate, checked_publication_date


@dataclass(frozen=True)
class DateAnswer:
    """What to store: ``value`` is "2026-04" and the like, or None to clear the date."""

    value: str | None


class PublicationDateDialog(Dialog[DateAnswer | None]):
    """Returns the date to store (or to clear), or None when cancelled."""

    DEFAULT_CLASSES = "choice-dialog"
    AUTO_FOCUS = "#date-answer"
    BINDINGS: ClassVar[list[BindingType]] = [spec("dialog-cancel").binding()]

    def __init__(self, title: str, current: str | None, known: str) -> None:
        """``title``: the document's; ``current``: its date as stored ("2026-04"), if any; ``known``:
        how it is known now ("April 2026 · set by the analyst", "undated")."""
        super().__init__()
        self.document_title = title
        self.current = current
        self.known = known

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-short"):
            yield Static(
                Content.assemble(
                    Content("Publication date of ").stylize("bold"), Content(f"“{one_line(self.document_title)}”")
                ),
                classes="dialog-title",
                markup=False,
            )
            yield Static(Content(f"now: {one_line(self.known)}").stylize(MUTED), markup=False)
            yield Input(self.current or "", placeholder="2026-04-17, 2026-04 or 2026", id="date-answer")
            yield Static(
                Content("enter saves · empty clears the date · esc cancels").stylize(MUTED),
                classes="dialog-hint",
                id="date-hint",
                markup=False,
            )

    @on(Input.Submitted, "#date-answer")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            publication = checked_publication_date(event.value)
        except BadPublicationDate as error:
            self.query_one("#date-hint", Static).update(Content(one_line(str(error))).stylize("bold red"))
            return
        self.dismiss(DateAnswer(publication.iso() if publication is not None else None))

    def action_cancel(self) -> None:
        self.dismiss(None)
