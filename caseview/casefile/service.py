"""The case-file API the workspace delegates to: one named case of one corpus, changed safely.

The service sees the rest of caseview through three small protocols defined here — the corpus
(:class:`CorpusAccess`), the annotation service (:class:`AnnotationAccess`) and the extraction
(:class:`EntitySource`) — which the workspace's adapters satisfy.

Each change is a pure operation (:mod:`caseview.casefile.operations`) applied to the case as this
service last saw it, then saved by the store, which merges it with whatever is on disk now. The
service re-reads the file whenever another program changed it, so it is never staler than the
last change it made.

With a session history (the workspace's), every change is recorded as an undoable step: the records
it touched, before and after (:mod:`caseview.casefile.undo`); undoing it is again a merged change.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Protocol, TypeVar

from caseview.annotations.errors import AnnotationError, SpanError
from caseview.annotations.model import Annotation, check_span
from caseview.casefile import describe as words
from caseview.casefile import operations as ops
from caseview.casefile.citations import (
    citation_for_span,
    citation_from_annotation,
    entity_snapshot,
    event_snapshot,
    find_mentions,
    state_from_annotation,
)
from caseview.casefile.errors import CaseUsageError, ReadOnlyCase
from caseview.casefile.model import (
    SCHEMA_VERSION,
    CaseFile,
    CaseItem,
    Citation,
    EntityItem,
    EntitySnapshot,
    EventItem,
    EventSnapshot,
    Grade,
    Link,
    NoteItem,
    PassageItem,
    Tombstone,
    section_id_for,
    utc_now,
)
from caseview.casefile.quotes import locate_quote
from caseview.casefile.readd import Restoration
from caseview.casefile.resolve import AnnotationState, CaseView, current_locator, resolve_case
from caseview.casefile.store import CaseStore, SavedCase, case_path
from caseview.casefile.undo import (
    CaseRecord,
    CaseStep,
    RecordChange,
    RecordKind,
    record,
    record_changes_of,
    reverting,
    touched_records,
)
from caseview.corpus import Document
from caseview.extract import Entity, EventCandidate
from caseview.kernel.undo import Recorder, short_quote

T = TypeVar("T")
#: Describes a change in words, given the case before it and as saved after it.
Describe = Callable[[CaseFile, CaseFile], str]


class CorpusAccess(Protocol):
    """The corpus as a case needs it: its documents as they are now."""

    def document(self, doc_id: str) -> Document | None:
        """The document, or None when it is not (or no longer) in the corpus."""
        ...

    def document_ids(self) -> list[str]:
        """The ids of every document of the corpus, in the corpus's order."""
        ...


class AnnotationAccess(Protocol):
    """The part of the annotation service a case needs: look one up, make one."""

    def get(self, annotation_id: str) -> Annotation | None:
        """The live annotation with this id, or None when there is none (deleted or never made).
        Other annotation errors (an unreadable annotation file) propagate."""
        ...

    def lookup(self) -> Callable[[str], Annotation | None]:
        """:meth:`get` for one look at the case: each annotation file is read at most once by it."""
        ...

    def create(
        self, document: Document, start: int, end: int, *, tags: tuple[str, ...], note: str | None
    ) -> Annotation:
        """Annotate ``document.text[start:end]`` and return the new annotation (CaseUsageError if refused)."""
        ...


class EntitySource(Protocol):
    """The extraction's entities and events, as a case takes them in."""

    def entities(self, include_hidden: bool = False) -> list[Entity]: ...

    def events(self) -> list[EventCandidate]: ...


class _Sources:
    """The corpus now and the annotation service, as :func:`resolve_case` reads them: for one look.

    Each document and each annotation file is read once per look, not once per item that cites it
    (the case's items are checked against the corpus as it was when the look began). Make a new one
    for each look (:meth:`CaseService.sources`).
    """

    def __init__(self, corpus: CorpusAccess, annotations: AnnotationAccess | None) -> None:
        self.corpus = corpus
        self.annotations = annotations
        self._documents: dict[str, Document | None] = {}
        self._annotation: Callable[[str], Annotation | None] | None = None

    def document(self, doc_id: str) -> Document | None:
        if doc_id not in self._documents:
            self._documents[doc_id] = self.corpus.document(doc_id)
        return self._documents[doc_id]

    def annotation(self, annotation_id: str) -> AnnotationState | None:
        if self.annotations is None:
            return None
        if self._annotation is None:
            self._annotation = self.annotations.lookup()
        try:
            return state_from_annotation(self._annotation(annotation_id))
        except AnnotationError:
            return None  # its file cannot be read now: unknown, not deleted


