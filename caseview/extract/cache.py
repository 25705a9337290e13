"""The extraction cache: one JSON file per document content under ``<derived_dir>/extract/``.

The key is the extractor version (logic + data files), the sha256 of the text and the publication
fact — the date *with its precision* (relative times resolve against it: "2026-04" and "2026-04-01"
resolve "last week" differently). A changed document, a new or corrected publication date or a new
extractor version each miss the cache, for that document only; stale files are harmless and can be
deleted at any time.
"""

from __future__ import annotations

import contextlib
import hashlib
from datetime import date
from pathlib import Path

from pydantic import ValidationError

from caseview.corpus.pubdate import PublicationDate
from caseview.extract.lexicon import extractor_version
from caseview.extract.models import DocumentExtraction
from caseview.extract.nlp import backend_tag
from caseview.kernel.safefile import atomic_write_text

CACHE_FOLDER = "extract"


#: What a document's extraction was resolved against: a day, or a date known to the month or year.
Published = date | PublicationDate | None


def publication_fact(published: Published) -> str:
    """The publication fact as it enters the key: "2026-04-17", "2026-04", "2026" or "-"."""
    if published is None:
        return "-"
    if isinstance(published, PublicationDate):
        # A day keeps the key it had before precision existed, so old caches stay valid.
        return published.value.isoformat() if published.precision == "day" else published.iso()
    return published.isoformat()


def cache_key(text_sha256: str, published: Published) -> str:
    material = f"{extractor_version()}|{backend_tag()}|{text_sha256}|{publication_fact(published)}"
    return hashlib.sha256(material.encode()).hexdigest()


class ExtractionCache:
    def __init__(self, derived_dir: Path) -> None:
        self.folder = derived_dir / CACHE_FOLDER / extractor_version()

    def path_for(self, text_sha256: str, published: Published) -> Path:
        key = cache_key(text_sha256, published)
        return self.folder / key[:2] / f"{key}.json"

    def get(self, text_sha256: str, published: Published) -> DocumentExtraction | None:
        path = self.path_for(text_sha256, published)
        try:
            return DocumentExtraction.model_validate_json(path.read_bytes())
        except (OSError, ValueError, ValidationError):
            return None  # missing or damaged: extract again

    def put(self, text_sha256: str, published: Published, extraction: DocumentExtraction) -> None:
        path = self.path_for(text_sha256, published)
        # Derived data: atomic but not fsynced — it can always be rebuilt. A read-only corpus folder
        # still extracts, just without a cache.
        with contextlib.suppress(OSError):
            atomic_write_text(path, extraction.model_dump_json(exclude_defaults=True), durable=False)
