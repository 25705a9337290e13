"""The case file and its exports, as workspace methods (caseview.casefile, caseview.export)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from caseview.workspace.core import WorkspaceCore

if TYPE_CHECKING:
    from caseview.casefile import CaseService


class CaseFacet(WorkspaceCore):
    """``case.json`` (or ``<name>.case.json``) beside the documents, and what it exports to."""

    _case_services: dict[str | None, CaseService]

    def _init_cases(self) -> None:
        self._case_services = {}

    def case(self, name: str | None = None) -> CaseService:
        """The case ``case.json`` (or ``<name>.case.json``) of this corpus: read, change, export it."""
        from caseview.casefile import CaseService
        from caseview.casefile.service import WorkspaceAnnotations

        if not self._opened:
            self.refresh()
        if name not in self._case_services:
            self._case_services[name] = CaseService(
                self, name, annotations=WorkspaceAnnotations(self), history=self.history
            )
        return self._case_services[name]

    def case_names(self) -> list[str | None]:
        """The cases in this corpus folder: ``None`` for ``case.json``, then the named ones."""
        from caseview.casefile.store import case_names

        return case_names(self.root)

    def export_case(self, format: str, case: str | None = None) -> str:
        """The case exported as ``md``, ``html``, ``json`` (W3C) or ``csv`` text."""
        from caseview.export import export_case

        return export_case(self.case(case), format)

    def write_export(self, format: str, case: str | None = None, path: Path | None = None) -> Path:
        """Write the export next to the case file (or to ``path``) and return where it went."""
        from caseview.export import write_export

        return write_export(self.case(case), format, path)
