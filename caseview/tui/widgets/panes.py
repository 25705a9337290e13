"""The panes of the main screen: sources (and search results), entities, events and the case file.

Each pane turns plain data into :class:`ListRow` values and shows them in a :class:`RowList`; enter
on a row bubbles up as ``RowList.Opened`` for the screen to act on. Panes hold no workspace.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import ContentSwitcher

from caseview.search import SearchResults
from caseview.tui.features import CaseRow, EntityRow, EventRow, entities_by_type, timeline
from caseview.tui.keys import Scope, bindings
from caseview.tui.render import (
    MUTED,
    case_prompt,
    entity_prompt,
    event_prompt,
    group_header,
    mention_prompt,
    one_line,
    result_prompt,
    source_prompt,
)
from caseview.tui.widgets.pane import Pane
from caseview.tui.widgets.row_list import ListRow, RowList
from caseview.workspace import DocumentInfo


def source_rows(documents: Sequence[DocumentInfo], annotation_counts: dict[str, int] | None) -> list[ListRow]:
    """One row per document: title, then outlet · date · annotation count · id."""
    return [
        ListRow(
            key=info.id,
            prompt=source_prompt(info, None if annotation_counts is None else annotation_counts.get(info.id, 0)),
            filter_text=" ".join(filter(None, [info.title, info.outlet, info.id, str(info.published or "")])),
        )
        for info in documents
    ]


class SourcesPane(Pane):
    """All documents of the corpus, or the results of the current search."""

    PANE = "sources"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.results: SearchResults | None = None
        self._count = 0

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="sources-list"):
            yield RowList(id="sources-list", empty="Reading the corpus…")
            yield ResultsList(id="results-list", empty="No results")

    @property
    def showing_results(self) -> bool:
        return self.query_one(ContentSwitcher).current == "results-list"

    def primary(self) -> RowList:
        return self.query_one("#results-list" if self.showing_results else "#sources-list", RowList)

    def set_documents(self, rows: Sequence[ListRow], empty: str | None = None) -> None:
        """Show the documents (rows made by :func:`source_rows`, which may run in a worker)."""
        self._count = len(rows)
        sources = self.query_one("#sources-list", RowList)
        sources.set_empty(empty or "This folder has no documents caseview can read (.txt .md .html .eml)")
        sources.set_rows(rows)
        if not self.showing_results:
            self.set_title(f"{self._count:,}")

    def show_results(self, results: SearchResults) -> None:
        self.results = results
        rows = [
            ListRow(
                key=hit.doc_id,
                prompt=result_prompt(hit),
                filter_text=" ".join(filter(None, [hit.title, hit.outlet, hit.doc_id])),
            )
            for hit in results.hits
        ]
        results_list = self.query_one("#results-list", RowList)
        results_list.set_empty(Content(f"Nothing matches {results.query}"))
        results_list.set_rows(rows, highlight=rows[0].key if rows else None)
        about = "about " if results.total_is_estimate else ""
        shown = f"top {len(results.hits)} of " if len(results.hits) < results.total else ""
        partial = ", partial" if results.partial else ""
        noun = "result" if results.total == 1 else "results"
        self.query_one(ContentSwitcher).current = "results-list"
        self.set_title(f"{shown}{about}{results.total:,} {noun}{partial}")

    def show_sources(self) -> None:
        self.results = None
        self.query_one(ContentSwitcher).current = "sources-list"
        self.set_title(f"{self._count:,}")


class ResultsList(RowList):
    """The search results list; escape here leaves the results (bound in the keys registry)."""

    BINDINGS = bindings(Scope.RESULTS)


class EntitiesPane(Pane):
    """Entities grouped by type; enter lists the chosen entity's mentions below."""

    PANE = "entities"

    def compose(self) -> ComposeResult:
        yield RowList(id="entities-list", empty="Looking for entities…")
        yield RowList(id="mentions-list", empty="", classes="detail")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#mentions-list").display = False

    def primary(self) -> RowList:
        return self.query_one("#entities-list", RowList)

    def set_entities(self, entities: Sequence[EntityRow]) -> None:
        rows: list[ListRow] = []
        for entity_type, members in entities_by_type(entities):
            rows.append(
                ListRow(
                    key=f"type:{entity_type}",
                    prompt=group_header(entity_type, len(members)),
                    header=True,
                    group=entity_type,
                )
            )
            rows += [
                ListRow(
                    key=entity.id,
                    prompt=entity_prompt(entity),
                    group=entity_type,
                    filter_text=" ".join([entity.name, *entity.aliases, entity.type]),
                )
                for entity in members
            ]
        entity_list = self.query_one("#entities-list", RowList)
        entity_list.set_empty("No entities found in this corpus")
        entity_list.set_rows(rows)
        self.set_title(f"{len(entities):,}")

    def set_unavailable(self, reason: str) -> None:
        self.query_one("#entities-list", RowList).set_empty(
            Content.assemble(Content("Extraction not available").stylize("bold"), "\n", Content(reason).stylize(MUTED))
        )
        self.set_title("not available")

    def show_mentions(self, entity: EntityRow, doc_titles: dict[str, str]) -> None:
        """List the entity's mentions, grouped by document."""
        rows: list[ListRow] = []
        current_doc = None
        for index, mention in enumerate(entity.mentions):
            if mention.doc_id != current_doc:
                current_doc = mention.doc_id
                title = doc_titles.get(mention.doc_id, mention.doc_id)
                rows.append(
                    ListRow(
                        key=f"doc:{mention.doc_id}",
                        prompt=group_header(title, sum(1 for m in entity.mentions if m.doc_id == mention.doc_id)),
                        header=True,
                        group=mention.doc_id,
                    )
                )
            rows.append(
                ListRow(
                    key=str(index),
                    prompt=mention_prompt(mention),
                    group=mention.doc_id,
                    filter_text=f"{mention.text} {doc_titles.get(mention.doc_id, '')}",
                )
            )
        mentions = self.query_one("#mentions-list", RowList)
        mentions.border_title = Content.assemble("mentions of ", Content(one_line(entity.name)).stylize("bold"))
        mentions.set_rows(rows)
        mentions.display = True


