"""Cross-process locks on caseview's own lock files, never through a link.

``filelock`` opens its lock file with ``O_CREAT | O_TRUNC`` and follows a symbolic link: a
``case.json.lock`` planted as a link to a file outside the corpus would be truncated, or give a
traceback (``Too many levels of symbolic links``). :class:`OwnedLock` opens the lock file like every
other file caseview owns (:func:`caseview.kernel.jail.open_owned`: no link, regular file only) and
takes an ``flock`` on it, polling until its timeout.

Lock files live in the derived folder (``.caseview/locks/``, :func:`caseview.kernel.paths.lock_path_for`),
never beside the analyst's documents.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import time
from pathlib import Path
from types import TracebackType

from caseview.kernel.jail import JailError, open_owned

if sys.platform != "win32":
    import fcntl

#: How often a waiting writer tries again.
POLL_S = 0.05


class LockTimeout(TimeoutError):
    """The lock was not got within the timeout; another program holds it."""


def owned_folder(folder: Path, stop: Path) -> Path:
    """Make ``folder`` (and its parents below ``stop``) if missing, refusing any that is a link or not a folder.

    For caseview's own folders (``.caseview/``, ``locks/``, ``quarantine/``): a planted link would
    make caseview write wherever it points.
    """
    folder = Path(os.path.abspath(folder))
    stop = Path(os.path.abspath(stop))
    chain = [folder, *(parent for parent in folder.parents if stop in parent.parents)]
    if folder != stop:
        stop.mkdir(parents=True, exist_ok=True)  # above caseview's own folders (e.g. the user cache): made, not checked
    for current in reversed(chain):
        with contextlib.suppress(FileExistsError):
            if not os.path.lexists(current):
                current.mkdir()
        status = os.lstat(current)
        if stat.S_ISLNK(status.st_mode):
            raise JailError(f"{current}: a symbolic link; caseview does not follow links for its own folders")
        if not stat.S_ISDIR(status.st_mode):
            raise JailError(f"{current}: not a folder; caseview needs it to be one for its own files")
    return folder


class OwnedLock:
    """An exclusive cross-process lock on ``path``, got within ``timeout`` seconds or :class:`LockTimeout`.

    ``stop`` is the folder above which the lock's folders are not checked (the derived folder's parent).
    """

    def __init__(self, path: Path, timeout: float, stop: Path | None = None) -> None:
        self.path = path
        self.timeout = timeout
        self.stop = stop if stop is not None else path.parent
        self._descriptor: int | None = None

    def acquire(self) -> None:
        owned_folder(self.path.parent, self.stop)
        descriptor = open_owned(self.path, os.O_RDWR | os.O_CREAT)
        if sys.platform == "win32":  # pragma: no cover - filelock's locking there (no O_NOFOLLOW anyway)
            os.close(descriptor)
            from filelock import FileLock, Timeout

            self._fallback = FileLock(str(self.path), timeout=self.timeout)
            try:
                self._fallback.acquire()
            except Timeout:
                raise LockTimeout(str(self.path)) from None
            return
        deadline = time.monotonic() + max(self.timeout, 0.0)
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(descriptor)
                    raise LockTimeout(f"{self.path}: held by another program for {self.timeout:.0f} s") from None
                time.sleep(POLL_S)
                continue
            except OSError:
                os.close(descriptor)
                raise
            self._descriptor = descriptor
            return

    def release(self) -> None:
        if sys.platform == "win32":  # pragma: no cover
            self._fallback.release()
            return
        descriptor, self._descriptor = self._descriptor, None
        if descriptor is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)

    def __enter__(self) -> OwnedLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.release()
