"""What the index holds, file by file, so that reopening a corpus re-indexes only what changed.

A document is unchanged when its size and modification time (and those of its metadata sidecar)
match the manifest; when they differ, the file is read and its content hash decides.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pydantic import BaseModel, ValidationError

from caseview.safefile import atomic_write_text

MANIFEST_NAME = "caseview-manifest.json"


class ManifestEntry(BaseModel):
    size: int
    mtime_ns: int
    meta_mtime_ns: int = 0
    sha256: str
    format: str
    encoding: str = "utf-8"
    title: str
    title_source: str = "inferred"
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    author: str | None = None
    #: Fingerprint of the entity/tag/note values indexed with the document.
    extras_key: str = ""
    #: Stamp of the files those values come from (e.g. the annotation file's inode, size, mtime):
    #: when it differs, a refresh recomputes them (another program wrote tags or notes).
    extras_stamp: str = ""


class SkippedEntry(BaseModel):
    size: int
    mtime_ns: int
    reason: str


class Manifest(BaseModel):
    schema_version: int
    documents: dict[str, ManifestEntry] = {}
    skipped: dict[str, SkippedEntry] = {}


def load_manifest(folder: Path, schema_version: int) -> Manifest | None:
    """The manifest in ``folder``, or ``None`` when missing, unreadable or of another schema version."""
    path = folder / MANIFEST_NAME
    try:
        manifest = Manifest.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return None
    return manifest if manifest.schema_version == schema_version else None


def save_manifest(folder: Path, manifest: Manifest) -> None:
    atomic_write_text(folder / MANIFEST_NAME, manifest.model_dump_json())
