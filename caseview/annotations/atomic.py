"""Writing a file so that a crash at any moment leaves either the old or the new version (DESIGN §4)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: Temporary files are hidden (a leading dot) so corpus scans never mistake them for documents.
TEMP_SUFFIX = ".tmp"


def fsync_folder(folder: Path) -> None:
    """Make a rename inside ``folder`` durable (a no-op where folders cannot be opened, e.g. Windows)."""
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


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Temp file in the same folder → write → flush + fsync → ``os.replace`` → fsync the folder."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    descriptor, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise
    fsync_folder(path.parent)


def remove_stale_temp_files(path: Path) -> None:
    """Delete temp files a killed writer of ``path`` left behind. Call only while holding its lock."""
    for stale in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        try:
            stale.unlink()
        except OSError:
            pass
