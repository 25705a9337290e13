"""An annotation's quote, tags, note, anchoring state and case links; read in the dialog's own worker."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from caseview.annotations.model import Annotation
from caseview.casefile.model import CaseFile, PassageItem
from caseview.kernel.textsafe import printable
from caseview.tui.dialogs.base import Dialog
from caseview.tui.keys import Scope, bindings
from caseview.tui.render import MUTED, one_line, shorten
from caseview.tui.workers import start_worker


def case_lines(case: CaseFile, annotation_id: str) -> list[str]:
    """Where the annotation is in the case file, and the links of those items, in words."""
    lines = []
    numbers = case.numbers()  # the stable numbers the case pane shows (issue 13, bug 6)
    for item in case.items:
        if isinstance(item, PassageItem) and item.annotation_id == annotation_id:
            section = case.section(item.section)
            lines.append(f"#{numbers.get(item.id, '?')} in section “{section.title if section else item.section}”")
            for link in case.links_of(item.id):
                other = link.target if link.source == item.id else link.source
                direction = "→" if link.source == item.id else "←"
                lines.append(
                    f"   {direction} {link.relation.value} #{numbers.get(other, '?')}"
                    + (f": {link.note}" if link.note else "")
                )
    return lines


def details_content(annotation: Annotation, links: Sequence[str]) -> Content:
    """An annotation's quote, tags, note, anchoring state and case links; all data goes in literally."""

    def row(label: str, value: Content | str) -> list[Content | str]:
        return [Content(f"{label:<8}").stylize(MUTED), value if isinstance(value, Content) else Content(value), "\n"]

    tags = (
        Content(", ").join(Content(one_line(tag)).stylize("bold $text-accent") for tag in annotation.tags)
        if annotation.tags
        else Content("none").stylize(MUTED)
    )
    note = Content(printable(annotation.note)) if annotation.note else Content("none").stylize(MUTED)
    state = annotation.anchor.status + (f" ({annotation.anchor.reason})" if annotation.anchor.reason else "")
    parts: list[Content | str] = [
        *row("Quote", Content(f"“{one_line(shorten(annotation.quote.exact, 300))}”")),
        *row("Tags", tags),
        *row("Note", note),
        *row("State", one_line(state)),
        *row("Made", f"{annotation.created:%Y-%m-%d %H:%M} by {one_line(annotation.creator.name)}"),
    ]
    if links:
        parts += row("Case", Content("\n        ".join(one_line(link) for link in links)))
    else:
        parts += row("Case", Content("not in the case file (c adds it)").stylize(MUTED))
    return Content.assemble(*parts[:-1])


class AnnotationDetails(Dialog[None]):
    """Shown at once (so the keys typed next are its own); the details fill in when they are read."""

    BINDINGS = bindings(Scope.DETAILS)

    def __init__(self, load: Callable[[], Content]) -> None:
        super().__init__()
        self._load = load

    def compose(self) -> ComposeResult:
        with Vertical(classes="annotate-dialog", id="details-dialog"):
            yield Static(Content("Annotation").stylize("bold"), classes="annotate-dialog-title", markup=False)
            yield Static(Content("Reading…").stylize(MUTED), id="details-body", markup=False)
            yield Static(
                Content("Esc or Enter closes · t retag · a note · c add to the case file (in the reader)").stylize(
                    MUTED
                ),
                classes="annotate-dialog-hint",
                markup=False,
            )

    def on_mount(self) -> None:
        load = self._load

        def job() -> None:
            body = load()
            self.app.call_from_thread(self.query_one("#details-body", Static).update, body)

        start_worker(self, job, name="read the annotation")

    def action_close(self) -> None:
        self.dismiss(None)
