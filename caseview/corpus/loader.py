"""Finding the documents of a corpus folder and reading each one into a :class:`Document`.

Scanning only stats files (cheap: it runs on every open); reading decodes or extracts one file (see
``reading.py``). Problems with a file become one :class:`CorpusWarning` each, never an exception
that stops the corpus opening. Special files (FIFOs, devices, sockets) are named and never opened.
"""

from __future__ import annotations

import os
import stat as stat_mode
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from caseview.corpus.document import CorpusWarning
from caseview.corpus.extraction import DOCUMENT_FORMATS
from caseview.kernel.docmeta import META_SUFFIX

__all__ = [
    "DOCUMENT_FORMATS",
    "EXPORT_SUFFIXES",
    "FileEntry",
    "FileStamp",
    "ScanResult",
    "StampScan",
    "scan_corpus",
    "scan_stamps",
]
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


#: A file's stamp as a refresh compares it: (size, mtime_ns, the sidecar's mtime_ns or 0).
FileStamp = tuple[int, int, int]


@dataclass
class StampScan:
    """What a refresh compares, as plain strings and ints (no ``Path`` or object per file: at
    200,000 files each costs a measurable part of a no-op refresh)."""

    #: Corpus-relative file id → its stamp, for every document file found.
    stamps: dict[str, FileStamp]
    warnings: list[CorpusWarning]
    #: Corpus-relative paths of the listed files whose names end with one of the ``marked`` suffixes
    #: asked for (an annotation file, say): whether such a file exists is then a set lookup.
    marked: set[str]


def scan_corpus(root: Path, only: Collection[str] | None = None) -> ScanResult:
    """Every document file below ``root``, sorted by id (with ``only``: just those files, by relative
    path, found by listing their folders alone — what a file watcher says changed).

    :func:`scan_stamps` does the walk; this gives each file a :class:`FileEntry` with its path.
    """
    root = root.resolve()
    scan = scan_stamps(root, only)
    files = [
        FileEntry(doc_id, root / doc_id, size, mtime_ns, meta_mtime_ns)
        for doc_id, (size, mtime_ns, meta_mtime_ns) in sorted(scan.stamps.items())
    ]
    return ScanResult(files, scan.warnings)


#: Folders are listed through a descriptor where the platform allows it (POSIX): each stat is then
#: ``fstatat`` of the bare name in the open folder, with no path for the kernel to walk again and no
#: path string to build. On the 200,000-document corpus (400,000 stats) the walk went from 1.98 to
#: 1.70 CPU s (best of 7 interleaved, load 13; the kernel's share 1.09 → 0.92 s). Elsewhere, by path.
_BY_DESCRIPTOR = os.scandir in os.supports_fd and os.stat in os.supports_dir_fd
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass
class _Walk:
    """One :func:`scan_stamps` walk: what it looks for, and what it found so far."""

    root: Path
    only: Collection[str] | None
    marked: tuple[str, ...]
    stamps: dict[str, FileStamp] = field(default_factory=dict)
    found: set[str] = field(default_factory=set)
    warnings: list[CorpusWarning] = field(default_factory=list)
    # Suffixes are compared by their last dot's tail first: one slice and a set lookup per name.
    marked_tails: set[str] = field(init=False)
    skip_sidecars: bool = field(init=False)
    export_tails: set[str] = field(init=False)  # a name is lower-cased whole only for these

    def __post_init__(self) -> None:
        self.marked_tails = {tail[tail.rfind(".") :].lower() for tail in self.marked}
        self.skip_sidecars = not any(tail.endswith(META_SUFFIX) for tail in self.marked)
        self.export_tails = {tail[tail.rfind(".") :] for tail in EXPORT_SUFFIXES}


def scan_stamps(root: Path, only: Collection[str] | None = None, marked: tuple[str, ...] = ()) -> StampScan:
    """The stamp of every document file below ``root`` (with ``only``: just those, by relative path,
    found by listing their folders alone), in one walk.

    Hidden files and folders and ``.caseview/`` are skipped; a symbolic link is followed only when
    its target lies inside the corpus root (a link to ``/etc`` is named and ignored). One listing per
    folder, one stat per document and per sidecar the listing holds (never a stat of a name the
    listing lacks, so none fails); whether an entry is a folder, a file or a link comes from the
    listing itself (no stat). Warnings come sorted by path.
    """
    root = root.resolve()
    walk = _Walk(root, only, marked)
    pending = [(str(root), "")]
    if only is not None:
        pending = [(str(root / folder) if folder else str(root), folder + "/" if folder else "") for folder in
                   sorted({rel.rpartition("/")[0] for rel in only})]  # fmt: skip
    while pending:
        folder, prefix = pending.pop()
        pending.extend(_scan_folder(walk, folder, prefix))
    walk.warnings.sort(key=lambda warning: warning.path)
    return StampScan(walk.stamps, walk.warnings, walk.found)


