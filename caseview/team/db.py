"""Connecting to the team server, with one clear message when it cannot be reached."""

from __future__ import annotations

from typing import Any

import psycopg

from caseview.team.settings import TeamConfigError, redacted

#: A connection with psycopg's default rows (tuples).
Connection = psycopg.Connection[tuple[Any, ...]]
CONNECT_TIMEOUT_S = 5


class TeamUnavailable(Exception):
    """The team server could not be reached or refused the connection."""


def connect(url: str) -> Connection:
    """A connection to ``url`` (libpq finds credentials and TLS settings in its usual places).

    Autocommit: a read commits at once and every change runs in an explicit ``transaction()``
    block, so no transaction is ever left open by a plain query (which would turn the next
    ``transaction()`` into an uncommitted savepoint and hold back its notifications).
    """
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.OperationalError as error:
        raise TeamUnavailable(f"cannot reach the team server {redacted(url)}: {first_line(error)}") from None
    except psycopg.ProgrammingError as error:
        # libpq could not even parse it (an unknown option, a bad port): trying again will not help.
        raise TeamConfigError(f"not a usable team server URL {redacted(url)}: {first_line(error)}") from None


def first_line(error: Exception) -> str:
    """The first line of a libpq message, redacted (libpq may echo the connection string)."""
    text = str(error).strip()
    return redacted(text.splitlines()[0]) if text else "no answer"
