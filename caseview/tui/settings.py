"""How the app behaves, in one typed object: made by the CLI (defaults) and by the tests (lean).

``make_app(corpus, settings=Settings(watch_interval=None, extraction=False))`` gives an app that
neither polls the folder nor runs entity extraction — what most tests need, and much faster.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

#: How often, by default, the corpus folder is checked for other windows' changes.
DEFAULT_WATCH_INTERVAL_S = 1.5


class GcPolicy(StrEnum):
    """What the app does with Python's cyclic garbage collector while and after loading a corpus."""

    #: Pause it while loading workers run, then ``gc.freeze()`` what they made (it lives as long as the
    #: corpus is open; full collections over a million long-lived objects stalled the screen for seconds).
    FREEZE = "freeze"
    #: Leave the collector alone.
    LEAVE = "leave"


def default_keymap_file() -> Path:
    """``$XDG_CONFIG_HOME/caseview/keymap.toml`` (``~/.config`` when the variable is not set)."""
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "caseview" / "keymap.toml"


@dataclass(frozen=True)
class Settings:
    #: Seconds between looks at the corpus folder for changes made elsewhere; None: never look.
    watch_interval: float | None = DEFAULT_WATCH_INTERVAL_S
    #: Whether entities and events are extracted (the entities and events panes say so when not).
    extraction: bool = True
    gc_policy: GcPolicy = GcPolicy.FREEZE
    #: The user's key remapping file (binding id = "key[,key]"); None: no remapping.
    keymap_file: Path | None = field(default_factory=default_keymap_file)


@dataclass(frozen=True)
class KeymapFile:
    """A keymap read from a file: what can be applied, and one line per entry that cannot."""

    keymap: Mapping[str, str]
    problems: tuple[str, ...] = ()


def read_keymap(path: Path | None, known_ids: frozenset[str]) -> KeymapFile:
    """The remapping in ``path`` (a TOML table of binding id = "key[,key]"); a missing file is no remapping."""
    if path is None or not path.exists():
        return KeymapFile({})
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return KeymapFile({}, (f"{path}: cannot be read ({error}); the default keys are used",))
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in data.items():
        full_id = binding_id if binding_id.startswith("caseview.") else f"caseview.{binding_id}"
        if full_id not in known_ids:
            problems.append(f"{binding_id}: no such key binding (the ids are listed by ? as caseview.<name>)")
        elif not isinstance(keys, str) or not [key for key in keys.split(",") if key.strip()]:
            problems.append(f'{binding_id}: give the keys as a string, e.g. "ctrl+e" or "j,down"')
        else:
            keymap[full_id] = ",".join(key.strip() for key in keys.split(",") if key.strip())
    return KeymapFile(keymap, tuple(problems))
