"""What ``caseview check`` finds wrong with the analyst's files besides annotation files: case
files and entity corrections that cannot be read (bad JSON, the wrong types, a link, a FIFO).

Each is named once with its reason; the file is left untouched and a copy set aside by its store
(see ARCHITECTURE.md, corpus jail). The rest of the corpus opens as usual.
"""

from __future__ import annotations

import os
from pathlib import Path

from caseview.annotations.service import AnnotationService, FileProblem
from caseview.casefile.store import DEFAULT_CASE_FILE, NAMED_CASE_SUFFIX, CaseStore
from caseview.extract.corrections import CORRECTIONS_FILE, read_corrections
from caseview.kernel.storeerrors import UnreadableStoredFile


def _case_files(root: Path) -> list[Path]:
    """Every case file by name, whatever kind of file it is (a FIFO or link is reported, not skipped)."""
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return []
    return [root / name for name in names if name == DEFAULT_CASE_FILE or name.endswith(NAMED_CASE_SUFFIX)]


def stored_file_problems(root: Path, derived_dir: Path) -> list[FileProblem]:
    """Case files and the entity corrections of the corpus at ``root`` that cannot be read, each named."""
    quarantine = derived_dir / "quarantine"
    problems = []
    for path in _case_files(root):
        try:
            CaseStore(path, quarantine).load()
        except UnreadableStoredFile as error:
            problems.append(FileProblem(path.name, path, str(error)))
    corrections = root / CORRECTIONS_FILE
    if os.path.lexists(corrections):
        try:
            read_corrections(corrections, quarantine)
        except UnreadableStoredFile as error:
            problems.append(FileProblem(corrections.name, corrections, str(error)))
    return problems


def damaged_files(annotations: AnnotationService, root: Path, derived_dir: Path) -> list[FileProblem]:
    """Every file of the analyst's that cannot be used: annotation files (unreadable, or read-only
    from a newer caseview), case files and entity corrections. For the app's notice on opening."""
    return [problem for problem in annotations.problems() if not problem.read_only] + stored_file_problems(
        root, derived_dir
    )
