"""Annotating from the reader: select, tag, note, add to the case file, undo/redo, and other windows' changes.

Every change goes to disk through the workspace in a thread worker (there is nothing to save); the
worker posts a message and the screen reloads what the change touched. A cheap poll of the corpus
folder's file stamps (``Workspace.changes_since``) notices what another window or the CLI changed.
"""

from __future__ import annotations

import gc

from textual import on, work
from textual.content import Content
from textual.timer import Timer
from textual.widgets import TextArea
from textual.worker import Worker

from caseview.annotations.model import Annotation
from caseview.casefile.operations import DEFAULT_SECTION
from caseview.corpus import Document
from caseview.extract.sentences import split_sentences
from caseview.tui.change_messages import (
    AnnotationDetailsReady,
    AnnotationsLoaded,
    CaseSectionsReady,
    OutsideChanges,
    SourceRowsReady,
    UndoFinished,
    WorkChanged,
    WorkFailed,
)
from caseview.tui.messages import DocumentLoaded
from caseview.tui.render import MUTED, one_line
from caseview.tui.screens.base import MainScreenBase
from caseview.tui.screens.dialogs import AnnotationDetails, NoteEditor, SectionPicker
from caseview.tui.screens.tag_picker import TagPicker
from caseview.tui.widgets.panes import source_rows
from caseview.tui.widgets.reader import annotation_span
from caseview.workspace.watching import StateToken, WorkspaceChanges

#: How often the corpus folder is checked for other windows' changes.
WATCH_INTERVAL_S = 1.5
#: Characters of a passage shown in dialog titles and messages.
SUBJECT_CHARS = 70

#: Actions that need an open document.
_DOCUMENT_ACTIONS = {"select_mode", "select_sentence", "select_paragraph"}
#: Actions that need a selection or an annotation at the cursor.
_PASSAGE_ACTIONS = {"tag", "note", "add_to_case"}


