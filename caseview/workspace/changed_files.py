"""Which documents a partial refresh re-checks (``CorpusIndex.refresh_paths``): the files a file
watcher (or a poll) said changed, and the manifest entries of the documents they hold."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

from caseview.kernel.docmeta import META_SUFFIX
from caseview.workspace.ingest import file_of

_Value = TypeVar("_Value")


def among(entries: dict[str, _Value], files: frozenset[str] | None) -> dict[str, _Value]:
    """The manifest's ``entries`` of documents held by ``files`` (all of them when None)."""
    if files is None:
        return entries
    # The prefix test first, in one call (no generator per id): file_of parses the id, and 200,000
    # ids go through here at every file event (78 → 20 ms for two changed files).
    prefixes = tuple(files)
    return {
        doc_id: value
        for doc_id, value in entries.items()
        if doc_id.startswith(prefixes) and file_of(doc_id, files) is not None
    }


def files_to_check(root: Path, paths: Iterable[str]) -> frozenset[str]:
    """The document files (relative ids) that ``paths`` stand for: a document itself, or every file
    whose ``.meta.json`` it may be (``report.meta.json`` is that of ``report`` and ``report.*``).
    A path inside a hidden folder or reached through a linked folder is dropped: the full scan never
    goes there either."""
    files: set[str] = set()
    for path in paths:
        folder, _, name = path.rpartition("/")
        if any(part.startswith(".") for part in path.split("/")) or _through_link(root, folder):
            continue
        if not name.endswith(META_SUFFIX):
            files.add(path)
            continue
        stem = name[: -len(META_SUFFIX)]
        try:
            names = os.listdir(root / folder)
        except OSError:
            names = []
        prefix = f"{folder}/" if folder else ""
        files.update(prefix + other for other in names if other == stem or other.rsplit(".", 1)[0] == stem)
    return frozenset(files)


def _through_link(root: Path, folder: str) -> bool:
    if not folder:
        return False
    parts = folder.split("/")
    return any(os.path.islink(root.joinpath(*parts[: depth + 1])) for depth in range(len(parts)))