def _scan_folder(walk: _Walk, folder: str, prefix: str) -> list[tuple[str, str]]:
    """Stamp the documents of one folder into ``walk``; its subfolders to walk next (path, id prefix)."""
    descriptor: int | None = None
    try:
        if _BY_DESCRIPTOR:
            descriptor = os.open(folder, _FOLDER_FLAGS)
        with os.scandir(folder if descriptor is None else descriptor) as listing:
            entries = list(listing)
    except OSError as error:
        if descriptor is not None:
            os.close(descriptor)
        if walk.only is None:  # else a folder removed since the watcher saw its files change: they go
            reason = f"folder cannot be read: {error.strerror or error}"
            walk.warnings.append(CorpusWarning(path=prefix.rstrip("/") or ".", reason=reason))
        return []
    try:
        return _stamp_entries(walk, folder, prefix, entries, descriptor)
    finally:
        if descriptor is not None:
            os.close(descriptor)  # only now: a DirEntry of a listing by descriptor stats through it


def _stamp_entries(
    walk: _Walk, folder: str, prefix: str, entries: list[os.DirEntry[str]], descriptor: int | None
) -> list[tuple[str, str]]:
    """:func:`_scan_folder`'s work on the folder's listing (``descriptor``: the folder, open, or None)."""
    stat_at, is_regular = os.stat, stat_mode.S_ISREG
    formats, only, marked, marked_tails = DOCUMENT_FORMATS, walk.only, walk.marked, walk.marked_tails
    skip_sidecars, export_tails, stamps = walk.skip_sidecars, walk.export_tails, walk.stamps
    # The listing's entries by name: a sidecar is stat'd only when the listing holds it, so no stat
    # fails on a missing one (most documents have none). In an open folder a file is stat'd by its
    # bare name, not through its DirEntry: that costs less (400,000 stats: 0.77 against 0.98 user CPU
    # s, load 8–10); by path, through the DirEntry (which on Windows has the stat from the listing).
    names = {entry.name: entry for entry in entries}
    subfolders: list[tuple[str, str]] = []
    for entry in entries:
        name = entry.name
        plain = entry.is_file(follow_symlinks=False)
        if name[0] == "." or (skip_sidecars and plain and name.endswith(META_SUFFIX)):
            continue  # hidden, or a plain sidecar (half of a corpus's files): stat'd with its document
        dot = name.rfind(".")
        suffix = name[dot:].lower() if dot > 0 else ""
        if suffix in marked_tails and name.endswith(marked):
            walk.found.add(prefix + name)  # by name, whatever it is: as the stamp's own listing lookup would
        if only is not None and prefix + name not in only:
            continue
        if plain:  # the common case, from the listing's file type (no stat)
            if suffix not in formats or (suffix in export_tails and name.lower().endswith(EXPORT_SUFFIXES)):
                continue
        else:
            path = os.path.join(folder, name)
            if entry.is_dir(follow_symlinks=False):
                if only is None:
                    subfolders.append((path, prefix + name + "/"))
                continue
            problem = _not_a_document_file(entry, path)
            if problem is not None:
                walk.warnings.append(CorpusWarning(path=prefix + name, reason=problem, kind="not-a-file"))
                continue
            if suffix not in formats or name.lower().endswith(EXPORT_SUFFIXES):
                continue
            target = Path(path).resolve()
            if not _inside(target, walk.root):
                walk.warnings.append(
                    CorpusWarning(
                        path=prefix + name,
                        reason=f"a link to {target}, outside the corpus folder; not followed",
                        kind="not-a-file",
                    )
                )
                continue
        try:
            stat = entry.stat() if descriptor is None else stat_at(name, dir_fd=descriptor)
        except OSError as error:
            reason = f"cannot be read: {error.strerror or error}"
            walk.warnings.append(CorpusWarning(path=prefix + name, reason=reason))
            continue
        if not is_regular(stat.st_mode):
            walk.warnings.append(
                CorpusWarning(
                    path=prefix + name,
                    reason=f"links to {_special_kind(os.path.join(folder, name))}; not opened",
                    kind="not-a-file",
                )
            )
            continue
        sidecar = name + META_SUFFIX
        meta_mtime = 0
        if sidecar in names or (dot > 0 and (sidecar := name[:dot] + META_SUFFIX) in names):
            try:
                side = names[sidecar].stat() if descriptor is None else stat_at(sidecar, dir_fd=descriptor)
                meta_mtime = side.st_mtime_ns
            except OSError:
                meta_mtime = 0
        stamps[prefix + name] = (stat.st_size, stat.st_mtime_ns, meta_mtime)
    return subfolders


def _not_a_document_file(entry: os.DirEntry[str], path: str) -> str | None:
    """Why an entry the listing does not call a plain file or folder is passed over (a FIFO, a
    link to a folder), or None for a link to a file, which is looked at further."""
    if not entry.is_symlink():
        return f"{_special_kind(path)}, not a file; not opened"
    if Path(path).is_dir():
        return "a link to a folder; not followed (link the files or copy the folder in)"
    return None
