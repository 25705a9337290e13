"""The UI-free annotation API of one corpus folder; the workspace delegates to it.

Every change goes straight to disk (merged under a lock), into the audit log and onto the
session's undo stack, then ``on_change(doc_id)`` tells the workspace to re-index that document
(tags and notes are searchable at once).
"""

from __future__ import annotations

import builtins
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from caseview.annotations.anchoring import AnchorCandidate, offered_candidates, reanchor
from caseview.annotations.audit import AUDIT_FILE, AuditEntry, AuditLog
from caseview.annotations.creator import configured_creator
from caseview.annotations.errors import AnnotationError, AnnotationFileError, UnknownAnnotation
from caseview.annotations.history import AnnotationStep, Reversal, Step
from caseview.annotations.jsonld import AnnotationFile, Tombstone, format_time
from caseview.annotations.keep import KEEP as KEEP
from caseview.annotations.keep import Keep as Keep
from caseview.annotations.merge import Change, Delete, Outcome, OutcomeKind, Put, SetAnchor
from caseview.annotations.model import (
    AnchorState,
    Annotation,
    AnnotationChanges,
    Creator,
    Motivation,
    NoteFormat,
    annotation_for_quote,
    annotation_for_span,
    check_span,
    default_motivation,
    normalise_tags,
    utc_now,
)
from caseview.annotations.snapshots import SnapshotStore
from caseview.annotations.store import SIDECAR_SUFFIX, AnnotationStore, sidecar_path
from caseview.annotations.textdiff import DiffMap
from caseview.corpus import DERIVED_DIR, Document, UnreadableDocument, annotation_base_path, entry_for, read_document
from caseview.corpus.docids import doc_id_from_annotation_base
from caseview.kernel.jail import outside_reason
from caseview.kernel.paths import lock_path_for
from caseview.kernel.undo import Recorder

#: Versions of annotations this session has read, kept so an edit of one that another process
#: deleted meanwhile can still be made (an edit beats a delete); bounded, cleared when full.
_SEEN_LIMIT = 50_000


@dataclass(frozen=True)
class FileProblem:
    """An annotation file that could not be used (unreadable) or only read (newer schema)."""

    doc_id: str
    path: Path
    message: str
    read_only: bool = False


@dataclass(frozen=True)
class ChangeResult:
    """What a change did: the annotation as it now is (None when deleted) and how the merge went."""

    action: str
    doc_id: str
    annotation_id: str
    annotation: Annotation | None
    outcome: OutcomeKind
    message: str = ""


@dataclass(frozen=True)
class ReviewItem:
    """An annotation the analyst should look at, and why (status, reason from re-anchoring)."""

    annotation: Annotation
    reason: str


@dataclass
class CheckReport:
    checked: int = 0
    anchored: list[Annotation] = field(default_factory=list)
    moved: list[Annotation] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def needs_attention(self) -> bool:
        return bool(self.review or self.problems)


@dataclass(frozen=True)
class IndexTerms:
    """What the search index gets from annotations for one document (fields ``tag`` and ``note``)."""

    tags: list[str]
    notes: list[str]


def document_loader(root: Path) -> Callable[[str], Document]:
    """Read documents straight from the corpus folder by id (for use without a workspace)."""

    def load(doc_id: str) -> Document:
        outside = outside_reason(root, doc_id)
        if outside is not None:
            raise AnnotationError(outside)
        entry = entry_for(root, doc_id)
        if entry is None:
            raise AnnotationError(f"no document {doc_id!r} in {root}")
        try:
            return read_document(entry)[0]
        except UnreadableDocument as error:
            raise AnnotationError(f"{doc_id}: {error}") from None

    return load


