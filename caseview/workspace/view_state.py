"""How the analyst left the app's layout on this corpus (the column split): ``.caseview/view-state.json``.

Not the analyst's work: a missing or unreadable file is the default layout, never an error, and it
lives with the derived data. Values are whole numbers by name (``sources_width``: percent).
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from caseview.kernel.safefile import atomic_write_bytes

VIEW_STATE_FILE = "view-state.json"


class ViewState:
    """Named whole numbers remembered for one corpus folder."""

    def __init__(self, derived_dir: Path) -> None:
        self.path = Path(derived_dir) / VIEW_STATE_FILE
        self._lock = threading.Lock()

    def _read(self) -> dict[str, int]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool)}

    def get(self, name: str, default: int) -> int:
        return self._read().get(name, default)

    def set(self, name: str, value: int) -> None:
        """Remember ``value``; a folder that cannot be written is no reason to stop the analyst."""
        with self._lock:
            state = self._read()
            state[name] = value
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_bytes(self.path, (json.dumps(state, indent=2, sort_keys=True) + "\n").encode("utf-8"))
            except OSError:
                pass
