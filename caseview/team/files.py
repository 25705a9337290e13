"""Case files, entity corrections and document metadata on the team server (schema version 3).

One row per file (``team_files``, the lock a change takes and the bytes last written) and one row
per record (``team_records``, with its creator): see :mod:`caseview.team.records` for what a record
is and how two versions merge. A change is an *exchange*: this folder's version and the version
last agreed go up, the merged version (under a row lock on the file, so two analysts' changes are
merged one after the other) is written as records and comes back. Records another analyst created
are never changed by it: their server version stays, and the exchange names them as refused.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from caseview.team.db import Connection
from caseview.team.records import Record, Store, assemble, flatten, merge


@dataclass(frozen=True)
class Exchanged:
    """The file as the server now holds it (None: neither side has it) and what it refused."""

    raw: bytes | None
    refused: tuple[str, ...] = ()


class TeamFiles:
    """Case files, corrections and document metadata of one corpus on a team server."""

    def __init__(self, connection: Connection, corpus: str) -> None:
        self.connection = connection
        self.corpus = corpus

    def names(self) -> list[tuple[Store, str]]:
        rows = self.connection.execute(
            "SELECT store, name FROM team_files WHERE corpus = %s AND raw <> '' ORDER BY store, name", (self.corpus,)
        ).fetchall()
        return [(row[0], str(row[1])) for row in rows]

    def load(self, store: Store, name: str) -> bytes | None:
        """The file as the server holds it: the bytes last written when they still match its records."""
        raw_row = self.connection.execute(
            "SELECT raw FROM team_files WHERE corpus = %s AND store = %s AND name = %s", (self.corpus, store, name)
        ).fetchone()
        rows = self._rows(store, name)
        if not rows:
            return None
        records = [Record(record_id, body) for record_id, body, _ in rows]
        if raw_row and raw_row[0]:
            raw = str(raw_row[0]).encode("utf-8")
            try:
                if flatten(raw) == records:
                    return raw
            except ValueError:
                pass
        return assemble(records)

    def _rows(self, store: Store, name: str) -> list[tuple[str, str, str]]:
        rows = self.connection.execute(
            "SELECT record_id, body, creator FROM team_records WHERE corpus = %s AND store = %s AND name = %s"
            " ORDER BY position, record_id",
            (self.corpus, store, name),
        ).fetchall()
        return [(str(a), str(b), str(c)) for a, b, c in rows]

    def exchange(self, store: Store, name: str, base: bytes | None, mine: bytes | None) -> Exchanged:
        """Merge this folder's version (``mine``, changed from ``base``) into the server's, in one transaction."""
        with self.connection.transaction():
            self.connection.execute(
                "INSERT INTO team_files (corpus, store, name) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                (self.corpus, store, name),
            )
            self.connection.execute(
                "SELECT 1 FROM team_files WHERE corpus = %s AND store = %s AND name = %s FOR UPDATE",
                (self.corpus, store, name),
            )
            theirs = self.load(store, name)
            merged = merge(store, base, mine, theirs)
            if merged is None or merged == theirs:
                return Exchanged(theirs)
            role = self.connection.execute("SELECT current_user").fetchone()
            me = str(role[0]) if role else ""
            server = {record_id: (body, creator) for record_id, body, creator in self._rows(store, name)}
            wanted = flatten(merged)
            final: list[Record] = []
            refused: list[str] = []
            for record in wanted:
                held = server.get(record.id)
                if held is not None and held[0] != record.body and held[1] != me:
                    refused.append(f"{record.id} belongs to {held[1]}")
                    final.append(Record(record.id, held[0]))
                else:
                    final.append(record)
            kept = {record.id for record in final}
            for record_id, (body, creator) in server.items():
                if record_id not in kept and creator != me:
                    refused.append(f"{record_id} belongs to {creator}")
                    final.append(Record(record_id, body))
            self._write(store, name, server, final, me)
            raw = merged if not refused else assemble(final)
            self.connection.execute(
                "UPDATE team_files SET raw = %s WHERE corpus = %s AND store = %s AND name = %s",
                (raw.decode("utf-8"), self.corpus, store, name),
            )
            self.connection.execute(
                "INSERT INTO team_audit (corpus, action, detail) VALUES (%s, %s, %s::jsonb)",
                (self.corpus, store, json.dumps({"file": name, "refused": refused})),
            )
        return Exchanged(raw, tuple(refused))

    def _write(self, store: Store, name: str, server: dict[str, tuple[str, str]], final: list[Record], me: str) -> None:
        for position, record in enumerate(final):
            held = server.get(record.id)
            if held is not None and held[1] != me:
                continue  # another analyst's record: never written by this one (row-level security agrees)
            self.connection.execute(
                """INSERT INTO team_records (corpus, store, name, record_id, position, body)
                   VALUES (%s, %s, %s, %s, %s, %s)
                   ON CONFLICT (corpus, store, name, record_id) DO UPDATE
                   SET body = EXCLUDED.body, position = EXCLUDED.position, changed_at = now()
                   WHERE team_records.creator = current_user
                     AND (team_records.body, team_records.position)
                         IS DISTINCT FROM (EXCLUDED.body, EXCLUDED.position)""",
                (self.corpus, store, name, record.id, position, record.body),
            )
        gone = [record_id for record_id, (_, creator) in server.items() if creator == me]
        keep = {record.id for record in final}
        for record_id in gone:
            if record_id not in keep:
                self.connection.execute(
                    "DELETE FROM team_records WHERE corpus = %s AND store = %s AND name = %s AND record_id = %s",
                    (self.corpus, store, name, record_id),
                )
