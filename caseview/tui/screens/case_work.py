"""Working on the case file from the main screen: reorder, move, link, grade, note, remove, export, undo.

Every change runs in a thread worker (:meth:`CaseWork.run_change`) that calls the workspace and
posts :class:`ChangeDone` or :class:`ChangeFailed`; the screen then reloads what changed. Dialogs
collect the answers first (on the UI thread), so a worker never waits for the analyst.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import work
from textual.content import Content

from caseview.casefile.model import CREDIBILITY_LABELS, RELIABILITY_LABELS, Grade, Relation
from caseview.tui.case_messages import CaseSnapshotLoaded, ChangeDone, ChangeFailed, ReviewCount
from caseview.tui.case_rows import CaseItemRow, case_snapshot
from caseview.tui.render import MUTED, one_line
from caseview.tui.screens.base import MainScreenBase
from caseview.tui.screens.choice_dialogs import Choice, ChoiceDialog, TextDialog
from caseview.tui.screens.review import ReviewPlace
from caseview.tui.trail import Mark, Trail
from caseview.tui.widgets.case_pane import CaseFilePane

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
NEW_SECTION = "\x00new"
CASE_ACTIONS = {"case_move", "case_to_section", "case_link", "case_grade", "case_remove"}


def _choice(key: str, label: str, detail: str = "") -> Choice:
    content = (
        Content.assemble(Content(label).stylize("bold"), Content(f"  {detail}").stylize(MUTED))
        if detail
        else Content(label)
    )
    return Choice(key, content, f"{label} {detail}")


class CaseWork(MainScreenBase):
    """The case pane's actions, export, and one undo/redo for everything the analyst changed."""

    @property
    def case_pane(self) -> CaseFilePane:
        return self.query_one(CaseFilePane)

    def _case_item(self) -> CaseItemRow | None:
        return self.case_pane.highlighted_item if self.is_mounted else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in CASE_ACTIONS or action == "case_add_note" or action == "export_case":
            if not hasattr(self.workspace, "case"):
                return False
        if action in CASE_ACTIONS:
            item = self._case_item()
            if item is None:
                return None  # shown, dimmed: there is nothing to act on yet
            if action == "case_grade":
                return item.is_passage or None
        return super().check_action(action, parameters)

    # -- loading ----------------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="case")
    def load_case_file(self, highlight: str | None = None) -> None:
        if not hasattr(self.workspace, "case"):
            self.post_message(CaseSnapshotLoaded(None, "the case file is not part of this build"))
            return
        try:
            snapshot = case_snapshot(self.workspace.case().view())
        except Exception as error:
            self.post_message(CaseSnapshotLoaded(None, f"the case file could not be read: {error}"))
            return
        self.post_message(CaseSnapshotLoaded(snapshot, highlight=highlight))

    def on_case_snapshot_loaded(self, message: CaseSnapshotLoaded) -> None:
        if message.snapshot is None:
            self.case_pane.set_unavailable(message.reason or "")
        else:
            self.case_pane.show_snapshot(message.snapshot, message.highlight)
        self.refresh_bindings()

    @work(thread=True, exclusive=True, group="review-count")
    def count_review(self) -> None:
        self.post_message(ReviewCount(self.features.needs_review_count()))

    def on_review_count(self, message: ReviewCount) -> None:
        self.status.change(needs_review=message.count)

    # -- changing, in a worker ------------------------------------------------------------------------
    @work(thread=True, group="changes")
    def run_change(self, title: str, change: Callable[[], ChangeDone]) -> None:
        try:
            done = change()
        except Exception as error:
            self.post_message(ChangeFailed(title, str(error)))
            return
        self.post_message(done)

    def on_change_done(self, message: ChangeDone) -> None:
        self.notify(message.message, severity=message.severity, markup=False, timeout=4)  # type: ignore[arg-type]
        if "case" in message.reload:
            self.load_case_file(message.highlight)
        if "entities" in message.reload:
            self.load_extraction()
        if "review" in message.reload:
            self.count_review()
        self.refresh_bindings()

    def on_change_failed(self, message: ChangeFailed) -> None:
        self.notify(message.reason, title=message.title, severity="error", markup=False, timeout=6)

    # -- undo / redo ------------------------------------------------------------------------------
    # The reader's annotating part (another mixin) may run undo itself, with its own bookkeeping of
    # other windows' changes; then it goes first and this part only reloads what it shows.
    def action_undo(self) -> None:
        parent = getattr(super(), "action_undo", None)
        if parent is not None:
            parent()
            return
        self.run_change("Undo", lambda: self._undo_or_redo(self.workspace.undo, "Nothing to undo"))

    def action_redo(self) -> None:
        parent = getattr(super(), "action_redo", None)
        if parent is not None:
            parent()
            return
        self.run_change("Redo", lambda: self._undo_or_redo(self.workspace.redo, "Nothing to redo"))

    def on_undo_finished(self, message: object) -> None:
        """After the annotating part's undo (its ``UndoFinished``): entities and the review count too."""
        result = getattr(message, "result", None)
        if result is None:
            return
        if "entities" in getattr(result, "kinds", ()):
            self.load_extraction()
        self.count_review()

    def _undo_or_redo(self, step: Callable[[], object], nothing: str) -> ChangeDone:
        result = step()
        if result is None:
            return ChangeDone(nothing, frozenset(), severity="warning")
        kinds = set(getattr(result, "kinds", ()) or ())
        reload = {"case", "review"}
        if "entities" in kinds:
            reload.add("entities")
        note = getattr(result, "note", "")
        return ChangeDone(str(result.message) + (f" ({note})" if note else ""), frozenset(reload))  # type: ignore[attr-defined]

    # -- export -----------------------------------------------------------------------------------
    def action_export_case(self) -> None:
        choices = [_choice(key, key, label) for key, label in EXPORT_FORMATS]
        self.app.push_screen(ChoiceDialog("Export the case file as", choices), self._export_chosen)

    def _export_chosen(self, format_key: str | None) -> None:
        if format_key is None:
            return

        def export() -> ChangeDone:
            path = self.workspace.write_export(format_key)
            return ChangeDone(f"Exported the case file ({format_key}) to {path}", frozenset())

        self.run_change("Export failed", export)

    # -- the case pane's keys -----------------------------------------------------------------------
    def action_case_move(self, delta: int) -> None:
        item = self._case_item()
        snapshot = self.case_pane.snapshot
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

        def move() -> ChangeDone:
            moved = self.workspace.case().move(item.id, to_section=to_section, position=position)
            where = f" to '{to_section}'" if to_section else ""
            return ChangeDone(f"Moved #{item.number}{where}", frozenset({"case"}), highlight=moved.id)

        self.run_change("Cannot move", move)

    def action_case_to_section(self) -> None:
        item = self._case_item()
        snapshot = self.case_pane.snapshot
        if item is None or snapshot is None:
            return
        choices = [_choice(title, title, "(here now)" if title == item.section else "") for title in snapshot.sections]
        choices.append(_choice(NEW_SECTION, "New section…"))
        self.app.push_screen(
            ChoiceDialog(f"Move #{item.number} to the section", choices),
            lambda answer: self._section_chosen(item, answer),
        )

    def _section_chosen(self, item: CaseItemRow, section: str | None) -> None:
        if section is None:
            return
        if section == NEW_SECTION:
            self.app.push_screen(TextDialog("Name of the new section"), lambda title: self._section_chosen(item, title))
            return

        def move() -> ChangeDone:
            self.workspace.case().move(item.id, to_section=section)
            return ChangeDone(f"Moved #{item.number} to '{section}'", frozenset({"case"}), highlight=item.id)

        self.run_change("Cannot move", move)

    def action_case_link(self) -> None:
        item = self._case_item()
        snapshot = self.case_pane.snapshot
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
        self.app.push_screen(
            ChoiceDialog(f"Link #{item.number} to which item?", others),
            lambda target: self._link_target_chosen(item, target),
        )

    def _link_target_chosen(self, item: CaseItemRow, target: str | None) -> None:
        if target is None:
            return
        choices = [
            _choice(relation.value, relation.value, RELATION_HELP.get(relation.value, "")) for relation in Relation
        ]
        self.app.push_screen(
            ChoiceDialog(f"#{item.number} … which relation?", choices),
            lambda relation: self._link_relation_chosen(item, target, relation),
        )

    def _link_relation_chosen(self, item: CaseItemRow, target: str, relation: str | None) -> None:
        if relation is None:
            return
        self.app.push_screen(
            TextDialog(f"Note on the link ({relation})", placeholder="optional", allow_empty=True),
            lambda note: self._link(item, target, relation, note),
        )

    def _link(self, item: CaseItemRow, target: str, relation: str, note: str | None) -> None:
        if note is None:
            return

        def link() -> ChangeDone:
            made = self.workspace.case().link(item.id, target, relation, note or None)
            snapshot = self.case_pane.snapshot
            other = snapshot.item(made.target) if snapshot else None
            number = f"#{other.number}" if other else made.target
            return ChangeDone(f"Linked #{item.number} {relation} {number}", frozenset({"case"}), highlight=item.id)

        self.run_change("Cannot link", link)

    def action_case_grade(self) -> None:
        item = self._case_item()
        if item is None or not item.is_passage:
            self.notify("Only passages are graded", severity="warning")
            return
        choices = [_choice(code, code, label) for code, label in RELIABILITY_LABELS.items()]
        choices.append(_choice("-", "-", "leave unknown"))
        self.app.push_screen(
            ChoiceDialog(f"Grade #{item.number}: how reliable is the source?", choices),
            lambda reliability: self._reliability_chosen(item, reliability),
        )

    def _reliability_chosen(self, item: CaseItemRow, reliability: str | None) -> None:
        if reliability is None:
            return
        choices = [_choice(str(number), str(number), label) for number, label in CREDIBILITY_LABELS.items()]
        choices.append(_choice("-", "-", "leave unknown"))
        self.app.push_screen(
            ChoiceDialog(f"Grade #{item.number}: how credible is the information?", choices),
            lambda credibility: self._grade(item, reliability, credibility),
        )

    def _grade(self, item: CaseItemRow, reliability: str, credibility: str | None) -> None:
        if credibility is None:
            return
        if reliability == "-" and credibility == "-":
            grade = None
        else:
            grade = Grade(
                reliability=None if reliability == "-" else reliability,  # type: ignore[arg-type]
                credibility=None if credibility == "-" else int(credibility),
            )

        def change() -> ChangeDone:
            self.workspace.case().grade(item.id, grade)
            said = f"Graded #{item.number} {grade.code}" if grade else f"Removed the grade of #{item.number}"
            return ChangeDone(said, frozenset({"case"}), highlight=item.id)

        self.run_change("Cannot grade", change)

    def action_case_add_note(self) -> None:
        item = self._case_item()
        section = item.section if item is not None else None
        self.app.push_screen(
            TextDialog("A note for the case file" + (f" (in '{section}')" if section else "")),
            lambda text: self._add_note(text, section),
        )

    def _add_note(self, text: str | None, section: str | None) -> None:
        if not text:
            return

        def add() -> ChangeDone:
            note = self.workspace.case().add_note(text, section=section)
            return ChangeDone("Added a note to the case file", frozenset({"case"}), highlight=note.id)

        self.run_change("Cannot add the note", add)

    def action_case_remove(self) -> None:
        item = self._case_item()
        if item is None:
            return

        def remove() -> ChangeDone:
            self.workspace.case().remove(item.id)
            return ChangeDone(f"Removed #{item.number} from the case file (ctrl+z brings it back)", frozenset({"case"}))

        self.run_change("Cannot remove", remove)

    def action_show_review(self) -> None:
        from caseview.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.workspace, self.reader), self._review_closed)

    def _review_closed(self, place: ReviewPlace | None) -> None:
        self.count_review()
        self.load_case_file()
        if place is not None:
            marks = (Mark(place.doc_id, *place.span),) if place.span else ()
            trail = Trail("passage", "review candidate", marks) if marks else None
            self.open_document(place.doc_id, trail)  # type: ignore[attr-defined] - Opening's
