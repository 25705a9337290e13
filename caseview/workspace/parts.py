"""The workspace's parts, each made on first use, and the adapters that join them (ARCHITECTURE.md,
"Workspace by composition" and "Start-up").

Opening a workspace makes the corpus index and the session history only. Every other part — the
annotation and extraction services, the entity index, the cases, the codebook, the view state,
the saved searches, the watcher of other windows — is a :class:`Lazy` whose module is imported
when the part is first asked for, so ``caseview search`` on a warm index imports the search
package, the manifest and the corpus scan, and not the extraction, the cases, the exports or the
team code. What the corpus index needs from the services from the start (the annotation file's
stamp, the entity names and tags a document is indexed with) is registered here as adapters that
make their service only when a document is really (re-)indexed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from caseview.workspace.lazy import Lazy
from caseview.workspace.wiring import AnnotationIndexing, EntityNames

if TYPE_CHECKING:
    from caseview.annotations.service import AnnotationService
    from caseview.corpus import Document
    from caseview.extract.service import ExtractionService
    from caseview.search import IndexExtras
    from caseview.workspace.cases import Cases
    from caseview.workspace.codebook import WorkspaceCodebook
    from caseview.workspace.core import CorpusIndex
    from caseview.workspace.entity_index import EntityIndex
    from caseview.workspace.history import SessionHistory
    from caseview.workspace.saved_searches import SearchStore
    from caseview.workspace.view_state import ViewState
    from caseview.workspace.watching import Watcher


class Parts:
    """The services of one workspace, made on first use; each attribute is a :class:`Lazy` holder."""

    def __init__(self, corpus_index: CorpusIndex, history: SessionHistory) -> None:
        self.corpus_index = corpus_index
        self.history = history
        self.watcher: Lazy[Watcher] = Lazy(self._watcher)
        self.annotation_service: Lazy[AnnotationService] = Lazy(self._annotation_service)
        self.entity_index: Lazy[EntityIndex] = Lazy(self._entity_index)
        self.extraction_service: Lazy[ExtractionService] = Lazy(self._extraction_service)
        self.cases: Lazy[Cases] = Lazy(self._cases)
        self.codebook: Lazy[WorkspaceCodebook] = Lazy(self._codebook)
        self.view_state: Lazy[ViewState] = Lazy(self._view_state)
        self.searches: Lazy[SearchStore] = Lazy(self._searches)
        annotation_indexing = AnnotationIndexing(corpus_index, self.annotation_service)
        corpus_index.add_extras_provider(EntityNames(Lazy(self._entity_extras)))
        corpus_index.add_extras_provider(annotation_indexing.extras)
        corpus_index.add_extras_stamp(annotation_indexing.stamp, sidecar_suffix=annotation_indexing.sidecar_suffix)
        corpus_index.set_annotation_source(annotation_indexing.terms)

    def _annotations_changed(self, doc_id: str) -> None:
        # issue 12: never wait on another process's re-indexing after a write; put off if busy.
        self.corpus_index.reindex_or_defer([doc_id])

    # Each maker imports its part's module: that import is the cost put off until first use.
    def _watcher(self) -> Watcher:
        from caseview.workspace.watching import Watcher

        return Watcher(self.corpus_index.root)

    def _annotation_service(self) -> AnnotationService:
        from caseview.annotations.service import AnnotationService
        from caseview.workspace.wiring import AnnotationDocuments

        return AnnotationService(
            self.corpus_index.root,
            self.corpus_index.derived_dir,
            load_document=AnnotationDocuments(self.corpus_index),
            on_change=self._annotations_changed,
            history=self.history,
        )

    def _entity_index(self) -> EntityIndex:
        from caseview.workspace.entity_index import EntityIndex

        return EntityIndex(self.corpus_index)

    def _extraction_service(self) -> ExtractionService:
        from caseview.extract.corrections import corrections_path
        from caseview.extract.service import ExtractionService
        from caseview.workspace.wiring import CorpusDocuments

        return ExtractionService(
            CorpusDocuments(self.corpus_index),
            corrections_file=corrections_path(self.corpus_index.root),
            derived_dir=self.corpus_index.derived_dir,
            history=self.history,
            on_result=self.entity_index.get().names_changed,
        )

    def _entity_extras(self) -> Callable[[Document], IndexExtras]:
        from caseview.workspace.entity_index import EntityExtras

        return EntityExtras(self.extraction_service.get(), self.entity_index.get())

    def _cases(self) -> Cases:
        from caseview.workspace.cases import Cases
        from caseview.workspace.wiring import CaseAnnotations, CaseCorpus, CaseEntities

        return Cases(
            self.corpus_index.root,
            self.corpus_index.derived_dir / "quarantine",
            corpus=CaseCorpus(self.corpus_index),
            annotations=CaseAnnotations(self.annotation_service.get()),
            entities=CaseEntities(self.corpus_index, self.extraction_service.get()),
            history=self.history,
        )

    def _codebook(self) -> WorkspaceCodebook:
        from caseview.annotations.codebook import Codebook
        from caseview.workspace.codebook import WorkspaceCodebook

        root = self.corpus_index.root
        codebook = Codebook(root, self.corpus_index.derived_dir / "quarantine", self.annotation_service.get())
        return WorkspaceCodebook(root, codebook, self.corpus_index.documents)

    def _view_state(self) -> ViewState:
        from caseview.workspace.view_state import ViewState

        return ViewState(self.corpus_index.derived_dir)

    def _searches(self) -> SearchStore:
        from caseview.workspace.saved_searches import SearchStore

        return SearchStore(self.corpus_index.root, self.corpus_index.derived_dir / "quarantine")
