"""The sources pane: every document of the corpus, or the results of the current search.

Enter on a source opens it; enter on a result opens it at its first hit, with ``n``/``N`` stepping
through the hits (:class:`~caseview.tui.messages.OpenInReader`). The annotation counts are read
again in this pane's worker after a change. ``D`` sets, corrects or clears the highlighted
document's publication date (``Workspace.set_publication_date``); the timeline follows.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import ContentSwitcher

from caseview.corpus.pubdate import PublicationDate
from caseview.search import SearchResults
from caseview.tui.dialogs.choice import Choice, ChoiceDialog
from caseview.tui.dialogs.prompt import PromptDialog
from caseview.tui.dialogs.publication_date import DateAnswer, PublicationDateDialog
from caseview.tui.facet_choices import FacetPick, facet_choices
from caseview.tui.keys import Scope, bindings
from caseview.tui.list_rows import ListRow
from caseview.tui.messages import ChangeDone, OpenInReader, SearchFor, SourceRowsReady
from caseview.tui.provenance_rows import marked_source_rows
from caseview.tui.render import result_prompt, source_prompt
from caseview.tui.rows import annotation_counts
from caseview.tui.source_rows import grouped
from caseview.tui.source_rows_update import SourceChanges, nesting_depth, updated_rows
from caseview.tui.trail import Mark, Trail
from caseview.tui.widgets.facet_strip import FacetsCounted, FacetStrip
from caseview.tui.widgets.pane import Pane
from caseview.tui.widgets.row_list import RowList
from caseview.tui.widgets.sources_provenance import SourcesProvenance
from caseview.tui.workers import start_worker
from caseview.workspace import DocumentInfo, RefreshReport, Workspace
from caseview.workspace.facets import SortOrder, narrowed, next_order, sort_key, without

#: A refresh that indexed or removed more documents than this re-makes the whole list (the
#: position of each new row is found by a scan of the list: fine for a few, not for thousands).
MOST_ROWS_CHANGED = 200


def source_row(info: DocumentInfo, count: int | None, depth: int) -> ListRow:
    """A document's row: title, then outlet · date · annotation count · id (indented ``depth`` levels)."""
    return ListRow(
        key=info.id,
        prompt=source_prompt(info, count, depth),
        filter_text=" ".join(filter(None, [info.title, info.outlet, info.id, str(info.published or "")])),
    )


def source_rows(documents: Sequence[DocumentInfo], counts: dict[str, int] | None) -> list[ListRow]:
    """One row per document (attachments under their e-mail)."""
    return [
        source_row(info, None if counts is None else counts.get(info.id, 0), depth)
        for info, depth in grouped(documents)  # issue 15
    ]


def source_changes(workspace: Workspace, report: RefreshReport) -> SourceChanges | None:
    """The rows a refresh changed (those it indexed, or whose tags it indexed), or None when it
    changed so many that the whole list is re-made."""
    if report.rebuilt_reason or len(report.indexed) + len(report.removed) > MOST_ROWS_CHANGED:
        return None
    changed = list(dict.fromkeys([*report.indexed, *report.annotations]))
    infos = workspace.document_infos(changed)
    wanted = {info.parent for info in infos.values() if info.parent is not None} - infos.keys()
    while wanted:  # the documents they are inside, for their indentation
        found = workspace.document_infos(sorted(wanted))
        infos.update(found)
        wanted = {info.parent for info in found.values() if info.parent is not None} - infos.keys()
    counts = workspace.annotation_counts(changed)
    rows = [
        source_row(infos[doc_id], counts.get(doc_id, 0), nesting_depth(infos[doc_id], infos.get))
        for doc_id in changed
        if doc_id in infos
    ]
    return SourceChanges(infos=infos, rows=rows, removed=list(report.removed))


class ResultsList(RowList):
    """The search results list; escape here leaves the results (bound in the keys registry)."""

    BINDINGS = bindings(Scope.RESULTS)


