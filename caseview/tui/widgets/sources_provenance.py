"""The sources pane's part of provenance: its rows' rewrite and relay marks, and the compare view.

A small object the pane holds (composition, issue 16): it keeps the rows as the pane last got them,
marks them when the provenance report arrives, and opens the compare view for a source.
"""

from __future__ import annotations

from caseview.kernel.textsafe import one_line
from caseview.provenance.counting import OriginIndex
from caseview.provenance.offers import AnnotationOffer
from caseview.tui.compare_rows import Comparison
from caseview.tui.dialogs.choice import Choice
from caseview.tui.dialogs.offers import OffersDialog, offer_choice
from caseview.tui.list_rows import ListRow
from caseview.tui.messages import ChangeDone, OpenComparison
from caseview.tui.provenance_rows import marked_source_rows
from caseview.tui.widgets.pane import Pane
from caseview.tui.widgets.row_list import RowList
from caseview.tui.workers import start_worker


class SourcesProvenance:
    """Marks on the sources list and the ``=`` compare view of one sources pane."""

    def __init__(self, pane: Pane) -> None:
        self.pane = pane
        self.index: OriginIndex | None = None
        #: The sources list's rows without marks (as the index or the counts worker made them).
        self.rows: list[ListRow] = []

    def apply(self, index: OriginIndex) -> None:
        """Mark the rows with what the new report says."""
        self.index = index
        if self.rows and (index.report.pairs or any(doc.relayed_outlets for doc in index.report.documents)):
            # Only when some row gets a mark: setting the rows again scrolls the list back to its top.
            self.pane.query_one("#sources-list", RowList).set_rows(marked_source_rows(self.rows, index))

    def compare(self, doc_id: str | None) -> None:
        """Open the compare view of ``doc_id`` and its copies or rewrites (or say why not)."""
        if doc_id is None:
            return
        index = self.index
        if index is None:
            self.pane.notify("Still tracing the sources: try again in a moment", timeout=3)
            return
        pairs = index.pairs_of(doc_id)
        if not pairs:
            self.pane.notify(f"{one_line(doc_id)} copies no document of this corpus and none copies it", timeout=4)
            return
        workspace = self.pane.workspace

        def job() -> None:
            comparisons = [
                Comparison(pair, workspace.document(pair.derived).text, workspace.document(pair.origin).text)
                for pair in pairs
            ]
            self.pane.post_message(OpenComparison(tuple(comparisons)))

        start_worker(self.pane, job, name="open the compare view", group="compare", exclusive=True)

    def offers(self) -> None:
        """List the annotations offered on copies and rewrites; the analyst accepts or dismisses each."""
        index = self.index
        if index is None:
            self.pane.notify("Still tracing the sources: try again in a moment", timeout=3)
            return
        workspace = self.pane.workspace
        report = index.report
        by_key: dict[str, AnnotationOffer] = {}

        def load() -> list[Choice]:
            offers = workspace.annotation_offers(report)
            by_key.update((offer.key, offer) for offer in offers)
            return [offer_choice(offer) for offer in offers]

        def decided(answer: str | None) -> None:
            verdict, _, key = (answer or "").partition(":")
            offer = by_key.get(key)
            if offer is None:
                return
            if verdict == "accept":

                def accept() -> ChangeDone:
                    workspace.accept_offer(offer)
                    return ChangeDone(
                        f"Annotated {one_line(offer.target_doc)} as {one_line(offer.source_doc)} is",
                        frozenset({"annotations", "counts"}),
                        (offer.target_doc,),
                    )

                self.pane.run_change("Cannot accept the offer", accept)
            else:

                def dismiss() -> ChangeDone:
                    workspace.dismiss_offer(offer)
                    return ChangeDone(f"Dismissed: not offered on {one_line(offer.target_doc)} again")

                self.pane.run_change("Cannot dismiss the offer", dismiss)

        self.pane.app.push_screen(
            OffersDialog(
                "Annotations offered on copies and rewrites",
                load,
                hint="enter accepts (annotates the other document) · d dismisses · esc closes",
                empty="nothing to offer: no annotated passage has a copy or rewrite in this corpus",
            ),
            decided,
        )
