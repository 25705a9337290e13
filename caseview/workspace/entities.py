"""Entities, events and the analyst's corrections, as workspace methods (caseview.extract)."""

from __future__ import annotations

from collections.abc import Callable

from caseview.extract import CorpusExtraction, Correction, DocMention, Entity, EntityType, EventCandidate
from caseview.extract.service import ExtractionService
from caseview.workspace.core import WorkspaceCore


class ExtractionFacet(WorkspaceCore):
    """Who is involved and what happened when; JSON schemas in the README."""

    _extraction: ExtractionService

    def _init_extraction(self) -> None:
        self._extraction = ExtractionService(self, history=self.history)
        self.add_extras_provider(self._extraction.index_extras)

    def extraction(self, progress: Callable[[int, int], None] | None = None) -> CorpusExtraction:
        """Entities, events, clusters, flags and merge suggestions. Computed on first use (slow:
        call it from a worker), then cached until a document or a correction changes. Thread-safe."""
        if not self._opened:
            self.refresh()
        return self._extraction.result(progress)

    def entities(self, type: str | None = None, include_hidden: bool = False) -> list[Entity]:
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

    def correct_entities(
        self, op: str, entity_ids: list[str], value: str | None = None, type: str | None = None
    ) -> Correction:
        """merge | split (value = alias) | rename (value = name) | retype (type) | hide | unhide |
        accept | reject (a suggestion's two ids). Saved in ``caseview-entities.json``; raises
        ``CorrectionsError`` with a clear message for a bad one."""
        return self._extraction.correct(op, entity_ids, value, type)

    def entity_mention_spans(self, doc_id: str, keywords: set[str]) -> list[tuple[int, int]]:
        """Mentions in ``doc_id`` of the entities an ``entity:`` search for ``keywords`` finds."""
        return self._extraction.mention_spans(doc_id, keywords)
