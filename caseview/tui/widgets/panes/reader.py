"""The reader pane: a document's metadata on top, its text below; selecting, annotating, ``n``/``N``.

It opens documents (read in its worker), highlights search hits, entity mentions and annotations,
and owns the annotating keys: ``v`` ``s`` ``p`` select; ``t`` ``a`` ``c`` tag, note and add to the
case file; ``[`` ``]`` and enter for the annotations in the document. Every change goes to disk
through the workspace in a worker (there is nothing to save) and ends in ``ChangeDone`` or
``ChangeFailed``; the new highlight is drawn before the write starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static, TextArea
from textual.worker import get_current_worker

from caseview.annotations.model import Annotation
from caseview.casefile.errors import AlreadyInCase
from caseview.casefile.operations import DEFAULT_SECTION
from caseview.corpus import Document
from caseview.extract.sentences import split_sentences
from caseview.kernel.words import plural
from caseview.tui.dialogs.annotation_details import AnnotationDetails, case_lines, details_content
from caseview.tui.dialogs.base import dialog_title
from caseview.tui.dialogs.note_editor import NoteEditor
from caseview.tui.dialogs.prompt import PromptDialog
from caseview.tui.dialogs.section_picker import SectionPicker
from caseview.tui.dialogs.tag_picker import TagPicker
from caseview.tui.gc_policy import CollectorPolicy
from caseview.tui.keys import Scope, bindings
from caseview.tui.messages import AnnotationsLoaded, ChangeDone, DocumentLoaded, Reload
from caseview.tui.page_jump import ask_page
from caseview.tui.reader_tools import Position, citation, find_all, position_of
from caseview.tui.render import MUTED, document_header, shorten
from caseview.tui.rows import Extraction, SpanRef
from caseview.tui.trail import Mark, Trail
from caseview.tui.widgets.pane import Pane
from caseview.tui.widgets.reader_view import LAYERS, ReaderView, annotation_span, tag_layer
from caseview.tui.workers import start_worker
from caseview.workspace import Workspace

#: Actions that need an open document.
_DOCUMENT_ACTIONS = {"select_mode", "select_sentence", "select_paragraph", "find"}
#: Actions that need a selection or an annotation at the cursor.
_PASSAGE_ACTIONS = {"tag", "note", "add_to_case", "copy_citation"}
NOTHING_SELECTED = "Select a passage first (v, s or p), or go to an annotation ([ ])"


@dataclass(frozen=True)
class Target:
    """What an annotating key works on: a stretch of the open document, and the annotation there if any."""

    document: Document
    start: int
    end: int
    annotation: Annotation | None

    @property
    def subject(self) -> str:
        return shorten(self.document.text[self.start : self.end])


class ReaderPane(Pane):
    """A document's metadata on top, its text below, and where ``n``/``N`` lead."""

    PANE = "reader"

    mentions_visible: reactive[bool] = reactive(True, init=False)

    BINDINGS = bindings(Scope.READER)

    def __init__(self, workspace: Workspace, collector: CollectorPolicy, *, id: str | None = None) -> None:
        super().__init__(workspace, id=id)
        self.collector = collector
        #: Entities and events of the corpus, once extracted (None: not (yet) available).
        self.extraction: Extraction | None = None
        #: Every tag of the corpus, for the tag picker.
        self.known_tags: tuple[str, ...] = ()
        self._annotations_generation = 0
        self._passage_state: tuple[object, ...] = ()
        self.document: Document | None = None
        self.trail: Trail | None = None
        self._marks_doc_id: str | None = None
        self._mentions: tuple[SpanRef, ...] | None = None
        #: The open document's annotations that could be located in its text, by start.
        self.annotations: tuple[Annotation, ...] = ()
        #: Passages being annotated right now, (start, end, tags): shown at once, until the annotations are read again.
        self._pending: list[tuple[int, int, tuple[str, ...]]] = []
        #: Where the cursor is (page, paragraph), as the header shows it.
        self._position: Position | None = None
        #: What ctrl+f last looked for (offered again).
        self._last_find = ""

    def compose(self) -> ComposeResult:
        yield Static(Content("No document open").stylize(MUTED), classes="reader-header", markup=False)
        yield ReaderView(id="reader-text")

    def primary(self) -> ReaderView:
        return self.view

    @property
    def view(self) -> ReaderView:
        return self.query_one(ReaderView)

    @property
    def document_id(self) -> str | None:
        return self.document.id if self.document else None

    def show_document(self, document: Document, trail: Trail | None, mentions: tuple[SpanRef, ...] | None) -> None:
        """Show ``document``; highlight ``trail``'s marks in it and go to the current one."""
        self.document = document
        self._mentions = mentions
        self._marks_doc_id = None
        self.annotations = ()
        self._pending = []
        self.set_title(document.id)
        self.view.show_text(document.text, document.pages)
        self._apply_mentions()
        self.set_trail(trail)

    def set_trail(self, trail: Trail | None) -> None:
        """Highlight the trail's marks in this document and move to its current mark."""
        previous, self.trail = self.trail, trail
        view = self.view
        doc_id = self.document_id
        if not (trail and previous and trail.marks is previous.marks and doc_id == self._marks_doc_id):
            marks = trail.marks_in(doc_id) if trail and doc_id else []
            view.set_layer("hit", ((mark.start, mark.end) for mark in marks))  # only when the marks changed
            self._marks_doc_id = doc_id
        current = trail.current if trail else None
        if current is not None and current.doc_id == doc_id:
            view.set_layer("current", [(current.start, current.end)])
            view.go_to_offset(current.start)
        else:
            view.set_layer("current", [])
            view.action_go_top()
        self._update_header()

    # -- annotations -----------------------------------------------------------------------------
    def set_annotations(self, doc_id: str, annotations: Iterable[Annotation]) -> None:
        """Highlight the annotations of ``doc_id`` (ignored when another document is open by now)."""
        if doc_id != self.document_id:
            return
        located = [a for a in annotations if annotation_span(a) is not None]
        self.annotations = tuple(sorted(located, key=lambda a: annotation_span(a) or (0, 0)))
        self._pending = []
        self._draw_annotations()
        self._update_header()

    def show_pending(self, start: int, end: int, tags: Sequence[str]) -> None:
        """Highlight a passage being annotated now, before the change is on disk (it takes a moment
        in a long document: the search index is updated too)."""
        self._pending.append((start, end, tuple(tags)))
        self._draw_annotations()

    def _draw_annotations(self) -> None:
        layers: dict[str, list[tuple[int, int]]] = {layer: [] for layer in LAYERS if layer.startswith(("tag-", "note"))}
        for annotation in self.annotations:
            span = annotation_span(annotation)
            assert span is not None
            layers[tag_layer(annotation.tags)].append(span)
        for start, end, tags in self._pending:
            layers[tag_layer(tags)].append((start, end))
        self.view.set_layers(layers)

    def annotation_at(self, offset: int) -> Annotation | None:
        """The (shortest) annotation covering ``offset``."""
        covering = [a for a in self.annotations if _covers(annotation_span(a), offset)]
        return min(covering, key=lambda a: _length(annotation_span(a)), default=None)

    def annotation_under_cursor(self) -> Annotation | None:
        return self.annotation_at(self.view.cursor_offset()) if self.document else None

    def step_annotation(self, delta: int) -> Annotation | None:
        """Move the cursor to the next (``delta`` > 0) or previous annotation; None when there is none that way."""
        offset = self.view.cursor_offset()
        starts = [(annotation_span(a) or (0, 0))[0] for a in self.annotations]
        if delta > 0:
            target = next((a for a, start in zip(self.annotations, starts, strict=True) if start > offset), None)
        else:
            before = zip(reversed(self.annotations), reversed(starts), strict=True)
            target = next((a for a, start in before if start < offset), None)
        if target is not None:
            span = annotation_span(target)
            assert span is not None
            self.view.clear_selection()
            self.view.go_to_offset(span[0])
        return target

    def set_mentions(self, mentions: tuple[SpanRef, ...] | None) -> None:
        self._mentions = mentions
        self._apply_mentions()
        self._update_header()

    def watch_mentions_visible(self) -> None:
        self._apply_mentions()
        self._update_header()

    def _apply_mentions(self) -> None:
        spans = self._mentions if self.mentions_visible and self._mentions else ()
        self.view.set_layer("mention", ((mention.start, mention.end) for mention in spans))

    def _update_header(self) -> None:
        document = self.document
        if document is None:
            return
        meta = document.meta
        details = [
            meta.outlet,
            meta.published_label,  # as precise as it is known: "June 2026", "not before 2026-04-29"
            meta.author,
            document.id,
            f"{len(document.text):,} characters",
        ]
        if document.pages:  # issue 15
            details.append(f"{plural(len(document.pages), 'page')} (P: go to page)")
        if self._mentions is None:
            mentions = None
        elif not self._mentions:
            mentions = "no entity mentions"
        else:
            state = "shown" if self.mentions_visible else "hidden"
            mentions = f"{plural(len(self._mentions), 'entity mention')} {state} (e)"
        where = self.trail.describe() if self.trail else None
        position = position_of(document, self.view.cursor_offset()).describe()  # issue 13: page/paragraph
        where = f"{position} · {where}" if where else position
        count = len(self.annotations)
        if count:
            noted = f"✎ {count} annotation{'s' if count != 1 else ''} ([ ])"
            where = f"{noted} · {where}" if where else noted
        header = document_header(document.title, details, where, mentions)
        self.query_one(".reader-header", Static).update(header, layout=False)  # fixed height: no re-layout

    # -- opening ----------------------------------------------------------------------------------
    def open(self, doc_id: str, trail: Trail | None, focus_reader: bool = True) -> None:
        """Show ``doc_id`` (read in a worker unless it is open), at the trail's current mark."""
        if doc_id == self.document_id:
            self.set_trail(trail)
            if focus_reader:
                self.ask_focus()
            return
        workspace = self.workspace

        def job() -> None:
            document = workspace.document(doc_id)
            if not get_current_worker().is_cancelled:
                self.post_message(DocumentLoaded(document, trail, focus_reader))

        start_worker(self, job, name=f"open {doc_id}", group="reader-open", exclusive=True)

    def on_document_loaded(self, message: DocumentLoaded) -> None:
        message.stop()
        document = message.document
        self.show_document(document, message.trail, self._mentions_in(document.id))
        self._passage_state = ()
        self.reload_annotations((document.id,))
        self.screen.refresh_bindings()
        if message.focus_reader:
            self.ask_focus()

    def selection_in(self, doc_id: str) -> tuple[int, int] | None:
        """The selected passage, when ``doc_id`` is the open document (the review queue re-attaches to it)."""
        return self.view.selected_span() if doc_id == self.document_id else None

    def set_extraction(self, extraction: Extraction | None) -> None:
        self.extraction = extraction
        if self.document is not None:
            self.set_mentions(self._mentions_in(self.document.id))

    def _mentions_in(self, doc_id: str) -> tuple[SpanRef, ...] | None:
        if self.extraction is None:
            return None
        return self.extraction.mentions_by_doc.get(doc_id, ())

    def action_step_mark(self, delta: int) -> None:
        trail = self.trail
        if trail is None or not trail.marks:
            self.notify("Nothing to step through: search, or open an entity or an event", severity="warning")
            return
        moved = trail.step(delta)
        if (delta > 0 and moved.position < trail.position) or (delta < 0 and moved.position > trail.position):
            self.notify(f"Wrapped around to {moved.kind} {moved.position + 1} of {len(moved.marks)}", timeout=2)
        mark = moved.current
        assert mark is not None
        self.open(mark.doc_id, moved)

    def action_toggle_mentions(self) -> None:
        self.mentions_visible = not self.mentions_visible

    # -- what the keys work on ------------------------------------------------------------------------
    def target(self) -> Target | None:
        """The selection (the annotation with exactly that span, if any), else the annotation at the cursor."""
        document = self.document
        if document is None:
            return None
        span = self.view.selected_span()
        if span is not None:
            same = next((a for a in self.annotations if annotation_span(a) == span), None)
            return Target(document, span[0], span[1], same)
        annotation = self.annotation_under_cursor()
        if annotation is None:
            return None
        start, end = annotation_span(annotation) or (0, 0)
        return Target(document, start, end, annotation)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        if action in _DOCUMENT_ACTIONS:
            return self.document is not None
        if action in _PASSAGE_ACTIONS:
            # Shown whenever a document is open: pressed with nothing selected, the key says what to
            # do instead of doing nothing (issue 13, bug 8).
            return self.document is not None
        if action == "delete_annotation":
            return self.document is not None
        if action == "show_annotation":
            return self.document is not None and self.annotation_under_cursor() is not None
        if action == "step_annotation":
            return bool(self.annotations)
        if action == "step_mark":
            return bool(self.trail and self.trail.marks)
        if action == "toggle_mentions":
            return self.extraction is not None
        return True

    @on(TextArea.SelectionChanged, "#reader-text")
    def _cursor_moved(self) -> None:
        """Show or hide t / a / c / Enter as the cursor enters and leaves selections and annotations."""
        if self.document is not None:
            position = position_of(self.document, self.view.cursor_offset())
            if position != self._position:
                self._position = position
                self._update_header()
        annotation = self.annotation_under_cursor()
        state = (self.view.selected_span() is not None, annotation.id if annotation else None, self.view.selecting)
        if state != self._passage_state:
            self._passage_state = state
            self.screen.refresh_bindings()

    # -- selecting -------------------------------------------------------------------------------
    def action_select_mode(self) -> None:
        self.view.toggle_selecting()
        self._focus_text()

    def action_select_sentence(self) -> None:
        if not self.view.select_sentence():
            self.notify("No sentence here", severity="warning", timeout=2)
        self._focus_text()

    def action_select_paragraph(self) -> None:
        if not self.view.select_paragraph():
            self.notify("No paragraph here (a blank line)", severity="warning", timeout=2)
        self._focus_text()

    def _focus_text(self) -> None:
        if self.screen.focused is not self.view:
            self.ask_focus()

    # -- tagging, notes, the case file -----------------------------------------------------------
    def action_tag(self) -> None:
        target = self.target()
        if target is None:
            self.notify(NOTHING_SELECTED, severity="warning")
            return
        annotation = target.annotation

        def tagged(tags: tuple[str, ...] | None) -> None:
            if tags is None:
                return
            if annotation is not None:
                if tuple(tags) != annotation.tags:
                    self.show_pending(target.start, target.end, tags)
                    self.call_after_refresh(self._retag, annotation, tags)
            elif tags:
                self.view.clear_selection(at=target.start)
                self.show_pending(target.start, target.end, tags)
                # The highlight is drawn first; then the write (and the re-index) start in a worker.
                self.call_after_refresh(self._annotate, target, tags, None)
            else:
                self.notify("No tag given: nothing changed", timeout=2)

        self.app.push_screen(TagPicker(self.known_tags, annotation.tags if annotation else (), target.subject), tagged)

    def action_note(self) -> None:
        target = self.target()
        if target is None:
            self.notify(NOTHING_SELECTED, severity="warning")
            return
        annotation = target.annotation

        def written(note: str | None) -> None:
            if note is None:
                return
            if annotation is not None:
                if (note.strip() or None) != annotation.note:
                    self._write_note(annotation, note)
            elif note.strip():
                self.view.clear_selection(at=target.start)
                self.show_pending(target.start, target.end, ())
                self.call_after_refresh(self._annotate, target, (), note)

        self.app.push_screen(NoteEditor(annotation.note or "" if annotation else "", target.subject), written)

    def action_add_to_case(self) -> None:
        target = self.target()
        if target is None:
            self.notify(NOTHING_SELECTED, severity="warning")
            return
        workspace = self.workspace

        def sections() -> list[str]:
            case = workspace.case().load()
            titles = [section.title for section in case.ordered_sections() if section.rev != "missing"]
            return titles or [DEFAULT_SECTION]

        def picked(section: str | None) -> None:
            if section is None:
                return
            if target.annotation is None:
                self.view.clear_selection(at=target.start)
                # The cleared selection is drawn first; then the annotation is made in a worker.
                self.call_after_refresh(self._add_to_case, target, section)
            else:
                # Nothing to draw first: the write runs while the dialog's closing is drawn.
                self._add_to_case(target, section)

        self.app.push_screen(SectionPicker(dialog_title("Add to the case file:", target.subject), sections), picked)

    def action_delete_annotation(self) -> None:
        """Delete the annotation at the cursor (or the selected one); ctrl+z brings it back."""
        target = self.target()
        annotation = self.annotation_under_cursor() or (target.annotation if target is not None else None)
        if annotation is None:
            self.notify("No annotation at the cursor: go to one with [ or ] first", severity="warning")
            return
        self.call_after_refresh(self._delete_annotation, annotation)

    # -- issue 13: find in the document, copy with the citation ------------------------------------
    def action_find(self) -> None:
        """ctrl+f: ask what to find; its places become the trail n / N step through."""
        document = self.document
        if document is None:
            return

        def answered(query: str | None) -> None:
            if not query or self.document is not document:
                return
            self._last_find = query
            found = find_all(document.text, query)
            if not found:
                self.notify(f"“{shorten(query, 40)}” is not in this document", severity="warning", markup=False)
                return
            offset = self.view.cursor_offset()
            first = next((i for i, (start, _end) in enumerate(found) if start >= offset), 0)
            marks = tuple(Mark(document.id, start, end) for start, end in found)
            self.set_trail(Trail("hit", f"find “{query}”", marks, first))
            self.notify(f"{len(found)} place{'s' if len(found) != 1 else ''} · n / N go through them", timeout=3)

        dialog = PromptDialog("Find in this document", self._last_find, placeholder="words, any case")
        self.app.push_screen(dialog, answered)

    def action_copy_citation(self) -> None:
        """y: the selection (or the annotation at the cursor) with its citation, to the app's clipboard."""
        target = self.target()
        if target is None:
            self.notify(NOTHING_SELECTED, severity="warning")
            return
        self.app.copy_to_clipboard(citation(target.document, target.start, target.end))
        self.notify(
            "Copied the passage with its citation (through the terminal's clipboard, OSC 52)", timeout=3, markup=False
        )

    # -- annotations in the document ------------------------------------------------------------
    def action_step_annotation(self, delta: int) -> None:
        if self.step_annotation(delta) is None:
            self.notify(f"No {'next' if delta > 0 else 'previous'} annotation in this document", timeout=2)

    def action_page_jump(self) -> None:  # issue 15
        ask_page(self, self.view, self.document)

    def action_show_annotation(self) -> None:
        annotation = self.annotation_under_cursor()
        if annotation is None:
            return
        workspace = self.workspace
        annotation_id = annotation.id

        def details() -> Content:
            current = workspace.annotation(annotation_id)
            return details_content(current, case_lines(workspace.case().load(), annotation_id))

        self.app.push_screen(AnnotationDetails(details))

    def reload_annotations(self, doc_ids: Sequence[str] = ()) -> None:
        """Read the open document's annotations again when they may have changed (only the latest read is shown)."""
        document = self.document
        if document is None or (doc_ids and document.id not in doc_ids):
            return
        self._annotations_generation += 1
        generation = self._annotations_generation
        workspace = self.workspace
        doc_id, text = document.id, document.text

        def job() -> None:
            annotations = tuple(workspace.annotations(doc_id))
            known = sorted(workspace.known_tags(), key=str.casefold)  # from the index: no walk of the folder
            split_sentences(text)  # s and ( ) are instant afterwards, even in a long document
            self.post_message(AnnotationsLoaded(doc_id, annotations, tuple(known), generation))

        start_worker(self, job, name=f"read the annotations of {doc_id}", group="reader-annotations")

    def on_annotations_loaded(self, message: AnnotationsLoaded) -> None:
        message.stop()
        if message.generation != self._annotations_generation:
            return  # a newer read is on its way
        self.known_tags = message.known_tags
        self.set_annotations(message.doc_id, message.annotations)
        # What is loaded now lives long (the document, its annotations, the index): with a 1 MB
        # document and 500 annotations each full collection stalled the screen for 150–300 ms.
        self.collector.freeze()
        self._passage_state = ()
        self._cursor_moved()
        self.screen.refresh_bindings()

    # -- the changes, each in a worker ----------------------------------------------------------------
    def _annotate(self, target: Target, tags: tuple[str, ...], note: str | None) -> None:
        workspace = self.workspace
        doc_id = target.document.id

        def change() -> ChangeDone:
            made = workspace.annotate_span(doc_id, target.start, target.end, tags=tags, note=note)
            what = f"tagged {', '.join(tags)}" if tags else "note written"
            return ChangeDone(
                f"{what}: “{shorten(made.quote.exact, 50)}”", frozenset({"annotations", "counts"}), (doc_id,)
            )

        self.run_change("Not annotated", change)

    def _retag(self, annotation: Annotation, tags: tuple[str, ...]) -> None:
        workspace = self.workspace

        def change() -> ChangeDone:
            result = workspace.edit_annotation(annotation.id, base_rev=annotation.rev, tags=tags)
            detail = f" ({result.message})" if result.message else ""
            return ChangeDone("retagged " + ", ".join(tags) + detail, frozenset({"annotations"}), (result.doc_id,))

        self.run_change("Not changed", change)

    def _write_note(self, annotation: Annotation, note: str) -> None:
        workspace = self.workspace

        def change() -> ChangeDone:
            result = workspace.edit_annotation(annotation.id, base_rev=annotation.rev, note=note)
            detail = f" ({result.message})" if result.message else ""
            return ChangeDone("note saved" + detail, frozenset({"annotations"}), (result.doc_id,))

        self.run_change("Not changed", change)

    def _delete_annotation(self, annotation: Annotation) -> None:
        workspace = self.workspace

        def change() -> ChangeDone:
            result = workspace.delete_annotation(annotation.id, base_rev=annotation.rev)
            in_case = case_lines(workspace.case().load(), annotation.id)
            kept = " (the case file keeps its own copy of the passage)" if in_case else ""
            return ChangeDone(
                f"deleted the annotation “{shorten(annotation.quote.exact, 50)}”{kept} · ctrl+z brings it back",
                frozenset({"annotations", "counts", "case"}),
                (result.doc_id,),
            )

        self.run_change("Not deleted", change)

    def _add_to_case(self, target: Target, section: str) -> None:
        workspace = self.workspace
        doc_id = target.document.id

        def change() -> ChangeDone:
            case = workspace.case()
            try:
                if target.annotation is not None:
                    item = case.add_annotation(target.annotation.id, section=section)
                else:
                    item = case.add_passage(doc_id, start=target.start, end=target.end, section=section)
            except AlreadyInCase as already:  # say where it is and show it (issue 13, bug 8)
                return ChangeDone(str(already), frozenset({"case"}), highlight=already.item_id, severity="warning")
            reload: frozenset[Reload] = frozenset({"case"})
            if target.annotation is None:
                reload |= {"annotations", "counts"}  # a new annotation was made for the passage
            number = f"#{item.number} " if item.number is not None else ""  # issue 13: stable numbers
            restoration = case.restoration(item.id)  # a removed passage put back: say what came back
            verb, back = ("re-added", f" · {restoration.describe()}") if restoration is not None else ("added", "")
            return ChangeDone(
                f"{verb} {number}to the case file, section “{section}”{back}", reload, (doc_id,), highlight=item.id
            )

        self.run_change("Not added to the case file", change)


def _covers(span: tuple[int, int] | None, offset: int) -> bool:
    return span is not None and span[0] <= offset < span[1]


def _length(span: tuple[int, int] | None) -> int:
    return span[1] - span[0] if span else 0
