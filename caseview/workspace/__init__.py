"""One opened corpus folder: the single API that the CLI and the TUI call.

:class:`Workspace` (:mod:`caseview.workspace.facade`) holds its parts as typed attributes: the
corpus index (``core``), the annotation and extraction services, the cases (``cases``), one undo
history across all of them (``history``) and a watcher of other windows' changes (``watching``).
Every part but the corpus index and the history is made on first use (``parts``), so a search
imports no service it does not call. The adapters that join the services live in ``wiring``;
searching, which draws on all of them, in ``searching``; tags and counts from the index in ``summary``.
"""

from __future__ import annotations

from caseview.search import IndexBusy
from caseview.workspace.core import DocumentInfo, RefreshReport, UnknownDocument
from caseview.workspace.facade import Workspace
from caseview.workspace.history import UndoResult
from caseview.workspace.watching import StateToken, WorkspaceChanges

__all__ = [
    "DocumentInfo",
    "IndexBusy",
    "RefreshReport",
    "StateToken",
    "UndoResult",
    "UnknownDocument",
    "Workspace",
    "WorkspaceChanges",
]