class AnnotationService:
    """Annotations of the corpus at ``root``; derived data (snapshots, quarantine) in ``derived_dir``."""

    def __init__(
        self,
        root: Path,
        derived_dir: Path | None = None,
        *,
        load_document: Callable[[str], Document] | None = None,
        creator: Creator | None = None,
        on_change: Callable[[str], None] | None = None,
        history: Recorder | None = None,
    ) -> None:
        self.root = Path(root).resolve()
        self.derived_dir = Path(derived_dir) if derived_dir is not None else self.root / DERIVED_DIR
        self.load_document = load_document or document_loader(self.root)
        self.creator = creator or configured_creator()
        self.on_change = on_change
        self.store = AnnotationStore(self.derived_dir / "quarantine", root=self.root)
        self.snapshots = SnapshotStore(self.derived_dir / "snapshots")
        audit_path = self.root / AUDIT_FILE
        self.audit = AuditLog(audit_path, lock_file=lock_path_for(self.derived_dir, audit_path), root=self.root)
        #: The workspace's session history: changes are recorded there (one undo for annotations, the
        #: case and entities). Without one (a script, another process) changes are not undoable.
        self.history = history
        self._doc_of: dict[str, str] = {}
        #: The version of each annotation this session last wrote (None: it deleted it); undo and redo
        #: are based on it, so their merge sees exactly what changed elsewhere since.
        self._last_written: dict[str, Annotation | None] = {}
        #: The last version of each annotation this session read (see :meth:`_editable`).
        self._seen: dict[str, Annotation] = {}
        #: The TUI calls from worker threads: one change (write, audit, history) at a time per session.
        self._lock = threading.RLock()

    # -- where things are -------------------------------------------------------------------

    def sidecar(self, doc_id: str) -> Path:
        """The annotation file of ``doc_id``; :class:`AnnotationError` when the id leads outside the corpus.

        A document inside a file (mail.eml/report.pdf) keeps its annotations beside its container.
        """
        outside = outside_reason(self.root, doc_id)
        if outside is not None:
            raise AnnotationError(f"{outside}; its annotations are not read or written")
        return sidecar_path(annotation_base_path(self.root, doc_id))

    def has_file(self, doc_id: str) -> bool:
        """Whether ``doc_id`` (inside the corpus) has an annotation file, also when the document is gone."""
        try:
            return os.path.lexists(self.sidecar(doc_id))
        except AnnotationError:
            return False

    def annotated_documents(self) -> list[str]:
        """Ids of the documents that have an annotation file, sorted."""
        found = []
        for folder, dirnames, filenames in os.walk(self.root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                if name.endswith(SIDECAR_SUFFIX) and not name.startswith("."):
                    relative = (Path(folder) / name).relative_to(self.root).as_posix()
                    found.append(doc_id_from_annotation_base(self.root, relative[: -len(SIDECAR_SUFFIX)]))
        return sorted(found)

    def _load(self, doc_id: str) -> AnnotationFile:
        content = self.store.load(self.sidecar(doc_id), doc_id).content
        for annotation in content.annotations:
            self._doc_of[annotation.id] = doc_id
        return content

    def _remember(self, annotation: Annotation) -> Annotation:
        if len(self._seen) >= _SEEN_LIMIT:
            self._seen.clear()
        self._seen[annotation.id] = annotation
        return annotation

    # -- reading ----------------------------------------------------------------------------

    def problems(self) -> list[FileProblem]:
        """Annotation files that cannot be read (or only read), each named with its reason."""
        problems = []
        for doc_id in self.annotated_documents():
            path = self.sidecar(doc_id)
            try:
                loaded = self.store.load(path, doc_id)
            except AnnotationFileError as error:
                problems.append(FileProblem(doc_id, path, str(error)))
                continue
            if loaded.read_only:
                problems.append(
                    FileProblem(
                        doc_id,
                        path,
                        f"{path}: written by a newer caseview (schema version "
                        f"{loaded.content.schema_version}); read-only",
                        read_only=True,
                    )
                )
        return problems

    def list(self, doc_id: str | None = None, tag: str | None = None) -> list[Annotation]:
        """Live annotations (of one document, or all), optionally only those with ``tag``; unreadable
        files are skipped here (see :meth:`problems`)."""
        doc_ids = [doc_id] if doc_id is not None else self.annotated_documents()
        wanted = tag.casefold() if tag else None
        found = []
        for each in doc_ids:
            try:
                content = self._load(each)
            except AnnotationFileError:
                if doc_id is not None:
                    raise
                continue
            for annotation in sorted(content.annotations, key=lambda a: (a.position.start, a.created)):
                if wanted is None or any(t.casefold() == wanted for t in annotation.tags):
                    found.append(self._remember(annotation) if doc_id is not None else annotation)
        return found

    def get(self, annotation_id: str) -> Annotation:
        """The annotation as it is on disk now; :class:`UnknownAnnotation` when there is none."""
        return self._get(annotation_id, self._load)

    def lookup(self) -> Callable[[str], Annotation]:
        """:meth:`get` for one look at many annotations (a case resolving its passages): each
        annotation file is read at most once by the returned function, as it was when first read.

        A case of 20 passages of one document read that document's annotation file 20 times per
        look, each read several system calls, each call a wait for the interpreter lock while the
        app draws. Make a new lookup for each look: it never notices a later change.
        """
        files: dict[str, AnnotationFile | AnnotationError] = {}

        def load(doc_id: str) -> AnnotationFile:
            if doc_id not in files:
                try:
                    files[doc_id] = self._load(doc_id)
                except AnnotationError as error:
                    files[doc_id] = error
            found = files[doc_id]
            if isinstance(found, AnnotationError):
                raise found
            return found

        return lambda annotation_id: self._get(annotation_id, load)

    def _get(self, annotation_id: str, load: Callable[[str], AnnotationFile]) -> Annotation:
        doc_id = self._doc_of.get(annotation_id)
        if doc_id is not None:
            found = load(doc_id).get(annotation_id)
            if found is not None:
                return self._remember(found)
        for each in self.annotated_documents():
            try:
                found = load(each).get(annotation_id)
            except AnnotationFileError:
                continue
            if found is not None:
                return self._remember(found)
        tombstone = self._tombstone(annotation_id, None)
        if tombstone is not None:
            raise UnknownAnnotation(
                f"annotation {annotation_id} was deleted by {tombstone.by or 'someone'} "
                f"at {format_time(tombstone.deleted)}"
            )
        raise UnknownAnnotation(f"no annotation {annotation_id}")

    def _tombstone(self, annotation_id: str, doc_id: str | None) -> Tombstone | None:
        """The tombstone of a deleted annotation (in ``doc_id``'s file when known, else in any)."""
        for each in [doc_id] if doc_id is not None else self.annotated_documents():
            try:
                found = self._load(each).tombstone(annotation_id)
            except AnnotationError:
                continue
            if found is not None:
                return found
        return None

    def _editable(self, annotation_id: str) -> tuple[str, Annotation]:
        """The annotation to change and the document whose file holds it.

        When another process deleted it since this session last read it, the version read is
        returned: the edit is then merged as a resurrection (an edit beats a delete). An annotation
        naming a document outside the corpus is refused (it is never written).
        """
        try:
            current = self.get(annotation_id)
        except UnknownAnnotation:
            seen = self._seen.get(annotation_id)
            file_doc = self._doc_of.get(annotation_id)
            tombstone = self._tombstone(annotation_id, file_doc)
            if tombstone is None:
                raise
            if seen is None:
                raise UnknownAnnotation(
                    f"annotation {annotation_id} was deleted by {tombstone.by or 'someone'} at "
                    f"{format_time(tombstone.deleted)}, before this edit read it; nothing was changed"
                ) from None
            current = seen
        file_doc = self._doc_of.get(annotation_id, current.doc_id)
        outside = outside_reason(self.root, current.doc_id)
        if outside is not None:
            raise AnnotationError(
                f"annotation {annotation_id} targets a document outside the corpus ({outside}); "
                "not changed (see 'caseview check')"
            )
        return file_doc, current

    def index_terms(self, doc_id: str) -> IndexTerms:
        """Tags and notes of a document's annotations (conflicting versions too) for the search index."""
        try:
            content = self._load(doc_id)
        except AnnotationError:
            return IndexTerms([], [])
        tags: list[str] = []
        notes: list[str] = []
        for annotation in content.annotations:
            for version in (annotation, *annotation.conflicts):
                tags += [t for t in version.tags if t not in tags]
                if version.note and version.note not in notes:
                    notes.append(version.note)
        return IndexTerms(tags, notes)

    # -- changing ---------------------------------------------------------------------------

    def add_span(
        self,
        doc_id: str,
        start: int,
        end: int,
        *,
        tags: Sequence[str] = (),
        note: str | None = None,
        note_format: NoteFormat = "text/plain",
        motivation: Motivation | None = None,
    ) -> Annotation:
        """Annotate ``text[start:end]`` of a document. Raises :class:`SpanError` for a bad span."""
        document = self.load_document(doc_id)
        annotation = annotation_for_span(
            document,
            start,
            end,
            creator=self.creator,
            tags=tuple(tags),
            note=note,
            note_format=note_format,
            motivation=motivation,
        )
        return self._add(document, annotation)

    def add_quote(
        self,
        doc_id: str,
        quote: str,
        occurrence: int = 1,
        *,
        tags: Sequence[str] = (),
        note: str | None = None,
        note_format: NoteFormat = "text/plain",
        motivation: Motivation | None = None,
    ) -> Annotation:
        """Annotate the ``occurrence``-th (1 = first) appearance of ``quote`` in a document."""
        document = self.load_document(doc_id)
        annotation = annotation_for_quote(
            document,
            quote,
            occurrence,
            creator=self.creator,
            tags=tuple(tags),
            note=note,
            note_format=note_format,
            motivation=motivation,
        )
        return self._add(document, annotation)

    def _add(self, document: Document, annotation: Annotation) -> Annotation:
        self.snapshots.save(document.text)
        result = self._write(document.id, Put(annotation, None), "add", before=None)
        assert result.annotation is not None
        return result.annotation

    def edit(
        self,
        annotation_id: str,
        *,
        tags: Sequence[str] | Keep = KEEP,
        note: str | Keep | None = KEEP,
        note_format: NoteFormat | None = None,
        motivation: Motivation | None = None,
        base_rev: str | None = None,
        action: str = "edit",
    ) -> ChangeResult:
        """Change tags and/or note (``note=None`` removes it), merged with concurrent changes.

        ``base_rev`` is the revision the analyst was looking at (the UI passes it): when the annotation
        was changed elsewhere since, both versions are kept and the conflict is flagged. Without it,
        the change applies to the annotation as it is on disk now.
        """
        file_doc, current = self._editable(annotation_id)
        changes: AnnotationChanges = {}
        new_tags, new_note = current.tags, current.note
        if not isinstance(tags, Keep):
            try:
                new_tags = changes["tags"] = normalise_tags(tags)
            except ValueError as error:
                raise AnnotationError(str(error)) from None
        if not isinstance(note, Keep):
            new_note = changes["note"] = note if note is not None and note.strip() else None
        if note_format is not None:
            changes["note_format"] = note_format
        if motivation is not None:
            changes["motivation"] = motivation
        elif current.motivation == default_motivation(current.tags, current.note):
            changes["motivation"] = default_motivation(new_tags, new_note)
        updated = current.revised(**changes)
        return self._write(file_doc, Put(updated, base_rev or current.rev), action, before=current)

    def retag(self, annotation_id: str, tags: Sequence[str], *, base_rev: str | None = None) -> ChangeResult:
        return self.edit(annotation_id, tags=tags, base_rev=base_rev, action="retag")

    def delete(self, annotation_id: str, *, base_rev: str | None = None) -> ChangeResult:
        """Delete (a tombstone is kept). Refused by the merge when it was edited elsewhere since
        ``base_rev`` (the revision the analyst saw; default: the one on disk now)."""
        file_doc, current = self._editable(annotation_id)
        change = Delete(current.id, base_rev or current.rev, self.creator.name, utc_now())
        return self._write(file_doc, change, "delete", before=current)

    def resolve_conflict(self, annotation_id: str, keep_rev: str) -> ChangeResult:
        """Settle a conflict by keeping the version with revision ``keep_rev`` (the others are dropped)."""
        file_doc, current = self._editable(annotation_id)
        versions = {v.rev: v for v in (current, *current.conflicts)}
        if keep_rev not in versions:
            raise AnnotationError(
                f"annotation {annotation_id} has no version {keep_rev}; its versions are {', '.join(versions)}"
            )
        chosen = versions[keep_rev].revised(conflicts=())
        return self._write(file_doc, Put(chosen, current.rev), "resolve", before=current)

    def _write(
        self, doc_id: str, change: Change, action: str, *, before: Annotation | None, record: bool = True
    ) -> ChangeResult:
        with self._lock:
            return self._write_locked(doc_id, change, action, before=before, record=record)

    def _write_locked(
        self, doc_id: str, change: Change, action: str, *, before: Annotation | None, record: bool
    ) -> ChangeResult:
        (outcome,) = self.store.apply(self.sidecar(doc_id), doc_id, [change]).outcomes
        annotation_id = outcome.annotation_id
        after = outcome.result
        self._last_written[annotation_id] = after
        if after is not None:
            self._doc_of[annotation_id] = doc_id
        message = outcome.message
        if outcome.kind != "unchanged":
            try:
                self.audit.append(
                    AuditEntry(
                        at=utc_now(),
                        who=self.creator.name,
                        action=action,
                        doc_id=doc_id,
                        annotation_id=annotation_id,
                        summary=_summary(after or before, outcome),
                    )
                )
            except OSError as error:
                # The change is on disk: report it as made, and say the log was not appended to.
                note = f"the change was saved, but not logged: {error}"
                message = f"{message}; {note}" if message else note
            if record and outcome.kind != "kept-edit":
                self._record(Step(action, doc_id, annotation_id, before, after))
            if self.on_change is not None:
                try:
                    self.on_change(doc_id)
                except (OSError, TimeoutError) as error:
                    # Re-indexing is derived work: the change is saved; the next refresh indexes it.
                    note = f"saved; the search index will show it after the next refresh ({error})"
                    message = f"{message}; {note}" if message else note
        return ChangeResult(action, doc_id, annotation_id, after, outcome.kind, message)

    # -- undo / redo --------------------------------------------------------------------------

    def _record(self, step: Step) -> None:
        if self.history is not None:
            self.history.record(AnnotationStep(self, step))

    def undo_step(self, step: Step) -> Reversal:
        """Put an annotation back as it was before ``step``, merged like any edit; returns what
        happened and the step that redoes it."""
        with self._lock:
            result = self._transition(step, current=step.after, target=step.before, action="undo")
            back = Step(step.action, step.doc_id, step.annotation_id, result.annotation, step.after)
            return Reversal(result.outcome, result.message, back)

    def redo_step(self, step: Step) -> Reversal:
        """Make ``step``'s change again (``step`` came from :meth:`undo_step`); returns what happened
        and the step that undoes it."""
        with self._lock:
            result = self._transition(step, current=step.before, target=step.after, action="redo")
            back = Step(step.action, step.doc_id, step.annotation_id, step.before, result.annotation)
            return Reversal(result.outcome, result.message, back)

    def _transition(
        self, step: Step, *, current: Annotation | None, target: Annotation | None, action: str
    ) -> ChangeResult:
        label = f"{action} {step.action}"
        current = self._last_written.get(step.annotation_id, current)
        if target is None:
            if current is None:
                return ChangeResult(label, step.doc_id, step.annotation_id, None, "unchanged")
            change: Change = Delete(current.id, current.rev, self.creator.name, utc_now())
        else:
            base = current.rev if current is not None else target.rev
            change = Put(target.revised(conflicts=()), base)
        return self._write(step.doc_id, change, label, before=current, record=False)

    # -- re-anchoring -------------------------------------------------------------------------

    def check(self, doc_ids: Iterable[str] | None = None) -> CheckReport:
        """Re-anchor every annotation whose document changed, record the results, and report what
        moved, what needs review (or is orphaned, or in conflict) and which files are unusable."""
        report = CheckReport()
        for doc_id in list(doc_ids) if doc_ids is not None else self.annotated_documents():
            self._check_document(doc_id, report)
        return report

    def review_queue(self) -> builtins.list[ReviewItem]:
        return self.check().review

    def _check_document(self, doc_id: str, report: CheckReport) -> None:
        path = self.sidecar(doc_id)
        try:
            loaded = self.store.load(path, doc_id)
        except AnnotationFileError as error:
            report.problems.append(FileProblem(doc_id, path, str(error)))
            return
        if loaded.read_only:
            report.problems.append(
                FileProblem(doc_id, path, f"{path}: written by a newer caseview; read-only", read_only=True)
            )
        annotations = loaded.content.annotations
        if not annotations:
            return
        try:
            document: Document | None = self.load_document(doc_id)
        except AnnotationError:
            document = None
        diffs: dict[str, DiffMap | None] = {}
        changes: list[Change] = []
        for annotation in annotations:
            report.checked += 1
            outside = outside_reason(self.root, annotation.doc_id)
            if outside is not None:
                report.problems.append(
                    FileProblem(
                        doc_id,
                        path,
                        f"{path}: annotation {annotation.id} targets a document outside the corpus ({outside}); "
                        "it is not opened, and edits and deletes are refused",
                    )
                )
                continue
            if document is None:
                report.review.append(ReviewItem(annotation, f"orphaned: the document {doc_id} is missing"))
                continue
            anchor, reason = self._anchor_now(annotation, document, diffs)
            if anchor != annotation.anchor:
                changes.append(SetAnchor(annotation.id, annotation.rev, anchor))
                annotation = annotation.model_copy(update={"anchor": anchor})
            if anchor.status in ("needs-review", "orphaned") and not anchor.dismissed:
                report.review.append(ReviewItem(annotation, f"{anchor.status}: {reason}"))
            elif annotation.conflicts:
                report.review.append(ReviewItem(annotation, f"conflict: {len(annotation.conflicts) + 1} versions"))
            elif anchor.status == "moved":
                report.moved.append(annotation)
            else:
                report.anchored.append(annotation)
            if annotation.conflicts and anchor.status in ("needs-review", "orphaned") and not anchor.dismissed:
                report.review.append(ReviewItem(annotation, f"conflict: {len(annotation.conflicts) + 1} versions"))
        if changes and not loaded.read_only:
            try:
                self.store.apply(path, doc_id, changes)
            except AnnotationError as error:
                report.problems.append(FileProblem(doc_id, path, f"re-anchoring results not saved: {error}"))

    # -- the analyst's review decisions ---------------------------------------------------------
    # Each changes only ``cv:anchor`` (where the passage is *now*); the original quote, position and
    # snapshot stay as they were, so nothing the analyst selected is ever lost. Each is undoable.

    def reattach(self, annotation_id: str, start: int, end: int) -> ChangeResult:
        """Anchor the annotation at ``start:end`` of its document's current text (the analyst's choice)."""
        file_doc, current = self._editable(annotation_id)
        document = self.load_document(current.doc_id)
        check_span(document, start, end)
        anchor = AnchorState(
            status="anchored",
            score=1.0,
            doc_sha256=document.sha256,
            start=start,
            end=end,
            reason="re-attached by the analyst",
        )
        return self._write(file_doc, Put(current.revised(anchor=anchor), current.rev), "reattach", before=current)

    def accept(self, annotation_id: str, candidate: int = 1) -> ChangeResult:
        """Accept a candidate re-anchoring found (1, the default, is the best; see :meth:`candidates`):
        the passage is anchored there, written exactly as a re-attach is (and undone the same way)."""
        current = self.get(annotation_id)
        span = current.current_span
        if span is None:
            raise AnnotationError(
                "this annotation has no candidate place in the current text to accept; "
                "re-attach it to a passage or dismiss it"
            )
        if candidate == 1:
            return self.reattach(annotation_id, *span)
        offered = self.candidates(annotation_id)
        if not 1 <= candidate <= len(offered):
            count = len(offered)
            raise AnnotationError(
                f"there is no candidate {candidate}: this annotation has {count} candidate{'s' if count != 1 else ''}"
                + (f" (1–{count})" if count > 1 else "")
            )
        chosen = offered[candidate - 1]
        return self.reattach(annotation_id, chosen.start, chosen.end)

    def candidates(self, annotation_id: str) -> builtins.tuple[AnchorCandidate, ...]:
        """Where the passage may be in the current text, best first: the recorded anchor, then (for one
        that needs review) the close rivals the ladder finds beside it. Empty when it is not located.

        The rivals are worked out again from the snapshot, not stored: the annotation file keeps only
        where the passage is (``cv:anchor``), so merges and other tools see the format they know."""
        annotation = self.get(annotation_id)
        span = annotation.current_span
        if span is None:
            return ()
        document = self.load_document(annotation.doc_id)
        if annotation.anchor.doc_sha256 != document.sha256:
            raise AnnotationError(
                f"{annotation.doc_id} changed since its annotations were checked; run 'caseview check' first"
            )
        start, end = span
        if end > len(document.text):
            return ()
        if annotation.anchor.status != "needs-review":
            return offered_candidates(document.text, start, end, annotation.anchor.score, None, annotation.quote)
        result = reanchor(
            annotation.quote,
            annotation.position,
            document.text,
            snapshot=self.snapshots.load(annotation.snapshot_sha256),
        )
        return offered_candidates(document.text, start, end, annotation.anchor.score, result, annotation.quote)

    def dismiss(self, annotation_id: str) -> ChangeResult:
        """Keep the annotation as orphaned (not located in the current text) and out of the review queue."""
        file_doc, current = self._editable(annotation_id)
        anchor = current.anchor.model_copy(
            update={
                "status": "orphaned",
                "start": None,
                "end": None,
                "dismissed": True,
                "reason": "dismissed by the analyst; kept as orphaned",
            }
        )
        return self._write(file_doc, Put(current.revised(anchor=anchor), current.rev), "dismiss", before=current)

    def _anchor_now(
        self, annotation: Annotation, document: Document, diffs: dict[str, DiffMap | None]
    ) -> tuple[AnchorState, str]:
        if annotation.anchor.doc_sha256 == document.sha256:
            return annotation.anchor, annotation.anchor.reason or "the document did not change since the last check"
        if annotation.snapshot_sha256 == document.sha256:
            position = annotation.position
            return AnchorState(
                status="anchored", score=1.0, doc_sha256=document.sha256, start=position.start, end=position.end
            ), "the document is as it was when annotated"
        snapshot = self.snapshots.load(annotation.snapshot_sha256)
        if annotation.snapshot_sha256 not in diffs:
            diffs[annotation.snapshot_sha256] = DiffMap(snapshot, document.text) if snapshot is not None else None
        result = reanchor(
            annotation.quote,
            annotation.position,
            document.text,
            snapshot=snapshot,
            diff=diffs[annotation.snapshot_sha256],
        )
        return AnchorState(
            status=result.status,
            score=result.score,
            doc_sha256=document.sha256,
            start=result.start,
            end=result.end,
            reason=result.reason,
        ), result.reason


def _summary(annotation: Annotation | None, outcome: Outcome) -> str:
    parts = []
    if annotation is not None:
        parts.append(f"quote {annotation.quote.exact[:60]!r}")
        if annotation.tags:
            parts.append("tags: " + ", ".join(annotation.tags))
        if annotation.note:
            parts.append(f"note: {annotation.note[:80]!r}")
    if outcome.kind not in ("applied",):
        parts.append(f"[{outcome.kind}] {outcome.message}")
    return "; ".join(parts)
