"""Who is annotating: ``CASEVIEW_CREATOR``, else ``creator`` in the user's caseview config, else the login."""

from __future__ import annotations

import getpass
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from caseview.annotations.model import Creator

ENV_VAR = "CASEVIEW_CREATOR"


def config_file() -> Path:
    """``config.toml`` in the per-user config folder (e.g. ``~/.config/caseview/config.toml``)."""
    return platformdirs.user_config_path("caseview") / "config.toml"


def configured_creator(environ: Mapping[str, str] | None = None) -> Creator:
    """The analyst's name, from configuration when set, else the login name ("unknown" if none)."""
    environ = os.environ if environ is None else environ
    name = environ.get(ENV_VAR, "").strip()
    if not name:
        name = _name_from_config(config_file())
    if not name:
        try:
            name = getpass.getuser().strip()
        except (OSError, KeyError, ImportError):
            name = ""
    return Creator(name=name or "unknown")


def _name_from_config(path: Path) -> str:
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""
    value = settings.get("creator")
    return value.strip() if isinstance(value, str) else ""
