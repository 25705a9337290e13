"""How the app behaves, in one typed object: made by the CLI (defaults) and by the tests (lean).

``make_app(corpus, settings=Settings(watch_interval=None, extraction=False))`` gives an app that
neither polls the folder nor runs entity extraction — what most tests need, and much faster.
"""

from __future__ import annotations

import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from caseview.kernel.safefile import atomic_write_bytes

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


def default_state_file() -> Path:
    """``$XDG_STATE_HOME/caseview/session.json`` (``~/.local/state`` when the variable is not set)."""
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "caseview" / "session.json"


@dataclass(frozen=True)
class Settings:
    #: Seconds between looks at the corpus folder for changes made elsewhere; None: never look.
    watch_interval: float | None = DEFAULT_WATCH_INTERVAL_S
    #: Whether, after the first look, the folder is watched through the system's file events (inotify)
    #: rather than polled; polling remains the fallback when events cannot start.
    watch_events: bool = True
    #: Whether entities and events are extracted (the entities and events panes say so when not).
    extraction: bool = True
    gc_policy: GcPolicy = GcPolicy.FREEZE
    #: The user's key remapping file (binding id = "key[,key]"); None: no remapping.
    keymap_file: Path | None = field(default_factory=default_keymap_file)
    #: Where the theme and, per corpus, the open document and position are kept between runs
    #: (issue 13, bug 10); None: nothing is remembered.
    state_file: Path | None = field(default_factory=default_state_file)


@dataclass(frozen=True)
class Place:
    """What the app restores when it opens again: the theme, and in this corpus the document and offset."""

    theme: str | None = None
    document: str | None = None
    offset: int = 0


def _read_state(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}  # no file yet, or one we cannot read: start afresh (it only holds where the app was)
    return data if isinstance(data, dict) else {}


def read_place(path: Path | None, corpus: Path) -> Place:
    """The place remembered for ``corpus`` (nothing when there is no state file or it is damaged)."""
    if path is None:
        return Place()
    data = _read_state(path)
    theme = data.get("theme")
    corpora = data.get("corpora")
    here = corpora.get(str(corpus.resolve())) if isinstance(corpora, dict) else None
    document = here.get("document") if isinstance(here, dict) else None
    offset = here.get("offset") if isinstance(here, dict) else None
    return Place(
        theme=theme if isinstance(theme, str) else None,
        document=document if isinstance(document, str) else None,
        offset=offset if isinstance(offset, int) and not isinstance(offset, bool) and offset >= 0 else 0,
    )


def write_place(path: Path | None, corpus: Path, place: Place) -> None:
    """Remember ``place`` (the theme for every corpus, the document and offset for this one). A state
    file that cannot be written is left as it is: losing where the app was is no loss of work."""
    if path is None:
        return
    data = _read_state(path)
    if place.theme is not None:
        data["theme"] = place.theme
    corpora = data.get("corpora")
    corpora = dict(corpora) if isinstance(corpora, dict) else {}
    if place.document is not None:
        corpora[str(corpus.resolve())] = {"document": place.document, "offset": place.offset}
    data["corpora"] = corpora
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    except OSError:
        pass


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
