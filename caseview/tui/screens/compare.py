"""The compare view: a copy or rewrite beside the document it comes from, passage by passage.

Opened with ``=`` on a source that the provenance analysis paired with another (issue 16). Left the
derived document, right its origin; each row is a pair of corresponding passages, a passage only
the derived one has (*adds*) or one of the origin it leaves out (*drops*). The header says why the
two are paired, in the reasons the analysis gives. Escape closes it; ``n`` shows the next pair of the
same source when it has several.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from caseview.kernel.textsafe import one_line, printable
from caseview.provenance import RewritePair
from caseview.tui.compare_rows import CompareRow, Comparison, compare_rows
from caseview.tui.keys import Scope, bindings
from caseview.tui.render import MUTED

KIND_LABEL = {"same": "", "adds": "only in {derived}: added", "drops": "only in {origin}: dropped"}
KIND_STYLE = {"same": "", "adds": "$text-success", "drops": "$text-error"}


def pair_header(pair: RewritePair) -> Content:
    """``002_….txt ≈ 003_….txt  rewrite · score 0.92`` then the reasons (why they are paired)."""
    title = Content.assemble(
        Content(one_line(pair.derived)).stylize("bold"),
        Content(" ≈ "),
        Content(one_line(pair.origin)).stylize("bold"),
        Content(f"  {pair.kind} · score {pair.score:.2f}"),
    )
    reasons = Content(one_line("; ".join(pair.reasons))).stylize(MUTED)
    return Content.assemble(title, "\n", reasons)


def _cell(text: str, span: tuple[int, int] | None, note: str, style: str) -> Content:
    if span is None:
        return Content(note).stylize(f"italic {MUTED}")
    body = Content(printable(text[span[0] : span[1]]))
    if not note:
        return body
    return Content.assemble(Content(note).stylize(f"bold {style}"), "\n", body.stylize(style))


class CompareScreen(ModalScreen[None]):
    """Two aligned documents side by side, with what one adds or drops."""

    BINDINGS = bindings(Scope.COMPARE)
    DEFAULT_CSS = """
    CompareScreen { align: center middle; }
    #compare-dialog { width: 96%; height: 94%; border: round $accent; background: $surface; }
    #compare-title { height: auto; padding: 0 1; }
    #compare-heads { height: 1; padding: 0 1; }
    #compare-heads Static { width: 1fr; text-style: bold; }
    #compare-rows { height: 1fr; padding: 0 1; }
    .compare-row { height: auto; margin-bottom: 1; }
    .compare-cell { width: 1fr; height: auto; padding-right: 2; }
    #compare-keys { height: 1; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, comparisons: Sequence[Comparison]) -> None:
        super().__init__()
        self.comparisons = tuple(comparisons)
        self.current = 0

    @property
    def comparison(self) -> Comparison:
        return self.comparisons[self.current]

    @property
    def rows(self) -> list[CompareRow]:
        shown = self.comparison
        return compare_rows(shown.pair, shown.derived_text, shown.origin_text)

    def compose(self) -> ComposeResult:
        with Vertical(id="compare-dialog"):
            yield Static(id="compare-title", markup=False)
            with Horizontal(id="compare-heads"):
                yield Static(id="compare-left-head", markup=False)
                yield Static(id="compare-right-head", markup=False)
            yield VerticalScroll(id="compare-rows")
            more = f" · n next pair ({len(self.comparisons)})" if len(self.comparisons) > 1 else ""
            yield Static(f"j/k scroll · Esc closes{more}", id="compare-keys", markup=False)

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        shown = self.comparison
        pair = shown.pair
        self.query_one("#compare-title", Static).update(pair_header(pair))
        self.query_one("#compare-left-head", Static).update(Content(f"{one_line(pair.derived)} (derived)"))
        self.query_one("#compare-right-head", Static).update(Content(f"{one_line(pair.origin)} (origin)"))
        names = {"derived": one_line(pair.derived), "origin": one_line(pair.origin)}
        body = self.query_one("#compare-rows", VerticalScroll)
        body.remove_children()
        rows = []
        for row in self.rows:
            note = KIND_LABEL[row.kind].format(**names)
            style = KIND_STYLE[row.kind]
            left = _cell(shown.derived_text, row.left, note if row.left else "—", style)
            right = _cell(shown.origin_text, row.right, note if row.right else "—", style)
            rows.append(
                Horizontal(
                    Static(left, classes="compare-cell", markup=False),
                    Static(right, classes="compare-cell", markup=False),
                    classes=f"compare-row -{row.kind}",
                )
            )
        body.mount_all(rows)
        body.scroll_home(animate=False)
        body.focus()

    def action_next_pair(self) -> None:
        if len(self.comparisons) > 1:
            self.current = (self.current + 1) % len(self.comparisons)
            self._show()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#compare-rows", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