class SourcesPane(Pane):
    """All documents of the corpus, or the results of the current search."""

    PANE = "sources"
    # The lists take what the facet counts under them leave (issue 13).
    DEFAULT_CSS = "SourcesPane > ContentSwitcher { height: 1fr; }"
    BINDINGS = bindings(Scope.SOURCES)  # issue 13: F facets, o sort; issue 14: D date; issue 16: = compare

    def __init__(self, workspace: Workspace, *, id: str | None = None) -> None:
        super().__init__(workspace, id=id)
        self.results: SearchResults | None = None
        #: How the results are ordered (``o``).
        self.order: SortOrder = "relevance"
        #: Title of every document, by id, in corpus order.
        self.titles: dict[str, str] = {}
        #: What the list shows of each document, by id (its date, for ``D``).
        self.infos: dict[str, DocumentInfo] = {}
        self._count = 0
        #: How many times every row was made again (the first load, a large refresh, new counts);
        #: a refresh of a few files replaces their rows alone.
        self.full_rebuilds = 0
        #: Rewrite and relay marks, and the compare view (issue 16).
        self.provenance = SourcesProvenance(self)

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="sources-list"):
            yield RowList(id="sources-list", empty="Reading the corpus…")
            yield ResultsList(id="results-list", empty="No results")
        yield FacetStrip(id="facet-strip")  # issue 13: the counts beside the results

    @property
    def showing_results(self) -> bool:
        return self.is_mounted and self.query_one(ContentSwitcher).current == "results-list"

    def primary(self) -> RowList:
        return self.query_one("#results-list" if self.showing_results else "#sources-list", RowList)

    def set_documents(
        self, documents: Sequence[DocumentInfo], rows: Sequence[ListRow], empty: str | None = None
    ) -> None:
        """Show the documents (rows made by :func:`source_rows`, which may run in a worker)."""
        self.full_rebuilds += 1
        self.titles = {info.id: info.title or info.id for info in documents}
        self.infos = {info.id: info for info in documents}
        self._count = len(rows)
        sources = self.query_one("#sources-list", RowList)
        sources.set_empty(empty or "This folder has no documents caseview can read (.txt .md .html .eml)")
        self.provenance.rows = list(rows)
        sources.set_rows(marked_source_rows(rows, self.provenance.index))
        if not self.showing_results:
            self.set_title(f"{self._count:,}")

    def update_documents(self, changes: SourceChanges) -> None:
        """Show what a refresh of a few files changed: their rows alone are replaced, added or dropped."""
        for doc_id in changes.removed:
            self.infos.pop(doc_id, None)
            self.titles.pop(doc_id, None)
        for doc_id, info in changes.infos.items():
            self.infos[doc_id] = info
            self.titles[doc_id] = info.title or doc_id
        rows = updated_rows(self.provenance.rows, self.infos, changes)
        self._count = len(rows)
        self.provenance.rows = rows
        self.query_one("#sources-list", RowList).set_rows(marked_source_rows(rows, self.provenance.index))
        if not self.showing_results:
            self.set_title(f"{self._count:,}")

    @property
    def document_count(self) -> int:
        """How many documents the list holds."""
        return self._count

    def reload_counts(self) -> None:
        """Read the annotation counts again (after a change) and show them."""
        workspace = self.workspace

        def job() -> None:
            documents = workspace.documents()
            rows = source_rows(documents, annotation_counts(workspace))
            self.post_message(SourceRowsReady(rows, tuple(documents)))

        start_worker(self, job, name="count the annotations", group="sources-counts", exclusive=True)

    def on_source_rows_ready(self, message: SourceRowsReady) -> None:
        message.stop()
        self.full_rebuilds += 1
        if message.documents:
            self.infos = {info.id: info for info in message.documents}
        self.provenance.rows = list(message.rows)
        self.query_one("#sources-list", RowList).set_rows(marked_source_rows(message.rows, self.provenance.index))

    def show_results(self, results: SearchResults) -> None:
        self.results = results
        hits = sorted(results.hits, key=lambda hit: sort_key(self.order, hit.rank, hit.title, hit.published))
        rows = [
            ListRow(
                key=hit.doc_id,
                prompt=result_prompt(hit),
                filter_text=" ".join(filter(None, [hit.title, hit.outlet, hit.doc_id])),
            )
            for hit in hits
        ]
        results_list = self.query_one("#results-list", RowList)
        results_list.set_empty(Content(f"Nothing matches {results.query}"))
        results_list.set_rows(rows, highlight=rows[0].key if rows else None)
        about = "about " if results.total_is_estimate else ""
        shown = f"top {len(results.hits)} of " if len(results.hits) < results.total else ""
        partial = ", partial" if results.partial else ""
        noun = "result" if results.total == 1 else "results"
        self.query_one(ContentSwitcher).current = "results-list"
        order = f" · by {self.order}" if self.order != "relevance" else ""
        self.set_title(f"{shown}{about}{results.total:,} {noun}{partial}{order}")
        self._count_facets(results)

    def show_sources(self) -> None:
        self.results = None
        self.query_one(ContentSwitcher).current = "sources-list"
        self.query_one(FacetStrip).clear()
        self.set_title(f"{self._count:,}")

    def action_compare_source(self) -> None:
        self.provenance.compare(self.primary().highlighted_key)

    def action_source_offers(self) -> None:
        self.provenance.offers()

    @on(RowList.Opened, "#sources-list")
    def _source_opened(self, event: RowList.Opened) -> None:
        event.stop()
        self.post_message(OpenInReader(event.key))

    @on(RowList.Opened, "#results-list")
    def _result_opened(self, event: RowList.Opened) -> None:
        event.stop()
        results = self.results
        hit = next((hit for hit in results.hits if hit.doc_id == event.key), None) if results else None
        if results is None or hit is None:
            return
        marks = tuple(Mark(hit.doc_id, match.start, match.end) for match in hit.matches)
        trail = Trail("hit", results.query, marks) if marks else None
        if trail is None and hit.matched_fields:
            self.notify(f"Matched in {', '.join(hit.matched_fields)}, not in the text", timeout=3, markup=False)
        self.post_message(OpenInReader(hit.doc_id, trail))
        searches, query = self.workspace.searches, results.query  # a search that was used: a recent one
        start_worker(self, lambda: searches.remember(query), name="remember the search", group="recent-searches")

    # -- issue 13: facets, recent and saved searches, sorting ----------------------------------------
    def _count_facets(self, results: SearchResults) -> None:
        """Count the facets of the results in this pane's worker: the results are shown first."""
        workspace, query = self.workspace, results.query
        doc_ids = [hit.doc_id for hit in results.hits]

        def job() -> None:
            self.post_message(FacetsCounted(query, workspace.facets(doc_ids)))

        start_worker(self, job, name="count the facets", group="sources-facets", exclusive=True)

    def on_facets_counted(self, message: FacetsCounted) -> None:
        message.stop()
        if self.showing_results and self.results is not None and self.results.query == message.query:
            self.query_one(FacetStrip).show(message.query, message.facets)
            self.refresh_bindings()

    def action_facet_strip(self) -> None:
        """v: into the facet counts under the results."""
        self.query_one(FacetStrip).focus()

    @on(FacetStrip.Picked)
    def _facet_picked(self, event: FacetStrip.Picked) -> None:
        event.stop()
        query = self.results.query if self.results is not None else ""
        clause = event.value.clause
        self.post_message(SearchFor(without(query, clause) if event.active else narrowed(query, clause)))

    @on(FacetStrip.Left)
    def _facet_strip_left(self, event: FacetStrip.Left) -> None:
        event.stop()
        self.focus_primary()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "sort_results":
            return self.showing_results or None
        if action == "facet_strip":
            # Hidden (not only dimmed) without counts: the footer stays as it was before a search.
            return self.showing_results and bool(self.query_one(FacetStrip).values)
        if action == "source_date":
            return self.highlighted_document() is not None or None
        return True

    def action_sort_results(self) -> None:
        if self.results is None:
            return
        self.order = next_order(self.order)
        self.show_results(self.results)
        self.notify(f"Results by {self.order}", timeout=2)

    def action_facets(self) -> None:
        """F: the facets of the results (or of every document), recent and saved searches."""
        workspace = self.workspace
        results = self.results if self.showing_results else None
        query = results.query if results is not None else ""
        doc_ids = [hit.doc_id for hit in results.hits] if results is not None else None

        def load() -> list[Choice]:
            return facet_choices(workspace.facets(doc_ids), workspace.searches.load(), query)

        def picked(key: str | None) -> None:
            if key is None:
                return
            pick = FacetPick.of(key)
            if pick.kind == "narrow":
                self.post_message(SearchFor(narrowed(query, pick.text)))
            elif pick.kind == "run":
                self.post_message(SearchFor(pick.text))
            else:
                self._save_search(pick.text)

        where = f"the {len(doc_ids)} results shown" if doc_ids is not None else "all documents"
        title = Content.assemble(Content("Facets").stylize("bold"), Content(f" of {where}: enter narrows the search"))
        self.app.push_screen(ChoiceDialog(title, load, empty="nothing to narrow by"), picked)

    def _save_search(self, query: str) -> None:
        searches = self.workspace.searches

        def named(name: str | None) -> None:
            if name is None:
                return

            def save() -> ChangeDone:
                saved = searches.save(name, query)
                return ChangeDone(f"Saved the search “{saved.name}” (F lists it)")

            self.run_change("Cannot save the search", save)

        self.app.push_screen(PromptDialog("Save this search as", query), named)

    # -- the publication date (issue 14) ------------------------------------------------------------
    def highlighted_document(self) -> DocumentInfo | None:
        key = self.primary().highlighted_key if self.is_mounted else None
        return self.infos.get(key) if key else None

    def action_source_date(self) -> None:
        info = self.highlighted_document()
        if info is None:
            return
        stored = None
        if info.published is not None:
            stored = PublicationDate(value=info.published, precision=info.published_precision).iso()
        workspace, doc_id, title = self.workspace, info.id, info.title or info.id

        def answered(answer: DateAnswer | None) -> None:
            if answer is None:
                return

            def change() -> ChangeDone:
                document = workspace.set_publication_date(doc_id, answer.value)
                label = document.meta.published_label
                return ChangeDone(f"“{title}”: publication date {label}", frozenset({"counts", "entities"}))

            self.run_change("Cannot set the date", change)

        self.app.push_screen(PublicationDateDialog(title, stored, info.published_label), answered)
