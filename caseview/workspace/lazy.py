"""A part made on first use: the workspace's services are built (and their modules imported) when asked for.

See ARCHITECTURE.md, "Start-up": a ``caseview search`` on a warm index must not pay for importing
the extraction, the cases, the exports or the team code it never calls.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar, cast

T = TypeVar("T")


class Lazy(Generic[T]):
    """``build()``'s value, made on the first :meth:`get` and kept; made once even when the TUI's
    worker threads ask at the same moment (a second service would split the session's state)."""

    __slots__ = ("_build", "_lock", "_made", "_value")

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._made = False
        self._value: T | None = None

    def get(self) -> T:
        if not self._made:
            with self._lock:
                if not self._made:
                    self._value = self._build()
                    self._made = True
        # Set before _made, under the lock: a thread that sees _made sees the value.
        return cast(T, self._value)

    @property
    def made(self) -> bool:
        """Whether the part has been made (for tests and for "close what was opened")."""
        return self._made
