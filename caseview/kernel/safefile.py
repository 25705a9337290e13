"""Crash-safe file writing, shared by everything that stores the analyst's work or derived data.

The sequence: write a temporary file in the same folder → flush and ``fsync`` it → ``os.replace`` it
over the target (atomic on POSIX) → ``fsync`` the folder so the rename itself is durable. A crash at
any point leaves either the old file or the new one, never a torn one (see ARCHITECTURE.md, safe writes).
Derived data that can always be rebuilt (caches) may skip the two ``fsync`` calls (``durable=False``):
it is still never torn, only possibly lost in a power cut.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path


def fsync_directory(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where directories cannot be opened, e.g. Windows)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically (and durably, unless ``durable`` is False).

    A new file gets mode 0644 (``mkstemp`` makes 0600); a replaced file keeps its mode."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            # Keep the permissions of the file being replaced (mkstemp creates 0600).
            os.chmod(temp_name, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    if durable:
        fsync_directory(folder)


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), durable=durable)


def remove_stale_temp_files(path: Path) -> None:
    """Delete the temp files a writer of ``path`` killed mid-write left behind.

    Call only while holding ``path``'s lock, so no live writer's temp file is taken.
    """
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def _quarantine_folder(quarantine_dir: Path) -> bool:
    """Whether the quarantine folder exists (made if missing) and is a real folder, not a link."""
    try:
        quarantine_dir.mkdir(parents=True, exist_ok=True)
        return not quarantine_dir.is_symlink() and not quarantine_dir.parent.is_symlink()
    except OSError:
        return False


def quarantine_copy(path: Path, data: bytes, quarantine_dir: Path) -> Path | None:
    """Set a copy of an unreadable file aside (once per distinct content); the original stays put.

    Returns where the copy is, or None when it could not be made (the original is untouched either way).
    A quarantine folder that is a link is not written through.
    """
    digest = hashlib.sha256(data).hexdigest()[:12]
    target = quarantine_dir / f"{path.name}.{digest}.bad"
    try:
        if not _quarantine_folder(quarantine_dir):
            return None
        if not os.path.lexists(target):
            atomic_write_bytes(target, data)
    except OSError:
        return None
    return target


def quarantine_link(path: Path, quarantine_dir: Path) -> Path | None:
    """Set aside a copy of the *link* at ``path`` (a link with the same target), never the file it
    points to: a sidecar linked to ``/etc/passwd`` must not bring ``/etc/passwd`` into the corpus."""
    try:
        pointed = os.readlink(path)
    except OSError:
        return None
    digest = hashlib.sha256(os.fsencode(pointed)).hexdigest()[:12]
    target = quarantine_dir / f"{path.name}.{digest}.link"
    try:
        if not _quarantine_folder(quarantine_dir):
            return None
        if not os.path.lexists(target):
            os.symlink(pointed, target)
    except OSError:
        return None
    return target
