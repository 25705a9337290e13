"""Crash-safe writes for annotation files: the project's :mod:`caseview.safefile`, plus cleaning up.

``atomic_write_bytes`` is temp file in the same folder → flush + fsync → ``os.replace`` → fsync the
folder (DESIGN §4). A writer killed mid-write leaves a hidden temp file behind and nothing else;
the next writer of the same file removes it while holding the file's lock.
"""

from __future__ import annotations

from pathlib import Path

from caseview.safefile import atomic_write_bytes

__all__ = ["atomic_write_bytes", "remove_stale_temp_files"]

#: What :func:`caseview.safefile.atomic_write_bytes` names its temporary files: ``.<name>.<random>.tmp``.
TEMP_SUFFIX = ".tmp"


def remove_stale_temp_files(path: Path) -> None:
    """Delete temp files a killed writer of ``path`` left behind. Call only while holding its lock."""
    for stale in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        try:
            stale.unlink()
        except OSError:
            pass
