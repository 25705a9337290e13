"""Case files, entity corrections and document metadata on the team server (schema version 3).

One row per file (``team_files``, the lock a change takes and the bytes last written) and one row
per record (``team_records``, with its creator): see :mod:`caseview.team.records` for what a record
is and how two versions merge. A change is an *exchange*: this folder's version and the version
last agreed go up, the merged version (under a row lock on the file, so two analysts' changes are
merged one after the other) is written as records and comes back. Records another analyst created
are never changed by it: their server version stays, and the exchange names them as refused.

Records that came with the corpus are no one's (schema version 6): the records of a document's
``.meta.json`` as a folder held it when it first met the server (no version agreed yet, sent by a
push, a sync or an app connecting — not right after the analyst wrote it) are written with
``origin = 'corpus'``, and any analyst may change them — the change is then that analyst's
record, merged as usual. Otherwise the first analyst to connect would own every seed date.

A metadata file is matched by its path and, failing that, by the hash of the document it describes
(``doc_sha256``, schema version 7), as annotations are: an analyst whose copy of the corpus keeps a
document at another path reads and changes the same records. The hash is attached to a file by the
first exchange or pull that knows its document (files of versions 3 to 6 have none until then).
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


#: Who may change a record that came with the corpus (never a role's name: those are identifiers).
ANYONE = ""


def _mine(owner: str, me: str) -> bool:
    return owner in (me, ANYONE)


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

    def document_hashes(self) -> dict[str, str]:
        """Each metadata file's name → the hash of its document, where one is known."""
        rows = self.connection.execute(
            "SELECT name, doc_sha256 FROM team_files WHERE corpus = %s AND store = 'meta' AND doc_sha256 IS NOT NULL",
            (self.corpus,),
        ).fetchall()
        return {str(name): str(sha) for name, sha in rows}

    def server_name(self, store: Store, name: str, doc_sha256: str | None) -> str:
        """The server's name for a local file: the same path when the server has it, else the
        metadata file of the same document (by hash) under the path another analyst gave it."""
        if store != "meta" or not doc_sha256:
            return name
        rows = self.connection.execute(
            "SELECT name FROM team_files WHERE corpus = %s AND store = 'meta' AND (name = %s OR doc_sha256 = %s)"
            " ORDER BY name <> %s, name LIMIT 1",
            (self.corpus, name, doc_sha256, name),
        ).fetchall()
        return str(rows[0][0]) if rows else name

    def attach_hash(self, store: Store, name: str, doc_sha256: str | None) -> None:
        """Record the hash of the document a metadata file describes, if the server has none yet."""
        if store == "meta" and doc_sha256:
            self.connection.execute(
                "UPDATE team_files SET doc_sha256 = %s WHERE corpus = %s AND store = %s AND name = %s"
                " AND doc_sha256 IS NULL",
                (doc_sha256, self.corpus, store, name),
            )

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
        """(record id, body, who may change it): the creator, or :data:`ANYONE` for a corpus record."""
        rows = self.connection.execute(
            "SELECT record_id, body, CASE WHEN origin = 'corpus' THEN NULL ELSE creator END FROM team_records"
            " WHERE corpus = %s AND store = %s AND name = %s ORDER BY position, record_id",
            (self.corpus, store, name),
        ).fetchall()
        return [(str(a), str(b), ANYONE if c is None else str(c)) for a, b, c in rows]

    def exchange(
        self,
        store: Store,
        name: str,
        base: bytes | None,
        mine: bytes | None,
        doc_sha256: str | None = None,
        *,
        found: bool = False,
    ) -> Exchanged:
        """Merge this folder's version (``mine``, changed from ``base``) into the server's, in one transaction.

        ``name`` is the server's name of the file; ``doc_sha256`` the hash of the document a metadata
        file describes, when known (attached to the file if the server has none). ``found``: the
        file is sent as the folder holds it (a push, a sync, an app connecting), not right after
        the analyst changed it — so a metadata file never agreed with the server is the corpus's."""
        with self.connection.transaction():
            self.connection.execute(
                "INSERT INTO team_files (corpus, store, name) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                (self.corpus, store, name),
            )
            self.attach_hash(store, name, doc_sha256)
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
            server = {record_id: (body, owner) for record_id, body, owner in self._rows(store, name)}
            wanted = flatten(merged)
            final: list[Record] = []
            refused: list[str] = []
            for record in wanted:
                held = server.get(record.id)
                if held is not None and held[0] != record.body and not _mine(held[1], me):
                    refused.append(f"{record.id} belongs to {held[1]}")
                    final.append(Record(record.id, held[0]))
                else:
                    final.append(record)
            kept = {record.id for record in final}
            for record_id, (body, owner) in server.items():
                if record_id not in kept and not _mine(owner, me):
                    refused.append(f"{record_id} belongs to {owner}")
                    final.append(Record(record_id, body))
            # A metadata file this folder never agreed with the server: its records as the corpus has them.
            origin = "corpus" if found and store == "meta" and base is None else "analyst"
            self._write(store, name, server, final, me, origin)
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

    def _write(
        self, store: Store, name: str, server: dict[str, tuple[str, str]], final: list[Record], me: str, origin: str
    ) -> None:
        for position, record in enumerate(final):
            held = server.get(record.id)
            if held is not None and not _mine(held[1], me):
                continue  # another analyst's record: never written by this one (row-level security agrees)
            # A new record takes ``origin``; a changed one becomes this analyst's (a corpus record
            # moved to another place in its file stays the corpus's).
            self.connection.execute(
                """INSERT INTO team_records (corpus, store, name, record_id, position, body, origin)
                   VALUES (%s, %s, %s, %s, %s, %s, %s)
                   ON CONFLICT (corpus, store, name, record_id) DO UPDATE
                   SET body = EXCLUDED.body, position = EXCLUDED.position, changed_at = now(),
                       creator = CASE WHEN team_records.body = EXCLUDED.body THEN team_records.creator
                                      ELSE current_user END,
                       origin = CASE WHEN team_records.body = EXCLUDED.body THEN team_records.origin
                                     ELSE 'analyst' END
                   WHERE (team_records.creator = current_user OR team_records.origin = 'corpus')
                     AND (team_records.body, team_records.position)
                         IS DISTINCT FROM (EXCLUDED.body, EXCLUDED.position)""",
                (self.corpus, store, name, record.id, position, record.body, origin),
            )
        gone = [record_id for record_id, (_, owner) in server.items() if _mine(owner, me)]
        keep = {record.id for record in final}
        for record_id in gone:
            if record_id not in keep:
                self.connection.execute(
                    "DELETE FROM team_records WHERE corpus = %s AND store = %s AND name = %s AND record_id = %s",
                    (self.corpus, store, name, record_id),
                )
