"""The review queue: annotations whose document changed and that need the analyst's eye.

For each one the screen shows the ORIGINAL quote (never rewritten) beside the best candidate in the
current text, highlighted in its context; when re-anchoring found close rivals, the best few are
listed numbered and ``[`` / ``]`` choose one (marked ▶). ``r`` re-attaches the annotation to the chosen
candidate (or to the passage selected in the reader, when there is one in that document), ``a``
accepts the chosen candidate, ``d`` dismisses it (kept as orphaned, out of the queue). All of it
through the workspace, in workers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from caseview.tui.keys import Scope, bindings
from caseview.tui.list_rows import ListRow
from caseview.tui.messages import ReviewLoaded
from caseview.tui.render import MATCH_STYLE, MUTED, one_line
from caseview.tui.review_rows import CandidateView, ReviewEntry, review_entries
from caseview.tui.widgets.key_bar import KeyBar
from caseview.tui.widgets.row_list import RowList
from caseview.tui.workers import start_worker
from caseview.workspace import Workspace

#: Where the passage selected in the reader is, when the reader shows this document (else None).
SelectionIn = Callable[[str], "tuple[int, int] | None"]


def entry_prompt(entry: ReviewEntry) -> Content:
    status_style = "bold $text-error" if entry.status == "orphaned" else "bold $text-warning"
    return Content.assemble(
        Content(entry.status).stylize(status_style),
        Content(f"  {one_line(entry.title)}").stylize(MUTED),
        "\n",
        Content(f"“{one_line(entry.exact)[:100]}”"),
    )


def _in_context(before: str, passage: str, after: str) -> Content:
    return Content.assemble(
        Content("…" + one_line(before)).stylize(MUTED),
        Content(one_line(passage)).stylize(MATCH_STYLE),
        Content(one_line(after) + "…").stylize(MUTED),
    )


def _candidate_lines(candidate: CandidateView, chosen: bool, numbered: bool) -> list[Content | str]:
    mark = Content("▶ " if chosen else "  ").stylize("bold $accent" if chosen else MUTED)
    number = Content(f"{candidate.number}  ").stylize("bold" if chosen else MUTED) if numbered else Content("")
    where = f"at {candidate.start}–{candidate.end}, score {candidate.score:.2f} · {one_line(candidate.why)}"
    return [
        mark,
        number,
        Content(where).stylize(MUTED),
        "\n",
        _in_context(candidate.before, candidate.exact, candidate.after),
    ]


def entry_detail(entry: ReviewEntry | None, chosen: int = 1) -> Content:
    """The original quote, then the candidates in the current text (``chosen`` marked), then why it is
    in the queue."""
    if entry is None:
        return Content("Nothing needs review: every annotation is where it was.").stylize(MUTED)
    parts: list[Content | str] = [
        Content("Original (as annotated, kept as it was)").stylize("bold"),
        "\n",
        _in_context(entry.prefix, entry.exact, entry.suffix),
        "\n\n",
    ]
    if len(entry.candidates) > 1:
        parts += [
            Content("Best candidates in the current text, close to each other").stylize("bold"),
            Content("  ([ ] choose one, a accepts the marked one)").stylize(MUTED),
        ]
        for candidate in entry.candidates:
            parts += ["\n", *_candidate_lines(candidate, candidate.number == chosen, numbered=True)]
    elif entry.candidate is not None and entry.candidate_span is not None:
        parts += [
            Content("Best candidate in the current text").stylize("bold"),
            Content(f"  at {entry.candidate_span[0]}–{entry.candidate_span[1]}, score {entry.score:.2f}").stylize(
                MUTED
            ),
            "\n",
            _in_context(*entry.candidate),
        ]
    else:
        parts += [
            Content("Best candidate in the current text").stylize("bold"),
            "\n",
            Content("none: the passage is not in the current text").stylize("$text-error"),
        ]
    parts += ["\n\n", Content(one_line(entry.reason)).stylize(MUTED)]
    if entry.tags or entry.note:
        details = " · ".join(
            filter(
                None,
                [
                    "tags: " + ", ".join(entry.tags) if entry.tags else None,
                    f"note: {entry.note}" if entry.note else None,
                ],
            )
        )
        parts += ["\n", Content(one_line(details)).stylize(MUTED)]
    return Content.assemble(*parts)


@dataclass(frozen=True)
class ReviewPlace:
    """Where the analyst asked to go from the queue: a document, at the candidate when there is one."""

    doc_id: str
    span: tuple[int, int] | None


class ReviewScreen(Screen["ReviewPlace | None"]):
    """The queue on the left, the highlighted annotation's old quote and candidate on the right."""

    BINDINGS = bindings(Scope.REVIEW)
    DEFAULT_CLASSES = "review-screen"

    def __init__(self, workspace: Workspace, selection_in: SelectionIn | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self._selection_in_reader = selection_in
        self.entries: list[ReviewEntry] = []
        #: The candidate chosen for each annotation (1 = the best), kept while the queue reloads.
        self.chosen: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Static(Content("Review queue").stylize("bold"), id="review-title", markup=False)
        with Vertical(id="review-body"):
            yield RowList(id="review-list", empty="Checking the annotations…")
            with VerticalScroll(id="review-detail-scroll"):
                yield Static("", id="review-detail", markup=False)
        yield KeyBar(id="review-keys")

    def on_mount(self) -> None:
        self.query_one("#review-list", RowList).focus_list()
        self.load_queue()

    @property
    def current(self) -> ReviewEntry | None:
        key = self.query_one("#review-list", RowList).highlighted_key
        return next((entry for entry in self.entries if entry.annotation_id == key), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("accept", "reattach", "dismiss_item"):
            entry = self.current if self.is_mounted else None
            if entry is None:
                return None
            if action == "accept":
                return entry.candidate_span is not None or None
            if action == "reattach":
                return entry.candidate_span is not None or self._selection_in(entry.doc_id) is not None or None
        if action == "choose":
            entry = self.current if self.is_mounted else None
            return (entry is not None and len(entry.candidates) > 1) or None
        return True

    # -- loading and changing, in workers -------------------------------------------------------------
    def load_queue(self) -> None:
        workspace = self.workspace

        def job() -> None:
            self.post_message(ReviewLoaded(review_entries(workspace)))

        start_worker(self, job, name="check the annotations", group="review", exclusive=True)

    def decide(self, change: Callable[[], object], said: str) -> None:
        workspace = self.workspace

        def job() -> None:
            try:
                change()
            except Exception as error:
                self.post_message(ReviewLoaded(review_entries(workspace), failed=str(error)))
                return
            self.post_message(ReviewLoaded(review_entries(workspace), said))

        start_worker(self, job, name="change the annotation", group="review", exclusive=True)

    def on_review_loaded(self, message: ReviewLoaded) -> None:
        self.entries = message.entries
        counts = {entry.annotation_id: len(entry.candidates) for entry in self.entries}
        self.chosen = {key: n for key, n in self.chosen.items() if n <= counts.get(key, 0)}
        review_list = self.query_one("#review-list", RowList)
        review_list.set_empty("Nothing needs review: every annotation is where it was")
        review_list.set_rows(
            [
                ListRow(
                    key=entry.annotation_id,
                    prompt=entry_prompt(entry),
                    filter_text=f"{entry.title} {entry.exact} {entry.status}",
                )
                for entry in self.entries
            ]
        )
        count = len(self.entries)
        self.query_one("#review-title", Static).update(
            Content.assemble(
                Content("Review queue").stylize("bold"),
                Content(
                    f"  {count} annotation{'s' if count != 1 else ''} to look at · the original quote is never changed"
                ).stylize(MUTED),
            )
        )
        self._show_detail()
        if message.said:
            self.notify(message.said, markup=False, timeout=3)
        if message.failed:
            self.notify(message.failed, title="Review", severity="error", markup=False)

    def _show_detail(self) -> None:
        entry = self.current
        chosen = self.chosen.get(entry.annotation_id, 1) if entry else 1
        self.query_one("#review-detail", Static).update(entry_detail(entry, chosen))
        self.refresh_bindings()

    @on(RowList.Highlighted, "#review-list")
    def _highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._show_detail()

    @on(RowList.Opened, "#review-list")
    def _opened(self, event: RowList.Opened) -> None:
        """Enter: back to the reader, at the candidate (there the analyst can select the right passage)."""
        event.stop()
        entry = self.current
        if entry is not None:
            self.dismiss(ReviewPlace(entry.doc_id, entry.candidate_span))

    # -- the analyst's decisions ------------------------------------------------------------------
    def _selection_in(self, doc_id: str) -> tuple[int, int] | None:
        """The passage selected in the reader, when the reader shows ``doc_id`` and has a selection."""
        return self._selection_in_reader(doc_id) if self._selection_in_reader else None

    def _chosen(self, entry: ReviewEntry) -> CandidateView | None:
        number = self.chosen.get(entry.annotation_id, 1)
        return next((c for c in entry.candidates if c.number == number), None)

    def action_choose(self, step: int) -> None:
        """Move the choice among the close candidates (wrapping round): ``a`` and ``r`` then use it."""
        entry = self.current
        if entry is None or len(entry.candidates) < 2:
            return
        number = self.chosen.get(entry.annotation_id, 1)
        self.chosen[entry.annotation_id] = (number - 1 + step) % len(entry.candidates) + 1
        self._show_detail()

    def action_accept(self) -> None:
        entry = self.current
        if entry is None:
            return
        chosen = self._chosen(entry)
        number = chosen.number if chosen else 1
        where = f"candidate {number} ({chosen.start}–{chosen.end})" if chosen and number > 1 else "its candidate"
        self.decide(
            lambda: self.workspace.accept_anchor(entry.annotation_id, candidate=number),
            f"Accepted: “{one_line(entry.exact)[:40]}” is anchored at {where}",
        )

    def action_reattach(self) -> None:
        entry = self.current
        if entry is None:
            return
        chosen = self._chosen(entry)
        span = self._selection_in(entry.doc_id) or (chosen.span if chosen else entry.candidate_span)
        if span is None:
            self.notify("No candidate: select the passage in the reader first, or dismiss it", severity="warning")
            return
        start, end = span
        self.decide(
            lambda: self.workspace.reattach_annotation(entry.annotation_id, start, end), f"Re-attached to {start}–{end}"
        )

    def action_dismiss_item(self) -> None:
        entry = self.current
        if entry is None:
            return
        self.decide(
            lambda: self.workspace.dismiss_review(entry.annotation_id),
            "Dismissed: kept as orphaned, with its original quote",
        )

    def action_close(self) -> None:
        self.dismiss(None)
