"""The adapters that join the workspace's parts: each satisfies a protocol a service below defines.

The services never see the ``Workspace``: the annotation service reads documents through a plain
function, the extraction service through :class:`CorpusDocuments` (its ``DocumentSource``), a case
through :class:`CaseCorpus`, :class:`CaseAnnotations` and :class:`CaseEntities` (its
``CorpusAccess``, ``AnnotationAccess`` and ``EntitySource``); and annotations reach the search index
through :class:`AnnotationIndexing`, an extras provider and stamp of the corpus index.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from caseview.annotations.errors import AnnotationError, UnknownAnnotation
from caseview.annotations.sidecar import SIDECAR_SUFFIX, sidecar_path
from caseview.corpus import Document, annotation_base_path
from caseview.search import IndexExtras
from caseview.workspace.core import UnknownDocument

if TYPE_CHECKING:
    # For annotations only: the services are imported by whoever makes them (``parts``), on first use.
    from caseview.annotations.model import Annotation
    from caseview.annotations.service import AnnotationService
    from caseview.extract.models import CorpusExtraction, Entity, EventCandidate
    from caseview.extract.service import ExtractionService
    from caseview.search.manifest import ManifestEntry
    from caseview.workspace.core import CorpusIndex
    from caseview.workspace.lazy import Lazy

#: How the annotation file's part of a document's extras stamp begins (see :func:`has_annotation_file`).
ANNOTATION_STAMP = "annotations="


@dataclass(frozen=True)
class AnnotationDocuments:
    """The annotation service's ``load_document``: the corpus index's documents, with its errors."""

    corpus: CorpusIndex

    def __call__(self, doc_id: str) -> Document:
        try:
            return self.corpus.document(doc_id)
        except UnknownDocument as error:
            raise AnnotationError(str(error)) from None


@dataclass(frozen=True)
class AnnotationIndexing:
    """Tags and notes into the search index: an extras provider and an extras stamp of the corpus index.

    The stamp needs no service (a stat of the annotation file): a refresh that finds nothing changed
    never makes the annotation service; tags and notes are read through it when a document is indexed.
    """

    corpus: CorpusIndex
    service: Lazy[AnnotationService]
    #: The one file :meth:`stamp` reads beside a document's file (the corpus index skips the call without one).
    sidecar_suffix: ClassVar[str] = SIDECAR_SUFFIX

    def stamp(self, doc_id: str) -> str:
        """The annotation file's inode, size and mtime: a refresh re-reads tags and notes when it
        changed (another window or program wrote it without re-indexing). Empty without a file."""
        base = annotation_base_path(self.corpus.root, doc_id)  # beside its container for an attachment
        if self.corpus.listed(base.relative_to(self.corpus.root).as_posix() + SIDECAR_SUFFIX) is False:
            return ""  # not in its folder's listing: no stat needed (most documents have no annotations)
        try:
            stat = sidecar_path(base).stat()
        except OSError:
            return ""
        return f"{ANNOTATION_STAMP}{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"

    def extras(self, document: Document) -> IndexExtras:
        """The tags and notes a document is indexed with. Most documents have no annotation file: for
        them nothing is read and the annotation service is not made (a first build of 25,000
        paragraphs spent more in the service's path checks and empty reads than in their terms)."""
        base = annotation_base_path(self.corpus.root, document.id)
        if not os.path.lexists(sidecar_path(base)):
            return IndexExtras()
        return self.terms(document.id)

    def terms(self, doc_id: str) -> IndexExtras:
        """The document's tags and notes, from its annotation file alone (the corpus index's annotation source)."""
        terms = self.service.get().index_terms(doc_id)
        return IndexExtras(tags=tuple(terms.tags), notes=tuple(terms.notes))


@dataclass(frozen=True)
class EntityNames:
    """The corpus index's entity-names extras provider; the extraction behind it is made when the
    first document is (re-)indexed, not when the workspace opens."""

    provider: Lazy[Callable[[Document], IndexExtras]]

    def __call__(self, document: Document) -> IndexExtras:
        return self.provider.get()(document)


def has_annotation_file(entry: ManifestEntry) -> bool:
    """Whether the document had an annotation file when it was last indexed (by its extras stamp)."""
    return any(part.startswith(ANNOTATION_STAMP) for part in entry.extras_stamp.split("|"))


@dataclass(frozen=True)
class CorpusDocuments:
    """The extraction service's ``DocumentSource``: every document of the corpus index as it is now."""

    corpus: CorpusIndex

    def current_documents(self) -> list[Document]:
        return [self.corpus.document(info.id) for info in self.corpus.documents()]


@dataclass(frozen=True)
class CaseCorpus:
    """A case's ``CorpusAccess``: the corpus index's documents, None for one that is gone."""

    corpus: CorpusIndex

    def document(self, doc_id: str) -> Document | None:
        try:
            return self.corpus.document(doc_id)
        except UnknownDocument:
            return None

    def document_ids(self) -> list[str]:
        return [info.id for info in self.corpus.documents()]


@dataclass(frozen=True)
class CaseAnnotations:
    """A case's ``AnnotationAccess``: the annotation service, with a case's errors."""

    service: AnnotationService

    def get(self, annotation_id: str) -> Annotation | None:
        """The live annotation, or None when there is none. Other annotation errors (an unreadable
        annotation file) propagate: the case cannot tell, and says nothing rather than "deleted"."""
        return _live(self.service.get, annotation_id)

    def lookup(self) -> Callable[[str], Annotation | None]:
        """:meth:`get` for one look at the case: each annotation file is read at most once by it."""
        get = self.service.lookup()
        return lambda annotation_id: _live(get, annotation_id)

    def create(
        self, document: Document, start: int, end: int, *, tags: tuple[str, ...], note: str | None
    ) -> Annotation:
        try:
            return self.service.add_span(document.id, start, end, tags=tags, note=note)
        except AnnotationError as error:
            from caseview.casefile.errors import CaseUsageError  # a case is open: casefile is loaded

            raise CaseUsageError(str(error)) from None


def _live(get: Callable[[str], Annotation], annotation_id: str) -> Annotation | None:
    try:
        return get(annotation_id)
    except UnknownAnnotation:
        return None


@dataclass(frozen=True)
class CaseEntities:
    """A case's ``EntitySource``: the corpus extraction (computed on first use, on an opened index)."""

    corpus: CorpusIndex
    service: ExtractionService

    def result(self) -> CorpusExtraction:
        if not self.corpus.is_open:
            self.corpus.refresh()
        return self.service.result()

    def entities(self, include_hidden: bool = False) -> list[Entity]:
        return [entity for entity in self.result().entities if include_hidden or not entity.hidden]

    def events(self) -> list[EventCandidate]:
        return list(self.result().events)
