"""The cases of a corpus folder: ``case.json`` and ``<name>.case.json``, one service each."""

from __future__ import annotations

import threading
from pathlib import Path

from caseview.casefile.service import AnnotationAccess, CaseService, CorpusAccess, EntitySource
from caseview.casefile.store import case_names
from caseview.kernel.undo import Recorder


class Cases:
    """Opens each case of the corpus once (its service keeps what this session wrote, for undo)."""

    def __init__(
        self,
        root: Path,
        quarantine_dir: Path,
        *,
        corpus: CorpusAccess,
        annotations: AnnotationAccess,
        entities: EntitySource,
        history: Recorder,
    ) -> None:
        self.root = root
        self.quarantine_dir = quarantine_dir
        self.corpus = corpus
        self.annotations = annotations
        self.entities = entities
        self.history = history
        self._services: dict[str | None, CaseService] = {}
        self._lock = threading.Lock()

    def get(self, name: str | None = None) -> CaseService:
        """The case ``case.json`` (``name`` None) or ``<name>.case.json`` of this corpus."""
        with self._lock:
            if name not in self._services:
                self._services[name] = self._service(name, self.history)
            return self._services[name]

    def open_apart(self, name: str | None = None) -> CaseService:
        """Another service on the same case file, recording nowhere: as another window would have it."""
        return self._service(name, None)

    def _service(self, name: str | None, history: Recorder | None) -> CaseService:
        return CaseService(
            self.root,
            name,
            corpus=self.corpus,
            quarantine_dir=self.quarantine_dir,
            annotations=self.annotations,
            entities=self.entities,
            history=history,
        )

    def names(self) -> list[str | None]:
        """The cases in the corpus folder: ``None`` for ``case.json``, then the named ones."""
        return case_names(self.root)
