"""The case file pane: numbered items in their sections, the highlighted item's links below, and the
keys that change the case (``J``/``K``, ``m``, ``l``, ``r``, ``a``, ``d``) and export it (``x``).

The case is read in this pane's worker into a :class:`~caseview.tui.case_rows.CaseSnapshot`; every
change goes through ``Workspace.case()`` in a worker and ends in ``ChangeDone`` / ``ChangeFailed``.
Dialogs collect the answers first (on the UI thread), so a worker never waits for the analyst.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from caseview.casefile.model import CREDIBILITY_LABELS, RELIABILITY_LABELS, Grade, Relation
from caseview.provenance import ProvenanceReport
from caseview.tui.case_rows import CaseItemRow, CaseSnapshot, case_snapshot
from caseview.tui.dialogs.case_header import CaseHeaderDialog, CaseHeaderText
from caseview.tui.dialogs.choice import Choice, ChoiceDialog, choice
from caseview.tui.dialogs.note_editor import NoteEditor
from caseview.tui.dialogs.prompt import PromptDialog
from caseview.tui.dialogs.questions import Question, QuestionsDialog
from caseview.tui.dialogs.section_picker import SectionPicker
from caseview.tui.keys import Scope, bindings
from caseview.tui.list_rows import ListRow
from caseview.tui.messages import CaseLoaded, ChangeDone, OpenInReader, Reload
from caseview.tui.provenance_rows import corroboration_notice, shown_origins, with_origins
from caseview.tui.render import MUTED, group_header, one_line
from caseview.tui.trail import Mark, Trail
from caseview.tui.widgets.pane import Pane
from caseview.tui.widgets.row_list import RowList
from caseview.tui.workers import start_worker

#: Characters of an item's label shown in its row.
LABEL_WIDTH = 200
#: The most lines the links box under the list shows (``max-height`` of ``.case-links`` in caseview.tcss).
LINKS_MAX_LINES = 4
RELATION_STYLE = {"contradicts": "bold $text-error", "supports": "bold $text-success", "updates": "bold $text-warning"}
EXPORT_FORMATS = (
    ("md", "Markdown memo"),
    ("html", "HTML, one self-contained file"),
    ("json", "W3C Web Annotation JSON"),
    ("csv", "CSV, one row per passage"),
)
RELATION_HELP = {
    "supports": "backs it up",
    "contradicts": "says the opposite",
    "updates": "is newer news on it",
    "same-event": "reports the same event",
    "mentions": "names it",
    "related": "bears on it otherwise",
}
#: Actions that act on the highlighted item.
CASE_ACTIONS = {"case_move", "case_to_section", "case_link", "case_grade", "case_remove"}
CASE: frozenset[Reload] = frozenset({"case"})
#: The "leave unknown" answer of the grade pickers.
UNKNOWN = "-"
LEAVE_UNKNOWN = choice(UNKNOWN, UNKNOWN, "leave unknown")


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


def _links_shape(content: Content) -> tuple[int, bool]:
    """What the links box's height depends on: its lines (it never wraps, and shows at most
    ``LINKS_MAX_LINES``) and whether it is empty."""
    return min(content.plain.count("\n") + 1, LINKS_MAX_LINES), bool(content.plain)


def grade_of(reliability: str, credibility: str) -> Grade | None:
    """The grade picked in the two dialogs (``-`` leaves a part unknown; both unknown: no grade)."""
    if reliability == UNKNOWN and credibility == UNKNOWN:
        return None
    return Grade.model_validate(
        {
            "reliability": None if reliability == UNKNOWN else reliability,
            "credibility": None if credibility == UNKNOWN else int(credibility),
        }
    )


class CasePane(Pane):
    """The case file: sections of numbered items; the highlighted item's links are listed below."""

    PANE = "case"
    BINDINGS = bindings(Scope.CASE)

    snapshot: CaseSnapshot | None = None
    #: The height of the links box as last shown (see :func:`_links_shape`); None before the first.
    _links_height: tuple[int, bool] | None = None
    #: Each shown item's prompt, by its row (see :meth:`show_snapshot`).
    _prompts: dict[CaseItemRow, Content] | None = None
    #: The snapshot the list shows now (None before the first, and while a read error is shown).
    _drawn: CaseSnapshot | None = None
    #: The corpus's provenance: items show their documents and origins, links warn of one origin (issue 16).
    provenance: ProvenanceReport | None = None

    def compose(self) -> ComposeResult:
        yield RowList(id="case-list", empty="Loading the case file…")
        yield Static("", id="case-links", classes="case-links", markup=False)

    def primary(self) -> RowList:
        return self.query_one("#case-list", RowList)

    @property
    def highlighted_item(self) -> CaseItemRow | None:
        key = self.primary().highlighted_key if self.is_mounted else None
        if key is None or self.snapshot is None:
            return None
        return self.snapshot.item(key)

    # -- loading ------------------------------------------------------------------------------------
    def load(self, highlight: str | None = None) -> None:
        """Read the case file again (in a worker) and show it, highlighting ``highlight`` when given."""
        workspace = self.workspace
        provenance = self.provenance

        def job() -> None:
            try:
                snapshot = case_snapshot(workspace.case().view(), provenance)
            except Exception as error:
                self.post_message(CaseLoaded(None, f"the case file could not be read: {error}"))
                return
            self.post_message(CaseLoaded(snapshot, highlight=highlight, traced_with=provenance))

        start_worker(self, job, name="read the case file", group="case-load", exclusive=True)

    def on_case_loaded(self, message: CaseLoaded) -> None:
        message.stop()
        if message.snapshot is None:
            self._drawn = None
            self.primary().set_empty(
                Content.assemble(
                    Content("Case file not available").stylize("bold"),
                    "\n",
                    Content(message.reason or "").stylize(MUTED),
                )
            )
        else:
            highlight = message.highlight
            if message.snapshot != self._drawn or (highlight and highlight != self.primary().highlighted_key):
                # This window's own writes come back as file events and are read again: the same
                # case, drawn again, would only cost the next key its frame.
                self.show_snapshot(message.snapshot, highlight)
            if self.provenance is not None and message.traced_with is not self.provenance:
                # A read begun before the provenance report arrived finished after its recount: its
                # rows lack the origins lines, so read once more with the report now at hand.
                self.load(message.highlight)
        self.screen.refresh_bindings()

    def show_snapshot(self, snapshot: CaseSnapshot, highlight: str | None = None) -> None:
        """Show the case; keep (or move to) the highlighted item."""
        self.snapshot = snapshot
        # An item's prompt is a pure function of its row: the rows that did not change keep theirs
        # (adding one passage to a case of 300 drew 300 prompts again, 13 ms on the UI thread).
        known, prompts = self._prompts or {}, {}
        rows: list[ListRow] = []
        for section in snapshot.sections:
            members = snapshot.in_section(section)
            rows.append(
                ListRow(
                    key=f"section:{section}", prompt=group_header(section, len(members)), header=True, group=section
                )
            )
            for item in members:
                prompt = known.get(item)
                if prompt is None:
                    prompt = with_origins(item_prompt(item), item.origins)
                prompts[item] = prompt
                rows.append(
                    ListRow(
                        key=item.id,
                        prompt=prompt,
                        group=section,
                        filter_text=f"{item.number} {item.label} {item.kind} {section}",
                    )
                )
        self._prompts = prompts
        self._drawn = snapshot
        case_list = self.primary()
        case_list.set_empty("The case file is empty · a adds a note, c in the reader adds a passage")
        case_list.set_rows(rows, highlight=highlight)
        self.set_title(f"{len(snapshot.items):,}")
        self._show_links()

    def _show_links(self) -> None:
        content = links_content(self.highlighted_item)
        shape = _links_shape(content)
        # Ask for a layout only when the box changes height: a layout arranges every widget of the
        # screen again, and this runs on every move in the list and every reload of the case.
        self.query_one("#case-links", Static).update(content, layout=shape != self._links_height)
        self._links_height = shape

    @on(RowList.Highlighted, "#case-list")
    def _item_highlighted(self, event: RowList.Highlighted) -> None:
        event.stop()
        self._show_links()

    @on(RowList.Opened, "#case-list")
    def _item_opened(self, event: RowList.Opened) -> None:
        event.stop()
        item = self.snapshot.item(event.key) if self.snapshot else None
        if item is None:
            return
        if item.place is None:
            self.notify("This item does not point into a document", timeout=3)
            return
        place = item.place
        trail = Trail("passage", item.kind, (Mark(place.doc_id, place.start, place.end),))
        self.post_message(OpenInReader(place.doc_id, trail))

    # -- the keys -----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CASE_ACTIONS:
            item = self.highlighted_item
            if item is None:
                return None  # shown, dimmed: there is nothing to act on yet
            if action == "case_grade":
                return item.is_passage or None
        return True

    def action_case_move(self, delta: int) -> None:
        item = self.highlighted_item
        snapshot = self.snapshot
        if item is None or snapshot is None:
            return
        siblings = snapshot.in_section(item.section)
        index = next(i for i, other in enumerate(siblings) if other.id == item.id)
        to_section: str | None = None
        position: int | None
        if delta > 0 and index < len(siblings) - 1:
            position = index + 2
        elif delta < 0 and index > 0:
            position = index
        else:
            sections = list(snapshot.sections)
            next_index = sections.index(item.section) + (1 if delta > 0 else -1)
            if not 0 <= next_index < len(sections):
                self.notify("Already at the " + ("end" if delta > 0 else "top") + " of the case file", timeout=2)
                return
            to_section = sections[next_index]
            position = 1 if delta > 0 else None
        workspace = self.workspace

        def move() -> ChangeDone:
            moved = workspace.case().move(item.id, to_section=to_section, position=position)
            where = f" to '{to_section}'" if to_section else ""
            return ChangeDone(f"Moved #{item.number}{where}", CASE, highlight=moved.id)

        self.run_change("Cannot move", move)

    def action_case_to_section(self) -> None:
        item = self.highlighted_item
        snapshot = self.snapshot
        if item is None or snapshot is None:
            return
        workspace = self.workspace

        def picked(section: str | None) -> None:
            if section is None:
                return

            def move() -> ChangeDone:
                workspace.case().move(item.id, to_section=section)
                return ChangeDone(f"Moved #{item.number} to '{section}'", CASE, highlight=item.id)

            self.run_change("Cannot move", move)

        self.app.push_screen(
            SectionPicker(f"Move #{item.number} to the section", snapshot.sections, current=item.section), picked
        )

    def action_case_link(self) -> None:
        item = self.highlighted_item
        snapshot = self.snapshot
        if item is None or snapshot is None:
            return
        others = [
            Choice(
                other.id,
                Content.assemble(
                    Content(f"#{other.number} ").stylize("bold $text-accent"),
                    Content(one_line(other.label)[:90]),
                    Content(f"  {other.kind}").stylize(MUTED),
                ),
                f"{other.number} {other.label} {other.kind}",
            )
            for other in snapshot.items
            if other.id != item.id
        ]
        if not others:
            self.notify("The case file has no other item to link to", severity="warning")
            return
        questions = [
            Question(f"Link #{item.number} to which item?", others),
            Question(
                f"#{item.number} … which relation?",
                [choice(r.value, r.value, RELATION_HELP.get(r.value, "")) for r in Relation],
            ),
            Question("A note on the link", free_text=True, placeholder="optional: why they are linked"),
        ]

        def answered(answers: tuple[str, ...] | None) -> None:
            if answers is not None:
                target, relation, note = answers
                self._link(item, target, relation, note)

        self.app.push_screen(QuestionsDialog(questions), answered)

    def _link(self, item: CaseItemRow, target: str, relation: str, note: str) -> None:
        workspace = self.workspace
        snapshot = self.snapshot

        provenance = self.provenance

        def link() -> ChangeDone:
            made = workspace.case().link(item.id, target, relation, note or None)
            other = snapshot.item(made.target) if snapshot else None
            number = f"#{other.number}" if other else made.target
            done = ChangeDone(f"Linked #{item.number} {relation} {number}", CASE, highlight=item.id)
            return corroboration_notice(done, workspace.case().view(), provenance, made)

        self.run_change("Cannot link", link)

    def set_provenance(self, report: ProvenanceReport) -> None:
        """Count each item's documents and origins; the rows are shown again only if a line changes."""
        self.provenance = report
        workspace, shown = self.workspace, shown_origins(self.snapshot)

        def job() -> None:
            snapshot = case_snapshot(workspace.case().view(), report)
            if shown_origins(snapshot) != shown:
                self.post_message(CaseLoaded(snapshot, traced_with=report))

        start_worker(self, job, name="count the case items' origins", group="case-origins", exclusive=True)

    def action_case_grade(self) -> None:
        item = self.highlighted_item
        if item is None or not item.is_passage:
            self.notify("Only passages are graded", severity="warning")
            return
        reliabilities = [choice(code, code, label) for code, label in RELIABILITY_LABELS.items()]
        credibilities = [choice(str(number), str(number), label) for number, label in CREDIBILITY_LABELS.items()]
        questions = [
            Question(f"Grade #{item.number}: how reliable is the source?", [*reliabilities, LEAVE_UNKNOWN]),
            Question(f"Grade #{item.number}: how credible is the information?", [*credibilities, LEAVE_UNKNOWN]),
        ]

        def answered(answers: tuple[str, ...] | None) -> None:
            if answers is not None:
                reliability, credibility = answers
                self._grade(item, grade_of(reliability, credibility))

        self.app.push_screen(QuestionsDialog(questions), answered)

    def _grade(self, item: CaseItemRow, grade: Grade | None) -> None:
        workspace = self.workspace

        def change() -> ChangeDone:
            workspace.case().grade(item.id, grade)
            said = f"Graded #{item.number} {grade.code}" if grade else f"Removed the grade of #{item.number}"
            return ChangeDone(said, CASE, highlight=item.id)

        self.run_change("Cannot grade", change)

    def action_case_add_note(self) -> None:
        item = self.highlighted_item
        section = item.section if item is not None else None
        workspace = self.workspace

        def add(text: str | None) -> None:
            if not text:
                return

            def change() -> ChangeDone:
                note = workspace.case().add_note(text, section=section)
                return ChangeDone("Added a note to the case file", CASE, highlight=note.id)

            self.run_change("Cannot add the note", change)

        self.app.push_screen(PromptDialog("A note for the case file" + (f" (in '{section}')" if section else "")), add)

    def action_case_remove(self) -> None:
        item = self.highlighted_item
        if item is None:
            return
        workspace = self.workspace

        def remove() -> ChangeDone:
            workspace.case().remove(item.id)
            return ChangeDone(f"Removed #{item.number} from the case file (ctrl+z brings it back)", CASE)

        self.run_change("Cannot remove", remove)

    def export(self) -> None:
        """Ask for a format, then write the export next to the case file and say where."""
        workspace = self.workspace

        def chosen(format_key: str | None) -> None:
            if format_key is None:
                return

            def export() -> ChangeDone:
                path = workspace.write_export(format_key)
                return ChangeDone(f"Exported the case file ({format_key}) to {path}")

            self.run_change("Export failed", export)

        formats = [choice(key, key, label) for key, label in EXPORT_FORMATS]
        self.app.push_screen(ChoiceDialog("Export the case file as", formats), chosen)

    # -- issue 13: the case from the app ---------------------------------------------------------------
    def action_case_header(self) -> None:
        """E: edit the title, summary and key questions (read in a worker, then the dialog)."""
        workspace = self.workspace

        def job() -> None:
            header = workspace.case().load().header
            current = CaseHeaderText(header.title, header.summary, header.questions)
            self.app.call_from_thread(self.app.push_screen, CaseHeaderDialog(current), self._header_edited)

        start_worker(self, job, name="read the case header", group="case-load")

    def _header_edited(self, text: CaseHeaderText | None) -> None:
        if text is None:
            return
        workspace = self.workspace

        def change() -> ChangeDone:
            title = text.title or None  # an empty title leaves the one there
            workspace.case().set_header(title=title, summary=text.summary, questions=list(text.questions))
            return ChangeDone("Saved the case's title, summary and key questions", CASE)

        self.run_change("Cannot change the case header", change)

    def action_case_item_note(self) -> None:
        """A: the highlighted item's own note (empty removes it)."""
        item = self.highlighted_item
        if item is None:
            self.notify("Highlight an item first (j k), then A writes its note", severity="warning")
            return
        workspace = self.workspace

        def written(note: str | None) -> None:
            if note is None:
                return

            def change() -> ChangeDone:
                workspace.case().set_note(item.id, note.strip() or None)
                said = f"Note on #{item.number} saved" if note.strip() else f"Note on #{item.number} removed"
                return ChangeDone(said, CASE, highlight=item.id)

            self.run_change("Cannot write the note", change)

        self.app.push_screen(NoteEditor(item.note or "", f"#{item.number} {item.label}"), written)

    def action_case_follow_link(self) -> None:
        """L: go to an item this one links to (one link: straight there; several: pick)."""
        item = self.highlighted_item
        snapshot = self.snapshot
        if item is None or snapshot is None:
            return
        targets = [link for link in item.links if link.other_number is not None]
        if not targets:
            self.notify(f"#{item.number} has no links to follow · l links it to another item", timeout=3)
            return
        by_number = {other.number: other.id for other in snapshot.items}

        def go(number: str | None) -> None:
            if number is not None and int(number) in by_number:
                self.primary().highlight(by_number[int(number)])
                self._show_links()

        if len(targets) == 1:
            go(str(targets[0].other_number))
            return
        choices = [
            choice(
                str(link.other_number), f"#{link.other_number}", f"{link.relation} · {one_line(link.other_label)[:60]}"
            )
            for link in targets
        ]
        self.app.push_screen(ChoiceDialog(f"Go to which item #{item.number} links to?", choices), go)