class CaseService:
    """One case (``case.json`` or ``<name>.case.json``) of a corpus."""

    def __init__(
        self,
        root: Path,
        name: str | None = None,
        *,
        corpus: CorpusAccess,
        quarantine_dir: Path,
        annotations: AnnotationAccess | None = None,
        entities: EntitySource | None = None,
        history: Recorder | None = None,
    ) -> None:
        #: The corpus folder the case file lives in.
        self.root = root
        self.name = name or None
        self.path: Path = case_path(root, self.name)
        self.corpus = corpus
        self.annotations = annotations
        self.entities = entities
        self.store = CaseStore(self.path, quarantine_dir, default_title=self.name or "Untitled case")
        self._case: CaseFile | None = None
        self._read_only = False
        self._fingerprint: tuple[int, int, int] | None = None
        self._lock = threading.RLock()
        #: Where changes are recorded for undo (None: not undoable).
        self.history = history
        #: The version of each record this session last wrote (None: deleted it). Undo and redo start
        #: from it, so their merge sees exactly what other windows changed since (as annotations do).
        self._last_written: dict[tuple[RecordKind, str], CaseRecord | None] = {}
        #: What passages this session put back got again from the removed items they are, by item id.
        self._restorations: dict[str, Restoration] = {}

    # -- reading ----------------------------------------------------------------------------------
    def load(self) -> CaseFile:
        """The case as it is on disk now (re-read only when the file changed). Raises CaseFileError."""
        fingerprint = self.store.fingerprint()
        if self._case is None or fingerprint != self._fingerprint:
            loaded = self.store.load()
            self._case, self._read_only, self._fingerprint = loaded.case, loaded.read_only, fingerprint
        return self._case

    @property
    def read_only(self) -> bool:
        self.load()
        return self._read_only

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    def sources(self) -> _Sources:
        return _Sources(self.corpus, self.annotations)

    def view(self) -> CaseView:
        """The case checked against the corpus now: numbered, flagged and cited."""
        case = self.load()
        return resolve_case(case, self.sources(), name=self.name, path=self.path, read_only=self._read_only)

    def live_annotations(self) -> dict[str, Annotation]:
        """The live annotations behind the case's passages, by id (empty without an annotation service)."""
        if self.annotations is None:
            return {}
        found = {}
        get = self.annotations.lookup()  # each annotation file read once, not once per passage
        for item in self.load().items:
            if isinstance(item, PassageItem) and item.annotation_id:
                try:
                    annotation = get(item.annotation_id)
                except AnnotationError:
                    continue  # exported from the case's own copy instead
                if annotation is not None:
                    found[item.annotation_id] = annotation
        return found

    # -- changing ---------------------------------------------------------------------------------
    def _change(self, operation: Callable[[CaseFile], tuple[CaseFile, T]], describe: Describe | None = None) -> T:
        with self._lock:  # one change at a time within this process (the file lock covers other processes)
            base = self.load()
            if self._read_only:
                raise ReadOnlyCase(self.path, base.schema_version, SCHEMA_VERSION)
            mine, result = operation(base)
            saved = self._save(base, mine, touched_records(base, mine))
            if describe is not None and self.history is not None:
                changes = record_changes_of(base, mine, saved)
                if changes:
                    self.history.record(CaseStep(self, changes, describe(base, saved.merged)))
            return result

    def _save(self, base: CaseFile, mine: CaseFile, touched: Iterable[tuple[RecordKind, str]]) -> SavedCase:
        saved = self.store.write_merged(base, mine)
        self._case = saved.merged
        self._fingerprint = self.store.fingerprint()
        for kind, record_id in touched:
            self._last_written[(kind, record_id)] = record(saved.merged, kind, record_id)
        return saved

    def revert(self, changes: Iterable[RecordChange]) -> SavedCase:
        """Put the records of ``changes`` back as they were before, merged with what is on disk now
        (a record changed elsewhere since keeps that change). For undo; not itself recorded."""
        with self._lock:
            current = self.load()
            if self._read_only:
                raise ReadOnlyCase(self.path, current.schema_version, SCHEMA_VERSION)
            expected = [
                replace(c, after=self._last_written[(c.kind, c.id)]) if (c.kind, c.id) in self._last_written else c
                for c in changes
            ]
            base, mine = reverting(current, expected)
            return self._save(base, mine, [(c.kind, c.id) for c in expected])

    def _group(self) -> AbstractContextManager[None]:
        """Changes made inside are undone as one (an annotation and the case item made from it)."""
        return self.history.group() if self.history is not None else nullcontext()

    def _change_item(
        self, operation: Callable[[CaseFile], tuple[CaseFile, CaseItem]], describe: Describe | None = None
    ) -> CaseItem:
        """Apply an operation that makes or changes an item; return that item as it was saved."""

        def with_id(case: CaseFile) -> tuple[CaseFile, str]:
            changed, item = operation(case)
            return changed, item.id

        item_id = self._change(with_id, describe)
        saved = self.load().item(item_id)
        assert saved is not None
        return saved

    def _add_item(self, operation: Callable[[CaseFile], tuple[CaseFile, CaseItem]]) -> CaseItem:
        """Apply an operation that adds an item, described as "add #N … to 'Section'"."""
        made: list[str] = []

        def remembering(case: CaseFile) -> tuple[CaseFile, CaseItem]:
            changed, item = operation(case)
            made.append(item.id)
            return changed, item

        return self._change_item(remembering, lambda _before, after: words.added(after, made[-1]))

    def _edit(self, operation: Callable[[CaseFile], CaseFile], describe: Describe | None = None) -> None:
        self._change(lambda case: (operation(case), None), describe)

    def set_header(
        self, *, title: str | None = None, summary: str | None = None, questions: list[str] | None = None
    ) -> None:
        what = (
            ", ".join(
                name
                for name, value in (("title", title), ("summary", summary), ("key questions", questions))
                if value is not None
            )
            or "header"
        )
        self._edit(
            lambda case: ops.set_header(case, title=title, summary=summary, questions=questions),
            lambda _before, _after: f"set the case {what}",
        )

    def add_question(self, question: str) -> None:
        self._edit(
            lambda case: ops.add_question(case, question), lambda _b, _a: f"add key question {short_quote(question)}"
        )

    def add_passage(
        self,
        doc_id: str,
        *,
        start: int | None = None,
        end: int | None = None,
        quote: str | None = None,
        occurrence: int = 1,
        tags: Iterable[str] = (),
        annotation_note: str | None = None,
        note: str | None = None,
        grade: Grade | None = None,
        section: str | None = None,
        position: int | None = None,
    ) -> PassageItem:
        """Put a passage of a document into the case, by span or by quote (1 = first occurrence).

        With an annotation service the passage is annotated (with ``tags`` and ``annotation_note``)
        and the item refers to that annotation; without one the item holds the citation alone.
        """
        document = self._document(doc_id)
        start, end = _span(document, start, end, quote, occurrence)
        tags = tuple(tags)
        case = self.load()
        already = ops.passage_in_case(case, doc_id, start, end) or self._passage_at(case, doc_id, start, end)
        if already is not None:  # before an annotation is made: adding it twice makes nothing twice
            raise ops.already_there(case, already, "this passage")
        with self._group():
            if self.annotations is not None:
                annotation = self.annotations.create(document, start, end, tags=tags, note=annotation_note)
                citation = citation_from_annotation(annotation, document)
                annotation_id: str | None = annotation.id
            else:
                citation = citation_for_span(document, start, end, tags=tags, note=annotation_note)
                annotation_id = None
            return self._put_passage(
                citation, annotation_id=annotation_id, grade=grade, section=section, position=position, note=note
            )

    def add_annotation(
        self,
        annotation_id: str,
        *,
        note: str | None = None,
        grade: Grade | None = None,
        section: str | None = None,
        position: int | None = None,
    ) -> PassageItem:
        """Put an existing annotation into the case."""
        annotation = self.annotations.get(annotation_id) if self.annotations is not None else None
        if annotation is None:
            raise CaseUsageError(f"no annotation {annotation_id!r} (see 'caseview annotations')")
        document = self._document_or_none(annotation.doc_id)
        citation = citation_from_annotation(annotation, document)
        return self._put_passage(
            citation, annotation_id=annotation.id, grade=grade, section=section, position=position, note=note
        )

    def _put_passage(
        self,
        citation: Citation,
        *,
        annotation_id: str | None,
        grade: Grade | None,
        section: str | None,
        position: int | None,
        note: str | None,
    ) -> PassageItem:
        """Add a passage; one that is a removed passage put back gets its grade, note and links again
        (see :meth:`restoration`), matched where the passages are in the documents now."""
        made: list[ops.PassageAdded] = []

        def operation(case: CaseFile) -> tuple[CaseFile, str]:
            added = ops.put_passage(
                case,
                citation,
                annotation_id=annotation_id,
                grade=grade,
                section=section,
                position=position,
                note=note,
                locate=current_locator(self.sources()),
            )
            made.append(added)
            return added.case, added.item.id

        def described(_before: CaseFile, after: CaseFile) -> str:
            restoration = made[-1].restoration
            if restoration is None:
                return words.added(after, made[-1].item.id)
            return "re-" + words.added(after, made[-1].item.id) + f" ({restoration.describe()})"

        item_id = self._change(operation, described)
        restoration = made[-1].restoration
        if restoration is not None:
            self._restorations[item_id] = restoration
        saved = self.load().item(item_id)
        assert isinstance(saved, PassageItem)
        return saved

    def restoration(self, item_id: str) -> Restoration | None:
        """What the passage ``item_id``, put back in this session, got again from the removed item it is
        (its grade, note, links), or None when it is a new passage or got nothing back."""
        return self._restorations.get(item_id)

    def add_entity(
        self,
        name: str,
        *,
        entity_id: str | None = None,
        snapshot: EntitySnapshot | None = None,
        entity_type: str | None = None,
        aliases: Iterable[str] = (),
        role: str | None = None,
        note: str | None = None,
        section: str | None = None,
        position: int | None = None,
    ) -> EntityItem:
        """Put an entity into the case: from an extraction snapshot, or by name (mentions found in the corpus)."""
        if snapshot is None:
            if not name.strip():
                raise CaseUsageError("an entity needs a name")
            aliases = tuple(aliases)
            mentions = find_mentions(name, self._all_documents(), aliases)
            snapshot = EntitySnapshot(name=name.strip(), type=entity_type, aliases=aliases, mentions=mentions)
        entity_key = entity_id or "name:" + section_id_for(snapshot.name)[2:]
        item = self._add_item(
            lambda case: ops.add_entity(
                case, entity_key, snapshot, role=role, section=section, position=position, note=note
            )
        )
        assert isinstance(item, EntityItem)
        return item

    def add_extracted_entity(
        self,
        ref: str,
        *,
        role: str | None = None,
        note: str | None = None,
        section: str | None = None,
        position: int | None = None,
    ) -> EntityItem:
        """An entity found by the extraction, by its id, name or one of its aliases (case-insensitive)."""
        found = _pick_entity(self._entities().entities(include_hidden=True), ref)
        return self.add_entity(
            found.name,
            entity_id=found.id,
            snapshot=entity_snapshot(found),
            role=role,
            note=note,
            section=section,
            position=position,
        )

    def add_extracted_event(
        self, event_id: str, *, note: str | None = None, section: str | None = None, position: int | None = None
    ) -> EventItem:
        """An event found by the extraction, by its id, with its evidence and its date as written and resolved."""
        extraction = self._entities()
        event = next((e for e in extraction.events() if e.id == event_id), None)
        if event is None:
            raise CaseUsageError(f"no extracted event {event_id!r} (see 'caseview events')")
        names = {entity.id: entity.name for entity in extraction.entities(include_hidden=True)}
        return self.add_event(
            event_snapshot(event, names), event_id=event.id, note=note, section=section, position=position
        )

    def add_event(
        self,
        snapshot: EventSnapshot,
        *,
        event_id: str | None = None,
        note: str | None = None,
        section: str | None = None,
        position: int | None = None,
    ) -> EventItem:
        """Put an event into the case (a snapshot from the extraction, or one the analyst describes)."""
        key = event_id or "ev-" + hashlib.sha256(snapshot.model_dump_json().encode("utf-8")).hexdigest()[:12]
        item = self._add_item(
            lambda case: ops.add_event(case, key, snapshot, section=section, position=position, note=note)
        )
        assert isinstance(item, EventItem)
        return item

    def add_event_from_text(
        self,
        doc_id: str,
        *,
        quote: str,
        occurrence: int = 1,
        time_text: str | None = None,
        start_date: date | None = None,
        end_date: date | None = None,
        actors: Iterable[str] = (),
        note: str | None = None,
        section: str | None = None,
        position: int | None = None,
    ) -> EventItem:
        """An event the analyst points at: its evidence sentence in a document and, if known, its date."""
        document = self._document(doc_id)
        start, end = _span(document, None, None, quote, occurrence)
        snapshot = EventSnapshot(
            text=document.text[start:end],
            doc_id=doc_id,
            start=start,
            end=end,
            actors=tuple(actors),
            time_text=time_text,
            start_date=start_date,
            end_date=end_date or start_date,
            granularity="day" if start_date else None,
        )
        return self.add_event(
            snapshot, event_id=f"ev-{doc_id}-{start}-{end}", note=note, section=section, position=position
        )

    def add_note(self, text: str, *, section: str | None = None, position: int | None = None) -> NoteItem:
        item = self._add_item(lambda case: ops.add_note(case, text, section=section, position=position))
        assert isinstance(item, NoteItem)
        return item

    def remove(self, ref: str) -> CaseItem:
        item = ops.resolve_item_ref(self.load(), ref)
        self._edit(
            lambda case: ops.remove_item(case, item.id),
            lambda before, _after: f"remove {words.item_phrase(before, item)}",
        )
        return item

    def move(self, ref: str, *, to_section: str | None = None, position: int | None = None) -> CaseItem:
        item = ops.resolve_item_ref(self.load(), ref)
        return self._change_item(
            lambda case: (ops.move_item(case, item.id, to_section=to_section, position=position), item),
            lambda _before, after: words.moved(after, item.id),
        )

    def link(self, source: str, target: str, relation: str, note: str | None = None) -> Link:
        def operation(case: CaseFile) -> tuple[CaseFile, str]:
            changed, link = ops.link_items(case, source, target, relation, note)
            return changed, link.id

        made: list[str] = []

        def remembering(case: CaseFile) -> tuple[CaseFile, str]:
            changed, link_id = operation(case)
            made.append(link_id)
            return changed, link_id

        def described(_before: CaseFile, after: CaseFile) -> str:
            made_link = after.link(made[-1])
            return words.linked(after, made_link) if made_link else "link two items"

        link_id = self._change(remembering, described)
        saved = self.load().link(link_id)
        assert saved is not None
        return saved

    def unlink(self, ref: str) -> Link:
        link = ops.resolve_link_ref(self.load(), ref)
        self._edit(lambda case: ops.unlink(case, link.id), lambda before, _after: words.linked(before, link, "unlink"))
        return link

    def grade(self, ref: str, grade: Grade | None) -> CaseItem:
        item = ops.resolve_item_ref(self.load(), ref)
        return self._change_item(
            lambda case: (ops.grade_item(case, item.id, grade), item),
            lambda before, _after: words.graded(before, item, grade),
        )

    def set_note(self, ref: str, note: str | None) -> CaseItem:
        item = ops.resolve_item_ref(self.load(), ref)
        return self._change_item(
            lambda case: (ops.set_item_note(case, item.id, note), item),
            lambda before, _after: f"note on {words.item_phrase(before, item)}",
        )

    def set_role(self, ref: str, role: str | None) -> CaseItem:
        item = ops.resolve_item_ref(self.load(), ref)
        return self._change_item(
            lambda case: (ops.set_entity_role(case, item.id, role), item),
            lambda before, _after: f"role of {words.item_phrase(before, item)}",
        )

    def rename_section(self, title: str, new_title: str) -> None:
        self._edit(
            lambda case: ops.rename_section(case, title, new_title),
            lambda _b, _a: f"rename section '{title}' to '{new_title}'",
        )

    def remove_section(self, title: str) -> None:
        self._edit(lambda case: ops.remove_section(case, title), lambda _b, _a: f"remove section '{title}'")

    def replace_with(self, imported: CaseFile) -> None:
        """Make the case equal to ``imported`` (e.g. re-imported from a W3C export); current records
        not in it are deleted with tombstones, so the change merges like any other."""

        def operation(case: CaseFile) -> tuple[CaseFile, None]:
            now = utc_now()
            gone: list[Tombstone] = []
            for kind, current, incoming in (
                ("item", case.items, imported.items),
                ("link", case.links, imported.links),
                ("section", case.sections, imported.sections),
            ):
                keep = {record.id for record in incoming}
                gone += [Tombstone(id=r.id, kind=kind, rev=r.rev, deleted=now) for r in current if r.id not in keep]
            return imported.model_copy(update={"tombstones": (*imported.tombstones, *gone)}), None

        self._change(operation, lambda _b, _a: "replace the case with an imported one")

    # -- helpers ----------------------------------------------------------------------------------
    def _passage_at(self, case: CaseFile, doc_id: str, start: int, end: int) -> PassageItem | None:
        """The case's passage that is at ``start:end`` of the document now (it may have moved there)."""
        view = resolve_case(case, self.sources())
        for entry in view.passages():
            location = entry.location
            if (
                isinstance(entry.item, PassageItem)
                and entry.item.citation.doc_id == doc_id
                and location is not None
                and (location.start, location.end) == (start, end)
            ):
                return entry.item
        return None

    def _document(self, doc_id: str) -> Document:
        document = self._document_or_none(doc_id)
        if document is None:
            raise CaseUsageError(f"no document {doc_id!r} in this corpus (see 'caseview docs')")
        return document

    def _document_or_none(self, doc_id: str) -> Document | None:
        return self.sources().document(doc_id)

    def _all_documents(self) -> list[Document]:
        found = []
        for doc_id in self.corpus.document_ids():
            document = self._document_or_none(doc_id)
            if document is not None:
                found.append(document)
        return found

    def _entities(self) -> EntitySource:
        if self.entities is None:
            raise CaseUsageError("this case was opened without the extraction; add the entity with --manual")
        return self.entities