def shorten(text: str, limit: int = SUBJECT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: What an annotating action works on: (document, start, end, the annotation there or None).
Target = tuple[Document, int, int, Annotation | None]


class Annotating(MainScreenBase):
    """``v`` ``s`` ``p`` select; ``t`` ``a`` ``c`` annotate; ``[`` ``]`` and enter; ctrl+z / ctrl+y."""

    _known_tags: tuple[str, ...] = ()
    _state_token: StateToken | None = None
    _watch_timer: Timer | None = None
    _passage_state: tuple[object, ...] = ()
    _annotations_generation = 0
    _watch_worker: Worker[None] | None = None

    # -- what the keys work on -----------------------------------------------------------------
    def _target(self) -> Target | None:
        """The selection (the annotation with exactly that span, if any), else the annotation at the cursor."""
        reader = self.reader
        document = reader.document
        if document is None:
            return None
        span = reader.view.selected_span()
        if span is not None:
            same = next((a for a in reader.annotations if annotation_span(a) == span), None)
            return document, span[0], span[1], same
        annotation = reader.annotation_under_cursor()
        if annotation is None:
            return None
        start, end = annotation_span(annotation) or (0, 0)
        return document, start, end, annotation

    def check_annotating_action(self, action: str) -> bool | None:
        """Whether an annotating action applies now (None: not an annotating action)."""
        if not self.is_mounted:
            return None
        if action in _DOCUMENT_ACTIONS:
            return self.reader.document is not None
        if action in _PASSAGE_ACTIONS:
            return self._target() is not None
        if action == "show_annotation":
            return self.reader.document is not None and self.reader.annotation_under_cursor() is not None
        if action == "step_annotation":
            return bool(self.reader.annotations)
        return None

    @on(TextArea.SelectionChanged, "#reader-text")
    def _reader_cursor_moved(self) -> None:
        """Show or hide t / a / c / Enter as the cursor enters and leaves selections and annotations."""
        reader = self.reader
        annotation = reader.annotation_under_cursor()
        state = (reader.view.selected_span() is not None, annotation.id if annotation else None, reader.view.selecting)
        if state != self._passage_state:
            self._passage_state = state
            self.refresh_bindings()

    # -- selecting -------------------------------------------------------------------------------
    def action_select_mode(self) -> None:
        self.reader.view.toggle_selecting()
        self._focus_reader()

    def action_select_sentence(self) -> None:
        if not self.reader.view.select_sentence():
            self.notify("No sentence here", severity="warning", timeout=2)
        self._focus_reader()

    def action_select_paragraph(self) -> None:
        if not self.reader.view.select_paragraph():
            self.notify("No paragraph here (a blank line)", severity="warning", timeout=2)
        self._focus_reader()

    def _focus_reader(self) -> None:
        if self.focused is not self.reader.view:
            self.action_focus_pane("reader")

    # -- tagging, notes, the case file -----------------------------------------------------------
    def action_tag(self) -> None:
        target = self._target()
        if target is None:
            self.notify("Select a passage first (v, s or p), or go to an annotation ([ ])", severity="warning")
            return
        document, start, end, annotation = target

        def tagged(tags: tuple[str, ...] | None) -> None:
            if tags is None:
                return
            if annotation is not None:
                if tuple(tags) != annotation.tags:
                    self.reader.show_pending(start, end, tags)
                    self.call_after_refresh(self.change_annotation, annotation.id, annotation.rev, tags=tags)
            elif tags:
                self.reader.view.clear_selection(at=start)
                self.reader.show_pending(start, end, tags)
                # The highlight is drawn first; then the write (and the re-index) start in a worker.
                self.call_after_refresh(self.add_annotation, document.id, start, end, tags=tags)
            else:
                self.notify("No tag given: nothing changed", timeout=2)

        self.app.push_screen(
            TagPicker(self._known_tags, annotation.tags if annotation else (), shorten(document.text[start:end])),
            tagged,
        )

    def action_note(self) -> None:
        target = self._target()
        if target is None:
            self.notify("Select a passage first (v, s or p), or go to an annotation ([ ])", severity="warning")
            return
        document, start, end, annotation = target

        def written(note: str | None) -> None:
            if note is None:
                return
            if annotation is not None:
                if (note.strip() or None) != annotation.note:
                    self.change_annotation(annotation.id, annotation.rev, note=note)
            elif note.strip():
                self.reader.view.clear_selection(at=start)
                self.reader.show_pending(start, end, ())
                self.call_after_refresh(self.add_annotation, document.id, start, end, note=note)

        self.app.push_screen(
            NoteEditor(annotation.note or "" if annotation else "", shorten(document.text[start:end])), written
        )

    def action_add_to_case(self) -> None:
        target = self._target()
        if target is None:
            self.notify("Select a passage first (v, s or p), or go to an annotation ([ ])", severity="warning")
            return
        document, start, end, annotation = target
        self.load_case_sections(
            (document.id, start, end, annotation.id if annotation else None), shorten(document.text[start:end])
        )

    def on_case_sections_ready(self, message: CaseSectionsReady) -> None:
        def picked(section: str | None) -> None:
            if section is not None:
                if message.target[3] is None:
                    self.reader.view.clear_selection(at=message.target[1])
                self.call_after_refresh(self.add_to_case, message.target, section)

        self.app.push_screen(SectionPicker(message.sections, message.subject), picked)

    # -- annotations in the document ------------------------------------------------------------
    def action_step_annotation(self, delta: int) -> None:
        if self.reader.step_annotation(delta) is None:
            self.notify(f"No {'next' if delta > 0 else 'previous'} annotation in this document", timeout=2)

    def action_show_annotation(self) -> None:
        annotation = self.reader.annotation_under_cursor()
        if annotation is not None:
            self.load_annotation_details(annotation.id)

    def on_annotation_details_ready(self, message: AnnotationDetailsReady) -> None:
        self.app.push_screen(AnnotationDetails(details_content(message.annotation, message.case_lines)))

    @on(DocumentLoaded)
    def _document_opened(self, message: DocumentLoaded) -> None:
        self._passage_state = ()
        self.load_annotations(message.document.id, message.document.text)

    def load_annotations(self, doc_id: str, text: str) -> None:
        """Read the annotations of ``doc_id`` in a worker; only the latest read is shown."""
        self._annotations_generation += 1
        self._read_annotations(doc_id, text, self._annotations_generation)

    def on_annotations_loaded(self, message: AnnotationsLoaded) -> None:
        if message.generation != self._annotations_generation:
            return  # a newer read is on its way
        self._known_tags = message.known_tags
        self.reader.set_annotations(message.doc_id, message.annotations)
        # What is loaded now lives long (the document, its annotations, the index): keep the cyclic
        # garbage collector from walking it again and again — with a 1 MB document and 500
        # annotations each full collection stalled the screen for 150–300 ms. (Frozen objects are
        # still freed by reference counting when dropped.)
        gc.freeze()
        self._passage_state = ()
        self._reader_cursor_moved()
        self.refresh_bindings()

    # -- undo and redo --------------------------------------------------------------------------
    def action_undo(self) -> None:
        self.run_undo("undo")

    def action_redo(self) -> None:
        self.run_undo("redo")

    def on_undo_finished(self, message: UndoFinished) -> None:
        result = message.result
        self._state_token = message.token
        if result is None:
            self.notify(f"Nothing to {message.action}", timeout=2)
            return
        self.notify(result.message, title=message.action.capitalize(), markup=False, timeout=4)
        if "annotation" in result.kinds or result.doc_ids:
            self._reload_annotations(result.doc_ids)
        if "case" in result.kinds:
            self.load_case_file()  # type: ignore[attr-defined]  # BackgroundWork's

    # -- after a change -------------------------------------------------------------------------
    def on_work_changed(self, message: WorkChanged) -> None:
        self._state_token = message.token
        self.notify(message.message, markup=False, timeout=3)
        self._reload_annotations(message.doc_ids, counts=message.counts_changed)
        if message.case_changed:
            self.load_case_file()  # type: ignore[attr-defined]  # BackgroundWork's

    def on_work_failed(self, message: WorkFailed) -> None:
        self.notify(message.reason, title=message.title, severity="error", markup=False)
        self._reload_annotations(())  # drops what was shown as pending

    def _reload_annotations(self, doc_ids: tuple[str, ...], counts: bool = True) -> None:
        document = self.reader.document
        if document is not None and (not doc_ids or document.id in doc_ids):
            self.load_annotations(document.id, document.text)
        if counts and self.index_ready:
            self.load_source_rows()

    def on_source_rows_ready(self, message: SourceRowsReady) -> None:
        self.sources.set_documents(message.rows)

    # -- other windows ----------------------------------------------------------------------------
    def start_watching(self) -> None:
        """Check the corpus folder for changes made elsewhere every few seconds (stats only, in a worker)."""
        if self._watch_timer is None:
            self._watch_timer = self.set_interval(WATCH_INTERVAL_S, self._watch_tick)

    def _watch_tick(self) -> None:
        if self._watch_worker is None or self._watch_worker.is_finished:
            self._watch_worker = self.check_outside_changes()

    def on_outside_changes(self, message: OutsideChanges) -> None:
        self._state_token = message.token
        changes = message.changes
        if changes.annotations:
            self._reload_annotations(changes.annotations)
        if changes.cases:
            self.load_case_file()  # type: ignore[attr-defined]  # BackgroundWork's
        if changes.documents and self.index_ready:
            self.notify(f"{len(changes.documents)} document file(s) changed on disk: re-indexing", timeout=3)
            self.action_reindex()  # type: ignore[attr-defined]  # BackgroundWork's

    # -- workers: each reads or writes through the workspace and posts what happened ---------------
    @work(thread=True, group="annotations")
    def _read_annotations(self, doc_id: str, text: str, generation: int) -> None:
        try:
            annotations = self.workspace.annotations(doc_id)
            known = sorted(
                {tag for annotation in self.workspace.annotations() for tag in annotation.tags}, key=str.casefold
            )
        except Exception as error:
            self.post_message(WorkFailed("Annotations", f"could not read the annotations of {doc_id}: {error}"))
            return
        split_sentences(text)  # s and ( ) are instant afterwards, even in a long document
        self.post_message(AnnotationsLoaded(doc_id, annotations, known, generation))

    @work(thread=True, group="sources")
    def load_source_rows(self) -> None:
        documents = self.workspace.documents()
        self.post_message(SourceRowsReady(source_rows(documents, self.features.annotation_counts())))

    @work(thread=True, group="changes")
    def add_annotation(
        self, doc_id: str, start: int, end: int, tags: tuple[str, ...] = (), note: str | None = None
    ) -> None:
        try:
            annotation = self.workspace.annotate_span(doc_id, start, end, tags=tags, note=note)
        except Exception as error:
            self.post_message(WorkFailed("Not annotated", str(error)))
            return
        what = f"tagged {', '.join(tags)}" if tags else "note written"
        self.post_message(
            WorkChanged(
                f"{what}: “{shorten(annotation.quote.exact, 50)}”",
                [doc_id],
                False,
                self.workspace.state_token(),
                counts_changed=True,
            )
        )

    @work(thread=True, group="changes")
    def change_annotation(self, annotation_id: str, base_rev: str, **changes: object) -> None:
        try:
            result = self.workspace.edit_annotation(annotation_id, base_rev=base_rev, **changes)
        except Exception as error:
            self.post_message(WorkFailed("Not changed", str(error)))
            return
        what = "retagged " + ", ".join(changes["tags"]) if "tags" in changes else "note saved"  # type: ignore[arg-type]
        detail = f" ({result.message})" if result.message else ""
        self.post_message(WorkChanged(what + detail, [result.doc_id], False, self.workspace.state_token()))

    @work(thread=True, group="case-sections")
    def load_case_sections(self, target: tuple[str, int, int, str | None], subject: str) -> None:
        try:
            case = self.workspace.case().load()
        except Exception as error:
            self.post_message(WorkFailed("Case file", f"the case file could not be read: {error}"))
            return
        sections = [section.title for section in case.ordered_sections() if section.rev != "missing"]
        self.post_message(CaseSectionsReady(sections or [DEFAULT_SECTION], target, subject))

    @work(thread=True, group="changes")
    def add_to_case(self, target: tuple[str, int, int, str | None], section: str) -> None:
        doc_id, start, end, annotation_id = target
        try:
            case = self.workspace.case()
            if annotation_id is not None:
                case.add_annotation(annotation_id, section=section)
            else:
                case.add_passage(doc_id, start=start, end=end, section=section)
        except Exception as error:
            self.post_message(WorkFailed("Not added to the case file", str(error)))
            return
        self.post_message(
            WorkChanged(
                f"added to the case file, section “{section}”",
                [doc_id],
                True,
                self.workspace.state_token(),
                counts_changed=annotation_id is None,
            )
        )

    @work(thread=True, group="details")
    def load_annotation_details(self, annotation_id: str) -> None:
        try:
            annotation = self.workspace.annotation(annotation_id)
            case = self.workspace.case().load()
        except Exception as error:
            self.post_message(WorkFailed("Annotation", str(error)))
            return
        self.post_message(AnnotationDetailsReady(annotation, case_lines(case, annotation_id)))

    @work(thread=True, group="changes")
    def run_undo(self, action: str) -> None:
        try:
            result = self.workspace.undo() if action == "undo" else self.workspace.redo()
        except Exception as error:
            self.post_message(WorkFailed(f"Could not {action}", str(error)))
            return
        self.post_message(UndoFinished(action, result, self.workspace.state_token()))

    @work(thread=True, group="watch")
    def check_outside_changes(self) -> None:
        token = self._state_token
        now = self.workspace.state_token()
        if token is None:  # the first look: nothing to compare with yet
            self.post_message(OutsideChanges(WorkspaceChanges(), now))
            return
        if now == token:
            return
        self.post_message(OutsideChanges(self.workspace.changes_since(token), now))


def case_lines(case: object, annotation_id: str) -> list[str]:
    """Where the annotation is in the case file, and the links of those items, in words."""
    from caseview.casefile.model import CaseFile, PassageItem

    assert isinstance(case, CaseFile)
    lines = []
    numbers = {item.id: number for number, item in enumerate(case.ordered_items(), start=1)}
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


def details_content(annotation: Annotation, links: tuple[str, ...]) -> Content:
    """An annotation's quote, tags, note, anchoring state and case links; all data goes in literally."""

    def row(label: str, value: Content | str) -> list[Content | str]:
        return [Content(f"{label:<8}").stylize(MUTED), value if isinstance(value, Content) else Content(value), "\n"]

    tags = (
        Content(", ").join(Content(one_line(tag)).stylize("bold $text-accent") for tag in annotation.tags)
        if annotation.tags
        else Content("none").stylize(MUTED)
    )
    note = Content(annotation.note) if annotation.note else Content("none").stylize(MUTED)
    state = annotation.anchor.status + (f" ({annotation.anchor.reason})" if annotation.anchor.reason else "")
    parts: list[Content | str] = [
        *row("Quote", Content(f"“{one_line(shorten(annotation.quote.exact, 300))}”")),
        *row("Tags", tags),
        *row("Note", note),
        *row("State", state),
        *row("Made", f"{annotation.created:%Y-%m-%d %H:%M} by {annotation.creator.name}"),
    ]
    if links:
        parts += row("Case", Content("\n        ".join(links)))
    else:
        parts += row("Case", Content("not in the case file (c adds it)").stylize(MUTED))
    return Content.assemble(*parts[:-1])
