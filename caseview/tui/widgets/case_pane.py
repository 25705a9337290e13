"""The case file pane: numbered items in their sections, and the links of the highlighted item below.

It shows a :class:`~caseview.tui.case_rows.CaseSnapshot` made in a worker; the keys that change the
case (``J``/``K``, ``m``, ``l``, ``r``, ``a``, ``d``) run screen actions, which call the workspace.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from caseview.tui.case_rows import CaseItemRow, CaseSnapshot
from caseview.tui.keys import Scope, bindings
from caseview.tui.render import MUTED, group_header, one_line
from caseview.tui.widgets.panes import CasePane
from caseview.tui.widgets.row_list import ListRow, RowList

#: Characters of an item's label shown in its row.
LABEL_WIDTH = 200
RELATION_STYLE = {"contradicts": "bold $text-error", "supports": "bold $text-success", "updates": "bold $text-warning"}


def item_prompt(item: CaseItemRow) -> Content:
    """``#3 B2 ↔2 “quote…”  passage ⚠ orphaned``: number, grade and link count first (the pane is narrow)."""
    label = one_line(item.label)
    label = label if len(label) <= LABEL_WIDTH else label[: LABEL_WIDTH - 1] + "…"
    if item.kind == "passage":
        label = f"“{label}”"
    parts: list[Content | str] = [Content(f"#{item.number} ").stylize("bold $text-accent")]
    if item.grade:
        parts.append(Content(f"{item.grade} ").stylize("bold"))
    if item.links:
        parts.append(Content(f"↔{len(item.links)} ").stylize("$text-accent"))
    if item.flags:
        parts.append(Content("⚠ ").stylize("$text-warning"))
    parts += [Content(label), Content(f"  {item.kind}").stylize(MUTED)]
    if item.flags:
        parts.append(Content(" · " + ", ".join(item.flags)).stylize("$text-warning"))
    return Content.assemble(*parts)


def links_content(item: CaseItemRow | None) -> Content:
    """The links of one item, one per line (or a hint when it has none)."""
    if item is None:
        return Content("")
    if not item.links:
        return Content(f"#{item.number} has no links · l links it to another item").stylize(MUTED)
    lines: list[Content] = []
    for link in item.links:
        arrow = "→" if link.outgoing else "←"
        number = f"#{link.other_number}" if link.other_number is not None else "(gone)"
        relation = link.relation if link.outgoing else f"{link.relation} (from)"
        line = Content.assemble(
            Content(f"{arrow} "),
            Content(relation).stylize(RELATION_STYLE.get(link.relation, "bold")),
            Content(f" {number} ").stylize("$text-accent"),
            Content(one_line(link.other_label)[:80]),
        )
        if link.note:
            line = Content.assemble(line, Content(f" — {one_line(link.note)}").stylize(MUTED))
        lines.append(line)
    return Content("\n").join(lines)


class CaseFilePane(CasePane):
    """The case file: sections of numbered items; the highlighted item's links are listed below."""

    BINDINGS = bindings(Scope.CASE)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.snapshot: CaseSnapshot | None = None

    def compose(self) -> ComposeResult:
        yield RowList(id="case-list", empty="Loading the case file…")
        yield Static("", id="case-links", classes="case-links", markup=False)

    @property
    def highlighted_item(self) -> CaseItemRow | None:
        key = self.primary().highlighted_key
        if key is None or self.snapshot is None:
            return None
        return self.snapshot.item(key)

    def show_snapshot(self, snapshot: CaseSnapshot, highlight: str | None = None) -> None:
        """Show the case; keep (or move to) the highlighted item."""
        self.snapshot = snapshot
        rows: list[ListRow] = []
        for section in snapshot.sections:
            members = snapshot.in_section(section)
            rows.append(
                ListRow(
                    key=f"section:{section}", prompt=group_header(section, len(members)), header=True, group=section
                )
            )
            rows += [
                ListRow(
                    key=item.id,
                    prompt=item_prompt(item),
                    group=section,
                    filter_text=f"{item.number} {item.label} {item.kind} {section}",
                )
                for item in members
            ]
        case_list = self.primary()
        case_list.set_empty("The case file is empty · a adds a note, c in the reader adds a passage")
        case_list.set_rows(rows, highlight=highlight)
        self.items = {item.id: item for item in snapshot.items}  # type: ignore[misc] - opened by place and kind
        self.set_title(f"{len(snapshot.items):,}")
        self._show_links()

    def _show_links(self) -> None:
        self.query_one("#case-links", Static).update(links_content(self.highlighted_item))

    @on(RowList.Highlighted, "#case-list")
    def _item_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._show_links()
