"""What ``caseview check`` finds wrong with the analyst's files besides annotation files: case
files and entity corrections that cannot be read (bad JSON, the wrong types, a link, a FIFO), and
case items citing a document outside the corpus.

Each is named once with its reason; the file is left untouched and a copy set aside by its store
(see ARCHITECTURE.md, corpus jail). The rest of the corpus opens as usual.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from caseview.annotations.service import AnnotationService, FileProblem
from caseview.casefile.store import DEFAULT_CASE_FILE, NAMED_CASE_SUFFIX, CaseStore
from caseview.extract.corrections import CORRECTIONS_FILE, read_corrections
from caseview.kernel.jail import outside_reason
from caseview.kernel.storeerrors import UnreadableStoredFile


def _case_files(root: Path) -> list[Path]:
    """Every case file by name, whatever kind of file it is (a FIFO or link is reported, not skipped)."""
    try:
        names = sorted(os.listdir(root))
    except OSError:
        return []
    return [root / name for name in names if name == DEFAULT_CASE_FILE or name.endswith(NAMED_CASE_SUFFIX)]


def _doc_ids(value: object) -> Iterator[str]:
    """Every ``doc_id`` a case file's items, citations, mentions and events name."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "doc_id" and isinstance(item, str):
                yield item
            else:
                yield from _doc_ids(item)
    elif isinstance(value, list):
        for item in value:
            yield from _doc_ids(item)


def stored_file_problems(root: Path, derived_dir: Path) -> list[FileProblem]:
    """Case files and the entity corrections of the corpus at ``root`` that cannot be read, each named."""
    quarantine = derived_dir / "quarantine"
    problems = []
    for path in _case_files(root):
        try:
            loaded = CaseStore(path, quarantine).load()
        except UnreadableStoredFile as error:
            problems.append(FileProblem(path.name, path, str(error)))
            continue
        for doc_id in sorted(set(_doc_ids(loaded.case.model_dump(mode="json")))):
            reason = outside_reason(root, doc_id)
            if reason is not None:
                problems.append(
                    FileProblem(
                        path.name,
                        path,
                        f"{path}: an item cites a document outside the corpus ({reason}); it is not opened",
                    )
                )
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
