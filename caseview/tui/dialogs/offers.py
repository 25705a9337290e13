"""Annotations offered on copies and rewrites: enter accepts the highlighted offer, d dismisses it.

Opened with ``O`` in the sources pane (issue 16). Each offer reads ``#tag “quote…” 002 → 003
“counterpart…”``; accepting annotates the counterpart with the same tags and note (undoable like any
annotation), dismissing remembers not to offer it again. Nothing happens without the analyst.
"""

from __future__ import annotations

from textual.content import Content

from caseview.kernel.textsafe import one_line
from caseview.provenance.offers import AnnotationOffer
from caseview.tui.dialogs.choice import Choice, ChoiceDialog
from caseview.tui.keys import Scope, bindings
from caseview.tui.render import MUTED

QUOTE_WIDTH = 60


def _cut(text: str, width: int = QUOTE_WIDTH) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def offer_choice(offer: AnnotationOffer) -> Choice:
    """``#tag “quote…”  002_… → 003_…`` then, muted, the counterpart and how it was found."""
    tags = " ".join(f"#{one_line(tag)}" for tag in offer.tags) or "(note)"
    how = "the same words" if offer.method == "copy" else "the passage that says the same"
    return Choice(
        offer.key,
        Content.assemble(
            Content(tags).stylize("bold $text-accent"),
            Content(f" “{_cut(offer.source_exact)}”  "),
            Content(f"{_cut(offer.source_doc, 16)} → {_cut(offer.target_doc, 16)}").stylize("bold"),
            "\n",
            Content(f"  “{_cut(offer.exact, 90)}” · {how} · {offer.score:.2f}").stylize(MUTED),
        ),
        f"{' '.join(offer.tags)} {offer.source_exact} {offer.exact} {offer.source_doc} {offer.target_doc}",
    )


class OffersDialog(ChoiceDialog):
    """Returns ``accept:<key>`` or ``dismiss:<key>`` for the highlighted offer, or None."""

    AUTO_FOCUS = "#choice-list"
    BINDINGS = bindings(Scope.OFFERS)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#choice-filter").display = False

    def answer(self, key: str) -> None:
        self.dismiss(f"accept:{key}")

    def action_dismiss_offer(self) -> None:
        key = self.highlighted_key
        if key is not None:
            self.dismiss(f"dismiss:{key}")
