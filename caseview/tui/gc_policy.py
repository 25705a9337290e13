"""What the app does with the cyclic garbage collector while a corpus loads (see :class:`GcPolicy`).

Loading 10,000 documents' rows and entities makes over a million long-lived objects, and each full
collection over them stops every thread, the UI's too, for up to two seconds. So, under
``GcPolicy.FREEZE``, the collector is off while any loading worker runs (there is little cyclic
garbage to miss), and afterwards everything alive is frozen (``gc.freeze``): it lives as long as the
corpus is open, and later collections need not scan it again. Frozen objects are still freed by
reference counting when dropped.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from caseview.tui.settings import GcPolicy


class CollectorPolicy:
    """``with policy.loading():`` around loading work; ``policy.freeze()`` after the UI took what it made."""

    def __init__(self, policy: GcPolicy) -> None:
        self.policy = policy
        self._lock = threading.Lock()
        self._running = 0
        self._collector_was_enabled = True

    @contextmanager
    def loading(self) -> Iterator[None]:
        if self.policy is not GcPolicy.FREEZE:
            yield
            return
        with self._lock:
            if self._running == 0:
                self._collector_was_enabled = gc.isenabled()
                gc.disable()
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                gc.freeze()
                if self._running == 0 and self._collector_was_enabled:
                    gc.enable()

    def freeze(self) -> None:
        if self.policy is GcPolicy.FREEZE:
            gc.freeze()
