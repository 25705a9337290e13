"""Finding the documents of a corpus folder and reading each one into a :class:`Document`.

Scanning only stats files (cheap: it runs on every open); reading decodes or extracts one file (see
``reading.py``). Problems with a file become one :class:`CorpusWarning` each, never an exception
that stops the corpus opening. Special files (FIFOs, devices, sockets) are named and never opened.
"""

from __future__ import annotations

import os
import stat as stat_mode
from collections.abc import Collection, Container
from dataclasses import dataclass
from pathlib import Path

from caseview.corpus.document import CorpusWarning
from caseview.corpus.extraction import DOCUMENT_FORMATS

__all__ = ["DOCUMENT_FORMATS", "EXPORT_SUFFIXES", "FileEntry", "ScanResult", "scan_corpus"]
#: caseview's own exports, written beside the case file (``case.memo.md``…): output, not sources.
EXPORT_SUFFIXES = (".memo.md", ".memo.html")


@dataclass(frozen=True)
class FileEntry:
    """A candidate document found by a scan: enough to tell whether it changed, without reading it.

    For a document inside a file (``mail.eml/report.pdf``) ``path`` is the file and ``doc_id`` the
    whole id, as :func:`caseview.corpus.reading.entry_for` makes it.
    """

    doc_id: str
    path: Path
    size: int
    mtime_ns: int
    #: Modification time of the ``.meta.json`` sidecar, 0 when there is none.
    meta_mtime_ns: int = 0


@dataclass
class ScanResult:
    files: list[FileEntry]
    warnings: list[CorpusWarning]


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _sidecar_name(name: str, names: Container[str]) -> str | None:
    """The metadata sidecar of ``name`` among the folder's ``names`` (see ``metadata.sidecar_path``)."""
    for candidate in (name + ".meta.json", name.rsplit(".", 1)[0] + ".meta.json"):
        if candidate in names:
            return candidate
    return None


def _special_kind(path: str) -> str:
    """What a file that is not a regular file is, for the analyst ("a named pipe (FIFO)")."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "a special file"
    if stat_mode.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat_mode.S_ISSOCK(mode):
        return "a socket"
    if stat_mode.S_ISCHR(mode) or stat_mode.S_ISBLK(mode):
        return "a device"
    return "a special file"


def scan_corpus(root: Path, only: Collection[str] | None = None) -> ScanResult:
    """Every document file below ``root``, sorted by id (with ``only``: just those files, by relative
    path, found by listing their folders alone — what a file watcher says changed).

    Hidden files and folders and ``.caseview/`` are skipped; a symbolic link is followed only when
    its target lies inside the corpus root (a link to ``/etc`` is named and ignored). Uses
    ``os.scandir`` and the folder listing itself (not a stat per candidate) to find sidecars, since
    this runs on every open: 10,000 files scan in about a tenth of a second.
    """
    root = root.resolve()
    files: list[FileEntry] = []
    warnings: list[CorpusWarning] = []
    pending = [(str(root), "")]
    if only is not None:
        pending = [(str(root / folder) if folder else str(root), folder + "/" if folder else "") for folder in
                   sorted({rel.rpartition("/")[0] for rel in only})]  # fmt: skip
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda item: item.name)
        except OSError as error:
            if only is not None:
                continue  # a folder removed since the watcher saw its files change: their documents go
            warnings.append(
                CorpusWarning(
                    path=prefix.rstrip("/") or ".", reason=f"folder cannot be read: {error.strerror or error}"
                )
            )
            continue
        # The listing's own entries, by name: a sidecar is stat'd through its DirEntry (the cheapest stat
        # Python has: 0.79 s CPU for 200,000 files against 0.98 s for os.stat, 1.26 s for os.lstat), and
        # only when the listing holds it, so no stat ever fails on a missing sidecar.
        by_name = {entry.name: entry for entry in entries}
        names = by_name.keys()
        # Children of one parsed folder path: Path(entry.path) would re-parse the whole path each time
        # (a third of a 200,000-file scan). ``_make_child_relpath`` is pathlib's own fast child maker.
        folder_path = Path(folder)
        child_path = getattr(folder_path, "_make_child_relpath", folder_path.joinpath)
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = prefix + name
            if only is not None and rel not in only:
                continue
            is_link = entry.is_symlink()
            if entry.is_dir(follow_symlinks=False):
                if only is None:
                    pending.append((entry.path, rel + "/"))
                continue
            if not is_link and not entry.is_file(follow_symlinks=False):
                warnings.append(
                    CorpusWarning(
                        path=rel, reason=f"{_special_kind(entry.path)}, not a file; not opened", kind="not-a-file"
                    )
                )
                continue
            if is_link and Path(entry.path).is_dir():
                warnings.append(
                    CorpusWarning(
                        path=rel,
                        reason="a link to a folder; not followed (link the files or copy the folder in)",
                        kind="not-a-file",
                    )
                )
                continue
            suffix = os.path.splitext(name)[1].lower()
            if suffix not in DOCUMENT_FORMATS or name.lower().endswith(EXPORT_SUFFIXES):
                continue
            if is_link:
                target = Path(entry.path).resolve()
                if not _inside(target, root):
                    warnings.append(
                        CorpusWarning(
                            path=rel,
                            reason=f"a link to {target}, outside the corpus folder; not followed",
                            kind="not-a-file",
                        )
                    )
                    continue
            try:
                stat = entry.stat()
            except OSError as error:
                warnings.append(CorpusWarning(path=rel, reason=f"cannot be read: {error.strerror or error}"))
                continue
            if not stat_mode.S_ISREG(stat.st_mode):
                warnings.append(
                    CorpusWarning(
                        path=rel, reason=f"links to {_special_kind(entry.path)}; not opened", kind="not-a-file"
                    )
                )
                continue
            sidecar = _sidecar_name(name, names)
            meta_mtime = 0
            if sidecar is not None:
                try:
                    meta_mtime = by_name[sidecar].stat().st_mtime_ns
                except OSError:
                    meta_mtime = 0
            files.append(FileEntry(rel, child_path(name), stat.st_size, stat.st_mtime_ns, meta_mtime))
    files.sort(key=lambda item: item.doc_id)
    return ScanResult(files, warnings)
