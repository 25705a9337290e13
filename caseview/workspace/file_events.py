"""The operating system's file events for a corpus folder (inotify on Linux), through ``watchfiles``.

Polling the folder (``Workspace.changes_since``) stats every file each time: fine for a few thousand,
a steady cost for 200,000. A watcher thread instead hears of each change as it happens and says
which files changed, relative to the corpus root, so only those are looked at again. Paths in
``.caseview/`` (derived data: the index writes there all the time), other hidden paths (the corpus
scan skips them too) and anything reached through a link out of the corpus are dropped.

:class:`FileEvents` raises :class:`FileEventsUnavailable` when it cannot start (watchfiles missing,
the inotify watch limit reached, a file system without events); the caller then polls instead.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Protocol

#: Called on the watcher's thread with the relative paths of one batch of changes.
OnPaths = Callable[[tuple[str, ...]], None]
#: Called on the watcher's thread, once, when watching stopped working (why, in one line).
OnFailure = Callable[[str], None]
#: How long one batch gathers changes: a program saving a file writes, renames and chmods it.
DEBOUNCE_MS = 200
STEP_MS = 50
#: How often the thread looks at its stop flag while the folder is quiet.
TIMEOUT_MS = 500


class FileEventsUnavailable(Exception):
    """The folder cannot be watched through file events (why, in one line)."""


class FileEventSource(Protocol):
    """A running source of file events; :meth:`stop` ends it (and its thread)."""

    def stop(self) -> None: ...


#: What the TUI is given: start watching ``root`` (raises :class:`FileEventsUnavailable`).
StartFileEvents = Callable[[Path, OnPaths, OnFailure], FileEventSource]


def relevant_paths(root: str, paths: Iterable[str]) -> tuple[str, ...]:
    """The corpus-relative paths (``/``-separated, sorted) among absolute ``paths`` that caseview
    may care about: not hidden, not derived, not reached through a link out of ``root``.

    ``root`` is the real path of the corpus folder (no links in it)."""
    found: set[str] = set()
    prefix = root.rstrip(os.sep) + os.sep
    for path in paths:
        if not path.startswith(prefix):
            continue
        relative = path[len(prefix) :]
        parts = relative.split(os.sep)
        if not relative or any(part.startswith(".") for part in parts):
            continue  # .caseview/ and hidden files: never documents or the analyst's work
        # Through a link (a linked folder, or a link to a file): only if it stays inside the corpus.
        # A removed file's real path is its parent's real path and its name, still answerable.
        real = os.path.realpath(path)
        if real != path and not real.startswith(prefix):
            continue
        found.add("/".join(parts))
    return tuple(sorted(found))


def with_new_folders_contents(paths: Iterable[str]) -> list[str]:
    """``paths`` and, for each that is a folder now (not a link to one), the paths of the files in it.

    The backend puts a watch on a new folder when it hears the folder was made; a file written into
    it before that (a folder copied in, ``mkdir`` then a quick save) makes no event of its own, so
    the folder's contents are named with it rather than missed."""
    found: list[str] = []
    for path in paths:
        found.append(path)
        try:
            is_folder = stat.S_ISDIR(os.lstat(path).st_mode)
        except OSError:  # gone again, or unreadable: the path alone is still worth a look
            continue
        if is_folder:
            for folder, _subfolders, names in os.walk(path, followlinks=False):
                found.extend(os.path.join(folder, name) for name in names)
    return found


class FileEvents:
    """Watches ``root`` on a thread of its own; each batch of changed paths goes to ``on_paths``."""

    def __init__(self, root: Path, on_paths: OnPaths, on_failure: OnFailure) -> None:
        try:
            # The documented Rust backend (notify: inotify, FSEvents, ReadDirectoryChangesW) used
            # directly rather than watchfiles.watch(): its constructor sets the watches up before
            # returning, so a failure is known at once and no change after start() is missed.
            from watchfiles._rust_notify import RustNotify
        except ImportError:
            raise FileEventsUnavailable("watchfiles is not installed") from None
        self.root = os.path.realpath(root)
        try:
            try:
                # Errors are not ignored: notify would otherwise swallow a missing folder or the
                # inotify limit and watch nothing, in silence.
                self._notify = RustNotify([self.root], False, False, 0, True, False)
            except PermissionError:
                # An unreadable subfolder (the corpus scan names it and reads nothing there either):
                # watch the rest.
                self._notify = RustNotify([self.root], False, False, 0, True, True)
        except (OSError, RuntimeError) as error:  # the inotify limit, a file system without events
            raise FileEventsUnavailable(f"cannot watch the folder: {error}") from None
        self._on_paths = on_paths
        self._on_failure = on_failure
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="caseview file events", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                raw = self._notify.watch(DEBOUNCE_MS, STEP_MS, TIMEOUT_MS, self._stop)
                if isinstance(raw, str):  # "timeout", "stop" or "signal": look at the stop flag again
                    continue
                changed = with_new_folders_contents(path for _change, path in raw)
                paths = relevant_paths(self.root, changed)
                if paths:
                    self._on_paths(paths)
        except (OSError, RuntimeError) as error:  # the backend gave up (e.g. the watched folder went away)
            if not self._stop.is_set():
                self._on_failure(f"file events stopped: {error}")
        finally:
            self._notify.close()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)


def start_file_events(root: Path, on_paths: OnPaths, on_failure: OnFailure) -> FileEventSource:
    """A :data:`StartFileEvents` watching through ``watchfiles``."""
    return FileEvents(root, on_paths, on_failure)
