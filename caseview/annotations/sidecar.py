"""Where a document's annotation file is: apart from the store, so the corpus index can stat it at
every refresh without importing the store and its models (ARCHITECTURE.md, "Start-up")."""

from __future__ import annotations

from pathlib import Path

SIDECAR_SUFFIX = ".annotations.json"


def sidecar_path(document_path: Path) -> Path:
    """Where a document's annotations live: its own path plus ``.annotations.json``."""
    return document_path.with_name(document_path.name + SIDECAR_SUFFIX)
