"""Which team server to use, and how to name it without leaking credentials.

Credentials come from libpq's usual places (``~/.pgpass``, ``PGPASSWORD``, a service file,
``PGSSLMODE`` and the other ``PG*`` variables); caseview never writes them, and every message that
names the server goes through :func:`redacted`.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

#: The small per-corpus configuration file that may name the team server.
CONFIG_FILE = "caseview.toml"
ENVIRONMENT_VARIABLE = "CASEVIEW_TEAM_URL"
#: The corpus's name on the server when ``caseview.toml`` gives none: every analyst's copy of one
#: corpus must use the same name (their folders may be called anything), so it never derives from a path.
DEFAULT_CORPUS = "default"
# Any scheme: a mistyped one (mysql://, postgre://) must not bring its password into a message.
_PASSWORD_IN_URL = re.compile(r"(?P<head>\b[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:)(?P<password>[^@\s]*)(?P<tail>@)")
_PASSWORD_IN_DSN = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<password>'[^']*'|\S+)")


class TeamConfigError(Exception):
    """The team server setting cannot be used (unreadable config file, not a PostgreSQL URL)."""


@dataclass(frozen=True)
class TeamSettings:
    """Which server a corpus folder works with, and the corpus's name there."""

    url: str
    corpus: str

    @property
    def shown(self) -> str:
        """The server as messages name it (no password)."""
        return redacted(self.url)


def redacted(url: str) -> str:
    """``url`` with any password replaced by ``***``, fit for a message or a log."""
    url = _PASSWORD_IN_URL.sub(lambda m: f"{m['head']}***{m['tail']}", url)
    return _PASSWORD_IN_DSN.sub(lambda m: f"{m['head']}***", url)


def team_url(corpus: Path, explicit: str | None = None) -> str | None:
    """The team server for ``corpus``: ``--team``, else ``$CASEVIEW_TEAM_URL``, else ``caseview.toml``'s
    ``team`` entry, else ``None`` (the files beside the documents, no server)."""
    url = explicit or os.environ.get(ENVIRONMENT_VARIABLE) or _configured(corpus)
    if url is None:
        return None
    if not (url.startswith(("postgresql://", "postgres://")) or "=" in url):
        raise TeamConfigError(f"not a PostgreSQL connection string: {redacted(url)!r} (expected postgresql://…)")
    return url


def team_settings(corpus: Path, explicit: str | None = None) -> TeamSettings | None:
    """The server and the corpus's name on it, or ``None`` when no team server is configured."""
    url = team_url(corpus, explicit)
    if url is None:
        return None
    return TeamSettings(url=url, corpus=corpus_name(corpus))


def corpus_name(corpus: Path) -> str:
    """``caseview.toml``'s ``corpus`` entry, else :data:`DEFAULT_CORPUS`."""
    value = _config_entry(corpus, "corpus")
    return value.strip() if value and value.strip() else DEFAULT_CORPUS


def _configured(corpus: Path) -> str | None:
    return _config_entry(corpus, "team")


def _config_entry(corpus: Path, key: str) -> str | None:
    path = corpus / CONFIG_FILE
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise TeamConfigError(f"{path}: cannot be read ({redacted(str(error))})") from None
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise TeamConfigError(f"{path}: {key!r} must be a string")
    return value
