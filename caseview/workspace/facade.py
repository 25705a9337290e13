"""The :class:`Workspace`: one opened corpus folder, the single API the CLI and the TUI call.

It is built by composition: each part is a typed property, made on first use and joined in
:mod:`caseview.workspace.parts` (see ARCHITECTURE.md, "Workspace by composition" and "Start-up"),
and the façade's methods delegate to them. The parts never see the façade; the services among them
see each other only through the adapters in :mod:`caseview.workspace.wiring`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Self

from caseview.annotations.keep import KEEP, Keep
from caseview.kernel.docmeta import MetaChange, write_document_meta
from caseview.search import IndexExtras, ParsedQuery, SearchIndex, SearchResults
from caseview.workspace import pubdates, searching, summary
from caseview.workspace.core import CorpusIndex, DocumentInfo, RefreshReport, UnknownDocument, document_info
from caseview.workspace.facets import FacetDoc, FacetName, FacetValue, documents_of, facet_values
from caseview.workspace.history import SessionHistory, UndoResult
from caseview.workspace.parts import Parts

if TYPE_CHECKING:
    # The parts' modules are imported when a part is first used (see ``parts``; ARCHITECTURE.md,
    # "Start-up"), and by the methods below that need them: here they only name types.
    from caseview.annotations.anchoring import AnchorCandidate
    from caseview.annotations.model import Annotation, Motivation, NoteFormat
    from caseview.annotations.service import AnnotationService, ChangeResult, CheckReport, ReviewItem
    from caseview.casefile import CaseService
    from caseview.corpus import Document
    from caseview.extract import CorpusExtraction, Correction, DocMention, Entity, EventCandidate
    from caseview.extract.profile import EntityProfile
    from caseview.extract.service import ExtractionService
    from caseview.kernel.locks import OwnedLock
    from caseview.provenance import ProvenanceReport
    from caseview.provenance.offers import AnnotationOffer
    from caseview.search.index import ProgressCallback
    from caseview.workspace.cases import Cases
    from caseview.workspace.codebook import WorkspaceCodebook
    from caseview.workspace.entity_index import EntityIndex
    from caseview.workspace.offers import OfferDesk
    from caseview.workspace.saved_searches import SearchStore
    from caseview.workspace.team_link import TeamLink
    from caseview.workspace.view_state import ViewState
    from caseview.workspace.watching import StateToken, Watcher, WorkspaceChanges


class Workspace:
    """A corpus folder, its documents, its search index, and the analyst's work on them."""

    def __init__(self, root: Path | str | None = None) -> None:
        #: The documents and the search index (scanning, refreshing, reading, raw search).
        self.corpus_index = CorpusIndex(root)
        #: One undo/redo history for this session's changes to annotations, cases and entities.
        self.history = SessionHistory()
        #: The other parts, each made on first use (see the properties below).
        self._parts = Parts(self.corpus_index, self.history)
        #: The live link to a team server, once :meth:`join_team` found one (issue 18).
        self.team: TeamLink | None = None

    # -- the parts, made on first use ------------------------------------------------------------
    @property
    def watcher(self) -> Watcher:
        """Notices what other windows changed on disk."""
        return self._parts.watcher.get()

    @property
    def annotation_service(self) -> AnnotationService:
        """Tags and notes on passages, next to the documents."""
        return self._parts.annotation_service.get()

    @property
    def entity_index(self) -> EntityIndex:
        """Which entity names each document was indexed with."""
        return self._parts.entity_index.get()

    @property
    def extraction_service(self) -> ExtractionService:
        """Entities, events and the analyst's corrections."""
        return self._parts.extraction_service.get()

    @property
    def cases(self) -> Cases:
        """``case.json`` and the named cases."""
        return self._parts.cases.get()

    @property
    def codebook(self) -> WorkspaceCodebook:
        """Every tag with its count and description; rename and merge tags (issue 13)."""
        return self._parts.codebook.get()

    @property
    def view_state(self) -> ViewState:
        """The app's layout as the analyst left it on this corpus (issue 13)."""
        return self._parts.view_state.get()

    @property
    def searches(self) -> SearchStore:
        """Recent and saved searches, in the corpus folder (issue 13)."""
        return self._parts.searches.get()

    def join_team(self, explicit_url: str | None = None) -> TeamLink | None:
        """Link this folder to its team server (``--team``, ``$CASEVIEW_TEAM_URL`` or ``caseview.toml``);
        ``None`` without one. Connects to nothing yet: the app starts the link. Raises ``TeamConfigError``."""
        from caseview.workspace.team_link import TeamLink

        self.team = TeamLink.for_corpus(self.root, explicit_url, lambda doc_id: self.document(doc_id).sha256)
        return self.team

    @classmethod
    def open(cls, root: Path | str | None = None, progress: ProgressCallback | None = None) -> Self:
        """A workspace on ``root`` with its index brought up to date."""
        workspace = cls(root)
        workspace.refresh(progress)
        return workspace

    def _ensure_open(self) -> None:
        if not self.corpus_index.is_open:
            self.refresh()

    # -- the corpus and its index ------------------------------------------------------------------
    @property
    def root(self) -> Path:
        return self.corpus_index.root

    @property
    def derived_dir(self) -> Path:
        return self.corpus_index.derived_dir

    @property
    def index(self) -> SearchIndex:
        return self.corpus_index.index

    @property
    def last_report(self) -> RefreshReport | None:
        return self.corpus_index.last_report

    def refresh(self, progress: ProgressCallback | None = None) -> RefreshReport:
        """Scan the folder and re-index new, changed and removed documents (and only those)."""
        return self.corpus_index.refresh(progress)

    def refresh_paths(self, paths: Iterable[str]) -> RefreshReport:
        """Re-check just these files (documents or their ``.meta.json``, relative), as a refresh would."""
        return self.corpus_index.refresh_paths(paths)

    def refresh_annotations(self, doc_ids: Iterable[str]) -> list[str]:
        """Index the tags and notes of these documents if their annotation files changed behind
        caseview's back (e.g. a sync tool or a script wrote them); the documents are not read."""
        return self.corpus_index.refresh_annotations(doc_ids)

    def reindex_documents(self, doc_ids: list[str]) -> None:
        """Re-index just these documents, e.g. after their tags, notes or entities changed."""
        self.corpus_index.reindex_documents(doc_ids)

    def add_extras_provider(self, provider: Callable[[Document], IndexExtras]) -> None:
        self.corpus_index.add_extras_provider(provider)

    def index_extras(self, document: Document) -> IndexExtras:
        """What the index adds to ``document`` besides its text (entity names, tags, notes): the
        team server indexes the same fields, so its search finds what this one finds."""
        return self.corpus_index.index_extras(document)

    def documents(self) -> list[DocumentInfo]:
        return self.corpus_index.documents()

    def document_infos(self, doc_ids: Iterable[str]) -> dict[str, DocumentInfo]:
        """What :meth:`documents` says of just these ids, by id; ids the index does not hold are left out."""
        return self.corpus_index.document_infos(doc_ids)

    def document(self, doc_id: str) -> Document:
        """The document as it is on disk now; :class:`UnknownDocument` when there is none."""
        return self.corpus_index.document(doc_id)

    def search(self, query: str | ParsedQuery, limit: int = 20, snippets: bool = True) -> SearchResults:
        """Ranked hits for ``query`` (text is checked and parsed once); raises ``QuerySyntaxError`` with a
        clear message for a bad one."""
        return searching.search(self.corpus_index, self, query, limit=limit, snippets=snippets)

    def write_document_meta(self, doc_id: str, change: MetaChange) -> Path:
        """Store metadata (e.g. a publication date) in the document's ``.meta.json``, merged with what
        is there; the next refresh re-reads it. Returns the sidecar's path."""
        if doc_id not in self.corpus_index.manifest_entries():
            self._ensure_open()
            if doc_id not in self.corpus_index.manifest_entries():
                raise UnknownDocument(doc_id)
        return write_document_meta(self.root / doc_id, change, self.derived_dir / "quarantine", self.root)

    def set_publication_date(self, doc_id: str, raw: str | None) -> Document:
        """Set (``2026-04-17``, ``2026-04``, ``2026``) or clear (``None``) a document's publication date
        in its ``.meta.json`` (see :mod:`caseview.workspace.pubdates`), then refresh, so the index, the
        timeline and the events re-resolve against it. Returns the document as it is now. Raises
        ``BadPublicationDate``, ``UnknownDocument`` or ``DocumentMetaError`` (one line each)."""
        publication = pubdates.checked_publication_date(raw)
        if doc_id not in self.corpus_index.manifest_entries():
            self._ensure_open()
            if doc_id not in self.corpus_index.manifest_entries():
                raise UnknownDocument(doc_id)
        pubdates.store_publication_date(self.root / doc_id, publication, self.derived_dir / "quarantine", self.root)
        self.refresh()
        return self.document(doc_id)

    def close(self) -> None:
        self.corpus_index.close()

    def _refresh_lock(self) -> OwnedLock:
        # For tests/search/test_refresh.py, which holds the lock from a killed process.
        return self.corpus_index._refresh_lock()

    # -- annotations ---------------------------------------------------------------------------
    def annotate_span(
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
        """Annotate ``text[start:end]``; SpanError if it is not a passage of the document."""
        return self.annotation_service.add_span(
            doc_id, start, end, tags=tags, note=note, note_format=note_format, motivation=motivation
        )

    def annotate_quote(
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
        """Annotate the ``occurrence``-th (1 = first) appearance of ``quote``."""
        return self.annotation_service.add_quote(
            doc_id, quote, occurrence, tags=tags, note=note, note_format=note_format, motivation=motivation
        )

    def edit_annotation(
        self,
        annotation_id: str,
        *,
        tags: Sequence[str] | Keep = KEEP,
        note: str | Keep | None = KEEP,
        note_format: NoteFormat | None = None,
        motivation: Motivation | None = None,
        base_rev: str | None = None,
    ) -> ChangeResult:
        """Change tags and/or the note (``note=None`` removes it); pass ``base_rev`` (the revision
        shown) to detect conflicts with changes made elsewhere."""
        return self.annotation_service.edit(
            annotation_id, tags=tags, note=note, note_format=note_format, motivation=motivation, base_rev=base_rev
        )

    def delete_annotation(self, annotation_id: str, base_rev: str | None = None) -> ChangeResult:
        return self.annotation_service.delete(annotation_id, base_rev=base_rev)

    def facets(self, doc_ids: Sequence[str] | None = None) -> dict[FacetName, list[FacetValue]]:
        """Counts by outlet, month, tag, entity and format of these documents (all when None), from
        what the index knows (no file is read); each value carries the clause that narrows a search."""
        if doc_ids is None:
            entries = self.corpus_index.manifest_entries()
            infos = self.documents()
        else:  # a search's hits: read just their rows (all 200,000 take seconds), in corpus (id) order
            entries = self.corpus_index.manifest_entries_of(sorted(set(doc_ids)))
            infos = [document_info(doc_id, entry) for doc_id, entry in entries.items()]
        docs = []
        for info in infos:
            entry = entries.get(info.id)
            extras = IndexExtras.from_key(entry.extras_key) if entry is not None else IndexExtras()
            docs.append(
                FacetDoc(info.id, info.title, info.outlet, info.published, info.format, extras.tags, extras.entities)
            )
        return facet_values(documents_of(docs, doc_ids))

    def annotations(self, doc_id: str | None = None, tag: str | None = None) -> list[Annotation]:
        return self.annotation_service.list(doc_id, tag)

    def annotation(self, annotation_id: str) -> Annotation:
        return self.annotation_service.get(annotation_id)

    def known_tags(self) -> list[str]:
        """Every tag in use in the corpus, sorted; from the index, without reading annotation files."""
        return summary.known_tags(self.corpus_index.manifest_entries())

    def annotation_counts(self, doc_ids: Iterable[str] | None = None) -> dict[str, int]:
        """Annotations per document id, for the documents the index knows to have an annotation file
        (with ``doc_ids``: of just those documents, whose files are read whether the index knows or not)."""
        from caseview.annotations.errors import AnnotationError

        counts: dict[str, int] = {}
        listed = summary.annotated_documents(self.corpus_index.manifest_entries()) if doc_ids is None else doc_ids
        for doc_id in listed:
            try:
                count = len(self.annotation_service.list(doc_id))
            except AnnotationError:
                continue  # an unreadable file counts nothing here; problems() names it
            if count:
                counts[doc_id] = count
        return counts

    def review_queue(self) -> list[ReviewItem]:
        """Annotations that need the analyst's eye: needs-review, orphaned or in conflict."""
        return self.annotation_service.review_queue()

    def reattach_annotation(self, annotation_id: str, start: int, end: int) -> ChangeResult:
        """Review: anchor the annotation at ``start:end`` of the current text (its original quote is kept)."""
        return self.annotation_service.reattach(annotation_id, start, end)

    def accept_anchor(self, annotation_id: str, candidate: int = 1) -> ChangeResult:
        """Review: accept a candidate place re-anchoring found (1 = the best; see :meth:`review_candidates`)."""
        return self.annotation_service.accept(annotation_id, candidate)

    def review_candidates(self, annotation_id: str) -> tuple[AnchorCandidate, ...]:
        """Review: where the passage may be now, best first (the best few when they are close)."""
        return self.annotation_service.candidates(annotation_id)

    def dismiss_review(self, annotation_id: str) -> ChangeResult:
        """Review: keep the annotation as orphaned and take it out of the review queue."""
        return self.annotation_service.dismiss(annotation_id)

    def check(self) -> CheckReport:
        """Validate every annotation file and re-anchor annotations of changed documents; also
        re-index documents whose annotation files changed outside caseview (a git pull, a hand edit)."""
        from caseview.workspace.health import stored_file_problems

        report = self.annotation_service.check()
        report.problems.extend(stored_file_problems(self.root, self.derived_dir))  # issue 12
        stale = []
        for doc_id, entry in self.corpus_index.manifest_entries().items():
            indexed = IndexExtras.from_key(entry.extras_key)
            terms = self.annotation_service.index_terms(doc_id)
            if sorted(indexed.tags) != sorted(terms.tags) or sorted(indexed.notes) != sorted(terms.notes):
                stale.append(doc_id)
        if stale:
            self.corpus_index.reindex_or_defer(stale)  # issue 12: derived work, put off if busy
        return report

    # -- entities and events -------------------------------------------------------------------
    def extraction(self, progress: Callable[[int, int], None] | None = None) -> CorpusExtraction:
        """Entities, events, clusters, flags and merge suggestions. Computed on first use (slow:
        call it from a worker), then cached until a document or a correction changes. Thread-safe."""
        self._ensure_open()
        return self.extraction_service.result(progress)

    def entities(self, type: str | None = None, include_hidden: bool = False) -> list[Entity]:
        from caseview.extract import EntityType

        wanted = EntityType(type.upper()) if type else None
        return [
            e
            for e in self.extraction().entities
            if (wanted is None or e.type is wanted) and (include_hidden or not e.hidden)
        ]

    def entity_mentions(self, entity_id: str) -> list[DocMention]:
        entity = self.extraction().entity(entity_id)
        if entity is None:
            raise KeyError(f"no entity {entity_id!r}")
        return list(entity.mentions)

    def events(self) -> list[EventCandidate]:
        return list(self.extraction().events)

    def entity_profile(self, entity_id: str) -> EntityProfile:
        """The entity's documents, mentions in their sentences and co-occurring entities (issue 13)."""
        from caseview.extract.profile import entity_profile

        entity = self.extraction().entity(entity_id)
        if entity is None:
            raise KeyError(f"no entity {entity_id!r}")

        def text_of(doc_id: str) -> str | None:
            try:
                return self.document(doc_id).text
            except UnknownDocument:
                return None

        return entity_profile(entity, self.entities(), text_of)

    def correct_entities(
        self, op: str, entity_ids: list[str], value: str | None = None, type: str | None = None
    ) -> Correction:
        """merge | split (value = alias) | rename (value = name) | retype (type) | hide | unhide |
        accept | reject (a suggestion's two ids). Saved in ``caseview-entities.json``; raises
        ``CorrectionsError`` with a clear message for a bad one."""
        self._ensure_open()
        return self.extraction_service.correct(op, entity_ids, value, type)

    def unmerge_entity(self, entity_id: str, alias: str | None = None) -> Correction:
        """Undo an automatic merge on evidence (``alias``: which merged name, when there are several);
        saved as a ``split`` correction in ``caseview-entities.json``, undoable with ``ctrl+z``."""
        self._ensure_open()
        return self.extraction_service.unmerge(entity_id, alias)

    def entity_mention_spans(self, doc_id: str, keywords: set[str]) -> list[tuple[int, int]]:
        """Mentions in ``doc_id`` of the entities an ``entity:`` search for ``keywords`` finds."""
        from caseview.workspace.entity_index import mention_spans

        return mention_spans(self.extraction(), doc_id, keywords)

    # -- cases and exports ---------------------------------------------------------------------
    def case(self, name: str | None = None) -> CaseService:
        """The case ``case.json`` (or ``<name>.case.json``) of this corpus: read, change, export it."""
        self._ensure_open()
        return self.cases.get(name)

    def case_names(self) -> list[str | None]:
        """The cases in this corpus folder: ``None`` for ``case.json``, then the named ones."""
        return self.cases.names()

    def export_case(self, format: str, case: str | None = None) -> str:
        """The case exported as ``md``, ``html``, ``json`` (W3C) or ``csv`` text."""
        from caseview.export import export_case

        service = self.case(case)
        return export_case(service, format, self._provenance_for_export(service, format))

    def write_export(self, format: str, case: str | None = None, path: Path | None = None) -> Path:
        """Write the export next to the case file (or to ``path``) and return where it went."""
        from caseview.export import write_export

        service = self.case(case)
        return write_export(service, format, path, self._provenance_for_export(service, format))

    def provenance(self) -> ProvenanceReport:
        """Whom each document cites, which copy or rewrite which, and their origins (ARCHITECTURE.md,
        "Provenance"). Reads every document: seconds at thousands of them; call it from a worker."""
        from caseview.provenance import analyse_provenance, source_texts

        documents = []
        for info in self.documents():
            try:
                documents.append(self.document(info.id))
            except UnknownDocument:
                continue  # gone or unreadable since the last refresh: the refresh will say so
        return analyse_provenance(source_texts(documents))

    # -- annotations offered on copies and rewrites (issue 16) ---------------------------------------
    def annotation_offers(self, report: ProvenanceReport | None = None) -> list[AnnotationOffer]:
        """Annotations that could follow into the copies and rewrites of their documents, undecided ones."""
        return self._offers().open(report if report is not None else self.provenance())

    def accept_offer(self, offer: AnnotationOffer) -> Annotation:
        """Annotate the offered passage of the other document with the same tags and note (undoable)."""
        return self._offers().accept(offer)

    def dismiss_offer(self, offer: AnnotationOffer) -> None:
        """Do not offer it again (recorded in ``caseview-offers.json``)."""
        self._offers().dismiss(offer)

    def _offers(self) -> OfferDesk:
        from caseview.workspace.offers import OfferDesk

        return OfferDesk(self.root, self.derived_dir / "quarantine", self.annotation_service, self.document)

    def _provenance_for_export(self, service: CaseService, format: str) -> ProvenanceReport | None:
        """The memo's "Source independence" and the JSON's ``cv:provenance`` need the corpus's
        provenance only when the case cites a document and the format has a place for it."""
        if format == "csv" or not service.view().sources:
            return None
        return self.provenance()

    # -- undo and redo: one history for annotations, cases and entities ------------------------------
    def undo(self) -> UndoResult | None:
        """Undo this session's most recent change (None when there is none). ``result.message`` says
        what was undone ("undid: link #1 contradicts #2"); ``result.kinds`` which panes to reload.
        Merged with other windows' work: what they changed since is kept (``result.note`` says so)."""
        return self.history.undo()

    def redo(self) -> UndoResult | None:
        """Redo the most recently undone change (None when there is none); any new change clears redo."""
        return self.history.redo()

    @property
    def can_undo(self) -> bool:
        return self.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self.history.can_redo

    def undo_label(self) -> str | None:
        """What ``undo()`` would undo, in words (for the palette or a tooltip), or None."""
        return self.history.next_undo

    def redo_label(self) -> str | None:
        return self.history.next_redo

    # -- other windows' changes ----------------------------------------------------------------
    def state_token(self) -> StateToken:
        """The state of the corpus folder's files now (cheap: stats only)."""
        return self.watcher.state_token()

    def changes_since(self, token: StateToken) -> WorkspaceChanges:
        """What changed since ``token`` (this window's own changes included)."""
        return self.watcher.changes_since(token)

    def changed_since(self, token: StateToken) -> bool:
        """Whether anything the panes show changed on disk since ``token``."""
        return self.watcher.changed_since(token)
