"""Content-addressed copies of annotated document texts: ``<corpus>/.caseview/snapshots/<sha256>.txt``.

Re-anchoring diffs a changed document against the text an annotation was made on. Snapshots are
derived data: losing them only weakens re-anchoring (it falls back to quotes and context).
"""

from __future__ import annotations

import os
from pathlib import Path

from caseview.corpus import text_sha256
from caseview.kernel.jail import read_regular
from caseview.kernel.safefile import atomic_write_bytes


class SnapshotStore:
    """Save and load texts by their SHA-256 (of the UTF-8 bytes, as :func:`text_sha256`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.txt"

    def save(self, text: str) -> str:
        """Keep a copy of ``text`` (once; the same text is never written twice). Returns its hash."""
        sha256 = text_sha256(text)
        path = self.path_for(sha256)
        if not os.path.lexists(path):
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, text.encode("utf-8"))
        return sha256

    def load(self, sha256: str) -> str | None:
        """The text with this hash, or None when missing or damaged (a damaged copy is ignored)."""
        try:
            # Derived data, but never read through a link or from a FIFO (it would block).
            text = read_regular(self.path_for(sha256), follow_links=False).decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return text if text_sha256(text) == sha256 else None