class EventsPane(Pane):
    """The timeline: events by resolved date, then document order; undated ones marked and last."""

    PANE = "events"

    def compose(self) -> ComposeResult:
        yield RowList(id="events-list", empty="Looking for events…")

    def primary(self) -> RowList:
        return self.query_one("#events-list", RowList)

    def set_events(self, events: Sequence[EventRow], doc_titles: dict[str, str]) -> None:
        order = {doc_id: position for position, doc_id in enumerate(doc_titles)}
        rows = [
            ListRow(
                key=event.id,
                prompt=event_prompt(event, doc_titles.get(event.doc_id, event.doc_id)),
                filter_text=" ".join(
                    filter(
                        None,
                        [
                            event.evidence,
                            event.action,
                            event.time_text,
                            doc_titles.get(event.doc_id, ""),
                            *event.actors,
                        ],
                    )
                ),
            )
            for event in timeline(events, order)
        ]
        event_list = self.query_one("#events-list", RowList)
        event_list.set_empty("No events found in this corpus")
        event_list.set_rows(rows)
        undated = sum(1 for event in events if not event.resolved)
        self.set_title(f"{len(events):,}" + (f" ({undated} undated)" if undated else ""))

    def set_unavailable(self, reason: str) -> None:
        self.query_one("#events-list", RowList).set_empty(
            Content.assemble(Content("Extraction not available").stylize("bold"), "\n", Content(reason).stylize(MUTED))
        )
        self.set_title("not available")


class CasePane(Pane):
    """The analyst's case file (filled in by part 2: annotations and the case file)."""

    PANE = "case"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: dict[str, CaseRow] = {}

    def compose(self) -> ComposeResult:
        yield RowList(id="case-list", empty="Loading the case file…")

    def primary(self) -> RowList:
        return self.query_one("#case-list", RowList)

    def set_items(self, items: Sequence[CaseRow]) -> None:
        """The case file's items under their section headers."""
        rows: list[ListRow] = []
        for item in items:
            if not rows or rows[-1].group != item.section:
                count = sum(1 for other in items if other.section == item.section)
                rows.append(
                    ListRow(
                        key=f"section:{item.section}",
                        prompt=group_header(item.section, count),
                        header=True,
                        group=item.section,
                    )
                )
            rows.append(
                ListRow(
                    key=item.id,
                    prompt=case_prompt(item),
                    group=item.section,
                    filter_text=f"{item.label} {item.kind} {item.section}",
                )
            )
        case_list = self.query_one("#case-list", RowList)
        case_list.set_empty("The case file is empty")
        case_list.set_rows(rows)
        self.items = {item.id: item for item in items}
        self.set_title(f"{len(items):,}")

    def set_unavailable(self, reason: str) -> None:
        self.query_one("#case-list", RowList).set_empty(
            Content.assemble(Content("Case file not available").stylize("bold"), "\n", Content(reason).stylize(MUTED))
        )
