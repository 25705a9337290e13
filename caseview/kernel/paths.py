"""Where caseview keeps things: the bundled case, the analyst's working copy of it, derived data.

The seed articles live in ``data/seeds`` of the source tree; the wheel carries them inside the
package as ``caseview/bundled_case`` (``setup.py`` maps the one folder onto the other), so they are
found through :mod:`importlib.resources` when installed and in the checkout when installed with
``pip install -e``. Either way they are read-only to caseview: ``caseview`` without a folder opens a
working copy in the user data folder, made on first use, so the analyst's annotations and case file
never land in the installed package or the checkout.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import platformdirs

#: The folder of derived data inside a corpus; always skipped by scans (hidden folders are skipped too).
DERIVED_DIR = ".caseview"

#: The files of the bundled case: the articles and their metadata sidecars. The wheel's package data
#: for ``caseview.bundled_case`` uses the same patterns (``tests/test_wheel.py`` checks both).
SEED_PATTERNS = ("*.txt", "*.meta.json")

#: The seeds in a source checkout (``data/seeds`` at the top of the tree).
CHECKOUT_SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
#: The package folder that holds the seeds in an installed wheel.
PACKAGED_SEEDS = "bundled_case"


def _bundled_corpus() -> Path:
    packaged = files("caseview") / PACKAGED_SEEDS
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return CHECKOUT_SEEDS


#: The seed articles shipped with caseview: inside the installed package, else the checkout's ``data/seeds``.
BUNDLED_CORPUS = _bundled_corpus()


class CorpusNotFound(Exception):
    """The corpus folder given (or the default one) does not exist or is not a folder."""


class LinkedDerivedFolder(CorpusNotFound):
    """``<corpus>/.caseview`` is a symbolic link: caseview would write its index, locks and
    quarantine copies wherever it points, so the folder is not opened."""


@dataclass(frozen=True)
class DefaultCorpus:
    """The folder to open when none is given: ``$CASEVIEW_CORPUS`` or the working copy of the bundled case."""

    path: Path
    #: True when this call made the working copy: the one moment to tell the analyst where it is.
    created: bool


def bundled_case_home() -> Path:
    """Where the working copy of the bundled case lives (``~/.local/share/caseview/bundled-case`` on Linux)."""
    return Path(platformdirs.user_data_dir("caseview")) / "bundled-case"


def open_bundled_case(seeds: Path | None = None) -> DefaultCorpus:
    """The working copy of the bundled case, made from ``seeds`` (default: the bundled seeds) if missing.

    The copy is made in a temporary sibling folder and renamed into place, so a second process
    starting at the same moment sees either no copy or a whole one, never half of one.
    """
    target = bundled_case_home()
    if target.is_dir():
        return DefaultCorpus(target, created=False)
    source = BUNDLED_CORPUS if seeds is None else seeds
    if not source.is_dir():
        raise CorpusNotFound(f"the bundled case is missing from this installation (looked in {source})")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}-{os.getpid()}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for pattern in SEED_PATTERNS:
            for path in sorted(source.glob(pattern)):
                if path.is_file():
                    shutil.copyfile(path, staging / path.name)
        try:
            staging.rename(target)
        except OSError:
            if target.is_dir():  # another process made it first: theirs is as good as ours
                return DefaultCorpus(target, created=False)
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return DefaultCorpus(target, created=True)


def default_corpus() -> DefaultCorpus:
    """``$CASEVIEW_CORPUS`` if set, else the working copy of the bundled case (made if missing).

    The CLI and the app call this when no folder is given, and say where the copy is when ``created``.
    """
    configured = os.environ.get("CASEVIEW_CORPUS")
    if configured:
        return DefaultCorpus(Path(configured), created=False)
    return open_bundled_case()


def resolve_corpus(root: Path | str | None) -> Path:
    """The corpus folder to open: as given, else ``$CASEVIEW_CORPUS``, else the working copy of the bundled case."""
    path = (default_corpus().path if root is None else Path(root)).expanduser()
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
    if local.is_symlink():
        raise LinkedDerivedFolder(
            f"{local} is a symbolic link (to {os.readlink(local)}); caseview keeps its own data there and "
            "does not follow links for it: remove the link (it holds only derived data) and open the folder again"
        )
    if local.is_dir() and os.access(local, os.W_OK):
        return local
    if not local.exists() and os.access(root, os.W_OK):
        return local
    digest = hashlib.sha256(str(root).encode("utf-8")).hexdigest()[:16]
    return Path(platformdirs.user_cache_dir("caseview")) / "corpora" / f"{root.name}-{digest}"


def lock_path_for(derived_dir: Path, path: Path) -> Path:
    """Where the lock of an analyst's file lives: under the corpus's derived folder, not beside the file.

    filelock-style locks leave their file behind on release (deleting it would race with the next
    locker), so a lock beside ``case.json`` would sit in the analyst's folder forever. The name is
    the file's name and a hash of its folder's resolved path, so every process (whatever it knows
    of the corpus root) agrees on it: ``.caseview/locks/case.json.3f2a…lock``.
    """
    folder = os.path.realpath(path.parent)
    digest = hashlib.sha256(folder.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return derived_dir / "locks" / f"{path.name}.{digest}.lock"
