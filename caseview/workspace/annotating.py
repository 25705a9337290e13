"""The analyst's annotations, as workspace methods (caseview.annotations; DESIGN §3–§4)."""

from __future__ import annotations

from typing import Any

from caseview.annotations.errors import AnnotationError
from caseview.annotations.model import Annotation
from caseview.annotations.service import AnnotationService, ChangeResult, CheckReport, ReviewItem
from caseview.annotations.store import SIDECAR_SUFFIX, sidecar_path
from caseview.corpus import Document
from caseview.search import IndexExtras
from caseview.workspace.core import UnknownDocument, WorkspaceCore


class AnnotationsFacet(WorkspaceCore):
    """Tag and annotate passages; every change is on disk at once and re-indexes just its document."""

    _annotation_service: AnnotationService | None = None

    def _init_annotations(self) -> None:
        self._annotation_service = None
        self.add_extras_provider(self._annotation_extras)
        self.add_extras_stamp(self._annotation_file_stamp)

    @property
    def annotation_service(self) -> AnnotationService:
        if self._annotation_service is None:
            self._annotation_service = AnnotationService(
                self.root,
                self.derived_dir,
                load_document=self._document_for_annotations,
                on_change=lambda doc_id: self.reindex_documents([doc_id]),
                history=self.history,
            )
        return self._annotation_service

    def _document_for_annotations(self, doc_id: str) -> Document:
        try:
            return self.document(doc_id)
        except UnknownDocument as error:
            raise AnnotationError(str(error)) from None

    def _annotation_file_stamp(self, doc_id: str) -> str:
        """The annotation file's inode, size and mtime: a refresh re-reads tags and notes when it
        changed (another window or program wrote it without re-indexing)."""
        if self.listed(doc_id + SIDECAR_SUFFIX) is False:
            return ""  # not in its folder's listing: no stat needed (most documents have no annotations)
        try:
            stat = sidecar_path(self.root / doc_id).stat()
        except OSError:
            return ""
        return f"{stat.st_ino}:{stat.st_size}:{stat.st_mtime_ns}"

    def _annotation_extras(self, document: Document) -> IndexExtras:
        terms = self.annotation_service.index_terms(document.id)
        return IndexExtras(tags=tuple(terms.tags), notes=tuple(terms.notes))

    def annotate_span(self, doc_id: str, start: int, end: int, **fields: Any) -> Annotation:
        """Annotate ``text[start:end]`` (tags=, note=, note_format=, motivation=); SpanError if bad."""
        return self.annotation_service.add_span(doc_id, start, end, **fields)

    def annotate_quote(self, doc_id: str, quote: str, occurrence: int = 1, **fields: Any) -> Annotation:
        """Annotate the ``occurrence``-th (1 = first) appearance of ``quote``."""
        return self.annotation_service.add_quote(doc_id, quote, occurrence, **fields)

    def edit_annotation(self, annotation_id: str, **changes: Any) -> ChangeResult:
        """Change tags=, note=, note_format=; pass base_rev= (the revision shown) to detect conflicts."""
        return self.annotation_service.edit(annotation_id, **changes)

    def delete_annotation(self, annotation_id: str, base_rev: str | None = None) -> ChangeResult:
        return self.annotation_service.delete(annotation_id, base_rev=base_rev)

    def annotations(self, doc_id: str | None = None, tag: str | None = None) -> list[Annotation]:
        return self.annotation_service.list(doc_id, tag)

    def annotation(self, annotation_id: str) -> Annotation:
        return self.annotation_service.get(annotation_id)

    def review_queue(self) -> list[ReviewItem]:
        """Annotations that need the analyst's eye: needs-review, orphaned or in conflict."""
        return self.annotation_service.review_queue()

    def reattach_annotation(self, annotation_id: str, start: int, end: int) -> ChangeResult:
        """Review: anchor the annotation at ``start:end`` of the current text (its original quote is kept)."""
        return self.annotation_service.reattach(annotation_id, start, end)

    def accept_anchor(self, annotation_id: str) -> ChangeResult:
        """Review: accept the best candidate place re-anchoring found."""
        return self.annotation_service.accept(annotation_id)

    def dismiss_review(self, annotation_id: str) -> ChangeResult:
        """Review: keep the annotation as orphaned and take it out of the review queue."""
        return self.annotation_service.dismiss(annotation_id)

    def check(self) -> CheckReport:
        """Validate every annotation file and re-anchor annotations of changed documents; also
        re-index documents whose annotation files changed outside caseview (a git pull, a hand edit)."""
        report = self.annotation_service.check()
        stale = []
        for doc_id, entry in self._manifest.entries() if self._manifest is not None else ():
            indexed = IndexExtras.from_key(entry.extras_key)
            terms = self.annotation_service.index_terms(doc_id)
            if sorted(indexed.tags) != sorted(terms.tags) or sorted(indexed.notes) != sorted(terms.notes):
                stale.append(doc_id)
        if stale:
            self.reindex_documents(stale)
        return report
