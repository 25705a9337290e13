"""Where caseview keeps things: the bundled corpus and each corpus's folder of derived data."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

#: The folder of derived data inside a corpus; always skipped by scans (hidden folders are skipped too).
DERIVED_DIR = ".caseview"

#: The seed articles shipped with caseview (``data/seeds`` at the top of the source tree).
BUNDLED_CORPUS = Path(__file__).resolve().parents[2] / "data" / "seeds"


class CorpusNotFound(Exception):
    """The corpus folder given (or the default one) does not exist or is not a folder."""


def resolve_corpus(root: Path | str | None) -> Path:
    """The corpus folder to open: as given, else ``$CASEVIEW_CORPUS``, else the bundled seeds."""
    if root is None:
        root = os.environ.get("CASEVIEW_CORPUS") or BUNDLED_CORPUS
    path = Path(root).expanduser()
    if not path.exists():
        raise CorpusNotFound(f"no such folder: {path}")
    if not path.is_dir():
        raise CorpusNotFound(f"not a folder: {path} (caseview opens a folder of documents)")
    return path.resolve()


def derived_dir_for(root: Path) -> Path:
    """``<corpus>/.caseview`` when the corpus is writable, else a per-corpus folder in the user cache.

    Everything in it can be rebuilt from the documents: deleting it loses none of the analyst's work.
    """
    local = root / DERIVED_DIR
    if local.is_dir() and os.access(local, os.W_OK):
        return local
    if not local.exists() and os.access(root, os.W_OK):
        return local
    digest = hashlib.sha256(str(root).encode("utf-8")).hexdigest()[:16]
    return Path(platformdirs.user_cache_dir("caseview")) / "corpora" / f"{root.name}-{digest}"