def _pick_entity(entities: list[Entity], ref: str) -> Entity:
    """The entity ``ref`` names: its id, else its name or an alias, else the one whose names contain it as a word."""
    wanted = " ".join(ref.split()).casefold()
    by_id = [e for e in entities if e.id == ref]
    exact = [e for e in entities if wanted in {n.casefold() for n in (e.name, *e.aliases)}]
    pattern = re.compile(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)")
    partial = [e for e in entities if any(pattern.search(n.casefold()) for n in (e.name, *e.aliases))]
    for candidates in (by_id, exact, partial):
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            names = ", ".join(f"{e.name} [{e.id}]" for e in candidates[:8])
            raise CaseUsageError(f"{ref!r} could be {len(candidates)} entities: {names}; give the id with --id")
    raise CaseUsageError(f"no extracted entity {ref!r} (see 'caseview entities'); add --manual to describe it yourself")


def _span(
    document: Document, start: int | None, end: int | None, quote: str | None, occurrence: int
) -> tuple[int, int]:
    """The passage's offsets, from a span or from a quote; refuses anything that is not a passage."""
    try:
        if quote is not None:
            if start is not None or end is not None:
                raise CaseUsageError("give either a span or a quote, not both")
            return locate_quote(document, quote, occurrence)  # quotes, dashes and spaces normalised
        if start is None or end is None:
            raise CaseUsageError("give the passage as a span (start and end) or as a quote")
        check_span(document, start, end)
        return start, end
    except SpanError as error:
        raise CaseUsageError(str(error)) from None
