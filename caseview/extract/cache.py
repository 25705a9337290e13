"""The extraction cache: one JSON file per document content under ``<derived_dir>/extract/``.

The key is the extractor version (logic + data files), the sha256 of the text and the publication
date (relative times resolve against it). A changed document, a new publication date or a new
extractor version each miss the cache; stale files are harmless and can be deleted at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from caseview.extract.lexicon import extractor_version
from caseview.extract.models import DocumentExtraction
from caseview.extract.nlp import backend_tag
from caseview.kernel.safefile import atomic_write_text

CACHE_FOLDER = "extract"


def cache_key(text_sha256: str, published: date | None) -> str:
    material = f"{extractor_version()}|{backend_tag()}|{text_sha256}|{published.isoformat() if published else '-'}"
    return hashlib.sha256(material.encode()).hexdigest()


class ExtractionCache:
    def __init__(self, derived_dir: Path) -> None:
        self.folder = derived_dir / CACHE_FOLDER / extractor_version()

    def path_for(self, text_sha256: str, published: date | None) -> Path:
        key = cache_key(text_sha256, published)
        return self.folder / key[:2] / f"{key}.json"

    def get(self, text_sha256: str, published: date | None) -> DocumentExtraction | None:
        path = self.path_for(text_sha256, published)
        try:
            return DocumentExtraction.model_validate_json(path.read_bytes())
        except (OSError, ValueError, ValidationError):
            return None  # missing or damaged: extract again

    def put(self, text_sha256: str, published: date | None, extraction: DocumentExtraction) -> None:
        path = self.path_for(text_sha256, published)
        # Derived data: atomic but not fsynced — it can always be rebuilt. A read-only corpus folder
        # still extracts, just without a cache.
        with contextlib.suppress(OSError):
            atomic_write_text(path, extraction.model_dump_json(exclude_defaults=True), durable=False)
