"""What ``caseview check`` says about the documents themselves: encrypted, no text layer, unreadable, partial.

One line per document and problem, from what the refresh found (files skipped, re-named by every
refresh) and what the index recorded with each document it read (notes of unchanged files too).
"""

from __future__ import annotations

from pydantic import BaseModel
from rich.text import Text

from caseview.cli.common import stdout
from caseview.kernel.textsafe import one_line
from caseview.workspace import Workspace

#: Kinds listed, in this order: what keeps text from the analyst first.
KIND_ORDER = ("encrypted", "no-text-layer", "unreadable", "limit", "partial", "not-a-file", "metadata", "encoding")
_LABELS = {
    "encrypted": "ENCRYPTED",
    "no-text-layer": "NO TEXT",
    "unreadable": "UNREADABLE",
    "limit": "LIMIT",
    "partial": "PARTIAL",
    "not-a-file": "NOT A FILE",
    "metadata": "METADATA",
    "encoding": "ENCODING",
}


class DocumentProblem(BaseModel):
    """One problem with one document (or file): its id, kind, whether it was skipped, and the reason."""

    doc_id: str
    kind: str
    skipped: bool
    message: str


def document_problems(workspace: Workspace) -> list[DocumentProblem]:
    """Every document problem of the corpus as last refreshed, each once, grouped by kind."""
    found: dict[tuple[str, str], DocumentProblem] = {}
    report = workspace.last_report
    for warning in report.warnings if report is not None else []:
        found.setdefault(
            (warning.path, warning.reason),
            DocumentProblem(doc_id=warning.path, kind=warning.kind, skipped=warning.skipped, message=warning.reason),
        )
    for info in workspace.documents():
        for notice in info.problems:
            found.setdefault(
                (info.id, notice.message),
                DocumentProblem(doc_id=info.id, kind=notice.kind, skipped=False, message=notice.message),
            )
    rank = {kind: index for index, kind in enumerate(KIND_ORDER)}
    return sorted(found.values(), key=lambda problem: (rank.get(problem.kind, len(rank)), problem.doc_id))


def print_document_problems(problems: list[DocumentProblem]) -> None:
    """``ENCRYPTED  locked.pdf  encrypted; give the password …`` — one line each, foreign text jailed."""
    for problem in problems:
        label = _LABELS.get(problem.kind, problem.kind.upper())
        verb = "skipped: " if problem.skipped else ""
        style = "red" if problem.skipped else "yellow"
        stdout.print(Text(one_line(f"{label}  {problem.doc_id}  {verb}{problem.message}"), style=style))
