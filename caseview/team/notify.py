"""What other analysts changed, as it happens: LISTEN on the team server's change channel.

Every insert, update or delete of a record fires a notification (a trigger of the schema) with the
corpus, the kind of record, the document and the role that changed it. :class:`ChangeListener`
holds its own connection, so waiting never blocks the connection that writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
from psycopg import sql

from caseview.team.migrations import CHANNEL


@dataclass(frozen=True)
class TeamChange:
    """One record changed on the server by ``by`` (a PostgreSQL role)."""

    corpus: str
    kind: str
    doc: str
    by: str


class ChangeListener:
    """Notifications of changes to one corpus, from a dedicated autocommit connection."""

    def __init__(self, conninfo: str, corpus: str) -> None:
        self.corpus = corpus
        self.connection = psycopg.connect(conninfo, autocommit=True)
        self.connection.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANNEL)))

    def changes(self, timeout: float) -> Iterator[TeamChange]:
        """Changes announced within ``timeout`` seconds (stops at the first quiet ``timeout``)."""
        for notification in self.connection.notifies(timeout=timeout, stop_after=None):
            try:
                raw = json.loads(notification.payload)
                change = TeamChange(str(raw["corpus"]), str(raw["kind"]), str(raw["doc"]), str(raw["by"]))
            except (ValueError, KeyError, TypeError):
                continue  # not one of ours: ignore rather than fail the listener
            if change.corpus == self.corpus:
                yield change

    def close(self) -> None:
        self.connection.close()
