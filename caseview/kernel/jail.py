"""The corpus jail: nothing outside the corpus folder is read or written through a path or a link in it.

An analyst opens folders from untrusted sources (leaks, scraped pages, attachments): a name in an
annotation file, a symbolic link or a FIFO planted in the folder must never make caseview touch a
file elsewhere, follow a loop, or hang. Three rules, each one function here:

- **Paths stay inside.** :func:`inside` resolves a path named by data (an annotation's source, a
  case item's document) against the corpus root and refuses anything that lands outside — ``..``,
  absolute paths, links whose target is elsewhere.
- **caseview's own files are never links.** :func:`open_owned` opens with ``O_NOFOLLOW`` (the last
  component must not be a link) after checking that no folder between the root and the file is a
  link either, and refuses anything that is not a regular file.
- **Special files are never opened for reading.** FIFOs, devices and sockets would block or
  stream forever: :func:`regular_file` says so from ``lstat`` before anything is opened, and
  :func:`read_regular` opens with ``O_NONBLOCK`` and checks again on the open descriptor, which
  closes the gap between the check and the open.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: How much of one file caseview reads at most unless told otherwise (a document, a sidecar).
DEFAULT_READ_LIMIT = 256 * 1024 * 1024


class JailError(OSError):
    """A path that would leave the corpus folder, a link where caseview's own file should be, or a
    special file; the message names it and says why, in one line."""


def inside(root: Path, relative: str | Path) -> Path:
    """``root / relative``, resolved, if it lies inside ``root`` (links followed only while they stay inside)."""
    root = root.resolve()
    relative = Path(relative)
    if relative.is_absolute():
        raise JailError(f"{relative}: an absolute path; caseview only opens paths inside the corpus folder")
    candidate = (root / relative).resolve(strict=False)
    if candidate != root and root not in candidate.parents:
        raise JailError(f"{relative}: points outside the corpus folder ({root})")
    return candidate


def is_inside(root: Path, relative: str | Path) -> bool:
    try:
        inside(root, relative)
    except JailError:
        return False
    return True


def outside_reason(root: Path, doc_id: str) -> str | None:
    """Why ``doc_id`` names no document of the corpus at ``root`` (``../x``, ``/etc/passwd``, a link
    leading out), or None when it lies inside. Such an id is never opened and never written beside."""
    if not doc_id or "\x00" in doc_id:
        return f"{doc_id!r} is not a document id"
    try:
        inside(root, doc_id)
    except JailError as error:
        return str(error)
    if any(part == ".." for part in Path(doc_id).parts):
        return f"{doc_id}: climbs out of its folder ('..'); caseview only opens paths inside the corpus folder"
    return None


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def regular_file(path: Path) -> os.stat_result:
    """``lstat`` of ``path`` when it is a regular file (not a link, FIFO, device or socket)."""
    status = os.lstat(path)
    if not stat.S_ISREG(status.st_mode):
        raise JailError(f"{path}: {_kind(status.st_mode)}, not a regular file; skipped")
    return status


def no_linked_folders(root: Path, path: Path) -> None:
    """Refuse ``path`` when any folder between ``root`` and it is a symbolic link."""
    root = Path(os.path.abspath(root))
    current = Path(os.path.abspath(path)).parent
    while current != root and root in current.parents:
        if current.is_symlink():
            raise JailError(f"{current}: a symbolic link to a folder; caseview does not follow it for its own files")
        current = current.parent


def open_owned(path: Path, flags: int, root: Path | None = None, mode: int = 0o644) -> int:
    """Open one of caseview's own files (annotation file, case file, lock, log) without following a link.

    ``flags`` as for :func:`os.open`; ``O_NOFOLLOW`` and ``O_NONBLOCK`` are added, the result is
    checked to be a regular file, and with ``root`` no folder on the way may be a link.
    """
    if root is not None:
        no_linked_folders(root, path)
    try:
        descriptor = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0), mode)
    except OSError as error:
        if error.errno == getattr(os, "ELOOP", 40) or (path.is_symlink() and not path.exists()):
            raise JailError(f"{path}: a symbolic link; caseview does not follow links for its own files") from None
        raise
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise JailError(f"{path}: {_kind(status.st_mode)}, not a regular file; left alone")
    os.set_blocking(descriptor, True)
    return descriptor


def read_regular(path: Path, limit: int = DEFAULT_READ_LIMIT, *, follow_links: bool = True) -> bytes:
    """The bytes of a regular file, at most ``limit`` of them (more is an error, not a silent cut).

    Documents may be links that stay inside the corpus (``follow_links``); caseview's own files
    are read with ``follow_links=False``. A FIFO, device or socket is refused without blocking.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | (0 if follow_links else os.O_NOFOLLOW)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        if not follow_links and error.errno == getattr(os, "ELOOP", 40):
            raise JailError(f"{path}: a symbolic link; caseview does not follow links for its own files") from None
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise JailError(f"{path}: {_kind(status.st_mode)}, not a regular file; skipped")
        if status.st_size > limit:
            raise JailError(f"{path}: {status.st_size:,} bytes, more than the {limit:,} bytes caseview reads")
        os.set_blocking(descriptor, True)
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(descriptor, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise JailError(f"{path}: grew past the {limit:,} bytes caseview reads while it was read")
        return data
    finally:
        os.close(descriptor)
