"""Annotation records on the team server: the same records and merge rules as the sidecar files.

One row per annotation or tombstone, in the order of the document's file, with the JSON-LD item
as its body and the PostgreSQL role that wrote it as its creator. A change is merged exactly as
the file store merges it — :func:`caseview.annotations.merge.apply_change` on the document's
records, read under a row lock on the document — so "an edit beats a delete" and "two edits keep
both" hold the same on a server as on a disk. Row-level security is the wall behind the rule
that an analyst changes only their own records; a refused change is named, never half-applied.

Push and pull move records between the files and the server: a push followed by a pull writes
the same bytes caseview wrote, because both sides serialise through the same writer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from caseview.annotations.jsonld import (
    AnnotationFile,
    Tombstone,
    annotation_from_jsonld,
    annotation_to_jsonld,
    format_time,
    parse_time,
)
from caseview.annotations.merge import Change, Delete, Outcome, Put, apply_change
from caseview.annotations.model import Annotation
from caseview.annotations.store import AnnotationStore, serialise, sidecar_path
from caseview.kernel.safefile import atomic_write_bytes
from caseview.team.db import Connection

_encode = json.JSONEncoder(ensure_ascii=False).encode


class TeamPermissionError(Exception):
    """A change of another analyst's record, refused by the server's row-level security."""


@dataclass(frozen=True)
class DocumentKey:
    """How the server knows a document: its path relative to the corpus root and its text's hash."""

    rel_path: str
    sha256: str


@dataclass(frozen=True)
class PushReport:
    documents: int
    records: int
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class PullReport:
    written: tuple[str, ...]
    unchanged: int
    unmatched: tuple[str, ...]


def _tombstone_body(tombstone: Tombstone) -> str:
    return _encode(
        {"id": tombstone.id, "cv:rev": tombstone.rev, "deleted": format_time(tombstone.deleted), "by": tombstone.by}
    )


def _tombstone_from_body(body: str) -> Tombstone:
    raw = json.loads(body)
    return Tombstone(id=raw["id"], rev=raw["cv:rev"], deleted=parse_time(raw["deleted"], "deleted"), by=raw["by"])


def _records(content: AnnotationFile) -> list[tuple[str, str, str]]:
    """(annotation id, record kind, body) of every record of a file, in file order."""
    rows = [(a.id, "annotation", _encode(annotation_to_jsonld(a))) for a in content.annotations]
    rows += [(t.id, "tombstone", _tombstone_body(t)) for t in content.tombstones]
    return rows


def _file_from_rows(rel_path: str, schema_version: int, rows: Sequence[tuple[object, ...]]) -> AnnotationFile:
    annotations: list[Annotation] = []
    tombstones: list[Tombstone] = []
    for kind, body in rows:
        if kind == "annotation":
            annotations.append(annotation_from_jsonld(json.loads(str(body))))
        else:
            tombstones.append(_tombstone_from_body(str(body)))
    return AnnotationFile(
        doc_id=rel_path, schema_version=schema_version, annotations=tuple(annotations), tombstones=tuple(tombstones)
    )


def change_record_id(change: Change) -> str:
    return change.annotation.id if isinstance(change, Put) else change.annotation_id


class TeamAnnotations:
    """The annotation records of one corpus on a team server, through one connection."""

    def __init__(self, connection: Connection, corpus: str) -> None:
        self.connection = connection
        self.corpus = corpus

    # -- reading ---------------------------------------------------------------------------------
    def load(self, rel_path: str) -> AnnotationFile:
        """The document's annotations as the server has them (empty when it has none)."""
        return self._load(rel_path, lock=False)

    def _load(self, rel_path: str, *, lock: bool) -> AnnotationFile:
        document = self.connection.execute(
            "SELECT schema_version FROM team_documents WHERE corpus = %s AND rel_path = %s"
            + (" FOR UPDATE" if lock else ""),
            (self.corpus, rel_path),
        ).fetchone()
        if document is None:
            return AnnotationFile(doc_id=rel_path)
        rows = self.connection.execute(
            "SELECT record_kind, body FROM team_annotations WHERE corpus = %s AND rel_path = %s ORDER BY position",
            (self.corpus, rel_path),
        ).fetchall()
        return _file_from_rows(rel_path, int(document[0]), rows)

    def owners(self, rel_path: str) -> dict[str, str]:
        """The role that created each record of the document (only that role may change it)."""
        rows = self.connection.execute(
            "SELECT annotation_id, creator FROM team_annotations WHERE corpus = %s AND rel_path = %s",
            (self.corpus, rel_path),
        ).fetchall()
        return {str(record_id): str(creator) for record_id, creator in rows}

    def role(self) -> str:
        """The PostgreSQL role this connection acts as: the creator of what it writes."""
        row = self.connection.execute("SELECT current_user").fetchone()
        return str(row[0]) if row else ""

    def documents(self) -> list[DocumentKey]:
        rows = self.connection.execute(
            "SELECT rel_path, sha256 FROM team_documents WHERE corpus = %s ORDER BY rel_path", (self.corpus,)
        ).fetchall()
        return [DocumentKey(str(path), str(sha)) for path, sha in rows]

    # -- changing ---------------------------------------------------------------------------------
    def apply(self, document: DocumentKey, changes: Sequence[Change]) -> list[Outcome]:
        """Merge ``changes`` into the document's records in one transaction, as the file store would.

        Only the records the changes name are read (under a lock on the document's row), so a
        change costs the same on a document with ten annotations as on one with ten thousand.
        """
        ids = sorted({change_record_id(change) for change in changes})
        with self.connection.transaction():
            self._ensure_document(document, schema_version=None)
            self.connection.execute(
                "SELECT 1 FROM team_documents WHERE corpus = %s AND rel_path = %s FOR UPDATE",
                (self.corpus, document.rel_path),
            )
            before = self._load_records(document.rel_path, ids)
            content = before
            outcomes = []
            for change in changes:
                content, outcome = apply_change(content, change)
                outcomes.append(outcome)
            if content != before:
                self._write(document.rel_path, before, content)
                self._audit("annotations", {"doc": document.rel_path, "outcomes": [o.kind for o in outcomes]})
        return outcomes

    def _load_records(self, rel_path: str, ids: Sequence[str]) -> AnnotationFile:
        rows = self.connection.execute(
            "SELECT record_kind, body FROM team_annotations WHERE corpus = %s AND rel_path = %s"
            " AND annotation_id = ANY(%s) ORDER BY position",
            (self.corpus, rel_path, list(ids)),
        ).fetchall()
        return _file_from_rows(rel_path, 1, rows)

    def _ensure_document(self, document: DocumentKey, schema_version: int | None) -> None:
        self.connection.execute(
            """INSERT INTO team_documents (corpus, rel_path, sha256, schema_version)
               VALUES (%s, %s, %s, COALESCE(%s, (SELECT max(version) FROM caseview_schema), 1))
               ON CONFLICT (corpus, rel_path) DO UPDATE
               SET sha256 = CASE WHEN EXCLUDED.sha256 <> '' THEN EXCLUDED.sha256 ELSE team_documents.sha256 END""",
            (self.corpus, document.rel_path, document.sha256, schema_version),
        )

    def _write(self, rel_path: str, before: AnnotationFile, after: AnnotationFile) -> None:
        """Write the records that differ; refuse another analyst's record by name.

        A record keeps its place in the file unless it turns from annotation into tombstone (or
        back), which, as in the file store, moves it to the end.
        """
        old = {record_id: (kind, body) for record_id, kind, body in _records(before)}
        row = self.connection.execute(
            "SELECT COALESCE(max(position), -1) FROM team_annotations WHERE corpus = %s AND rel_path = %s",
            (self.corpus, rel_path),
        ).fetchone()
        next_position = int(row[0]) + 1 if row else 0
        for record_id, kind, body in _records(after):
            previous = old.get(record_id)
            if previous == (kind, body):
                continue
            moved = previous is None or previous[0] != kind
            cursor = self.connection.execute(
                """INSERT INTO team_annotations (corpus, annotation_id, rel_path, position, record_kind, body)
                   VALUES (%s, %s, %s, %s, %s, %s)
                   ON CONFLICT (corpus, annotation_id) DO UPDATE
                   SET record_kind = EXCLUDED.record_kind, body = EXCLUDED.body, changed_at = now(),
                       position = CASE WHEN %s THEN EXCLUDED.position ELSE team_annotations.position END
                   WHERE team_annotations.creator = current_user""",
                (self.corpus, record_id, rel_path, next_position, kind, body, moved),
            )
            if moved:
                next_position += 1
            if cursor.rowcount == 0:
                owner = self.connection.execute(
                    "SELECT creator FROM team_annotations WHERE corpus = %s AND annotation_id = %s",
                    (self.corpus, record_id),
                ).fetchone()
                raise TeamPermissionError(
                    f"annotation {record_id} belongs to {owner[0] if owner else 'another analyst'}; "
                    "only they can change or delete it"
                )

    def _audit(self, action: str, detail: dict[str, object]) -> None:
        self.connection.execute(
            "INSERT INTO team_audit (corpus, action, detail) VALUES (%s, %s, %s::jsonb)",
            (self.corpus, action, json.dumps(detail)),
        )

    # -- files ↔ server ---------------------------------------------------------------------------
    def push(self, root: Path, documents: Iterable[DocumentKey], store: AnnotationStore) -> PushReport:
        """Upload every sidecar of ``documents`` found under ``root``, merged with what the server has
        (an annotation both sides changed keeps both versions; a local delete of a version edited on
        the server is not applied). A document whose merge would change another analyst's record is
        left as it is on the server and named in ``skipped``."""
        pushed = records = 0
        skipped: list[str] = []
        for document in documents:
            path = sidecar_path(root / document.rel_path)
            if not path.is_file():
                continue
            content = store.load(path, document.rel_path).content
            try:
                with self.connection.transaction():
                    if self._push_one(document, content):
                        pushed += 1
                        records += len(content.annotations) + len(content.tombstones)
            except TeamPermissionError as error:
                skipped.append(f"{document.rel_path}: {error}")
        return PushReport(pushed, records, tuple(skipped))

    def _push_one(self, document: DocumentKey, content: AnnotationFile) -> bool:
        self._ensure_document(document, content.schema_version)
        before = self._load(document.rel_path, lock=True)
        merged = before
        for annotation in content.annotations:
            merged, _ = apply_change(merged, Put(annotation, base_rev=None))
        for tombstone in content.tombstones:
            if merged.get(tombstone.id) is not None:
                merged, _ = apply_change(
                    merged, Delete(tombstone.id, base_rev=tombstone.rev, by=tombstone.by, at=tombstone.deleted)
                )
            elif merged.tombstone(tombstone.id) is None:
                merged = merged.model_copy(update={"tombstones": (*merged.tombstones, tombstone)})
        if merged == before:
            return False
        self._write(document.rel_path, before, merged)
        self._audit("push", {"doc": document.rel_path})
        return True

    def pull(self, root: Path, local: dict[str, str]) -> PullReport:
        """Write each document's records back to its sidecar under ``root``.

        ``local`` maps the relative path of every document of this copy of the corpus to its text's
        hash: a server document is matched by its path when that path exists here, else by its hash
        (the same text at another path), else it is reported unmatched.
        """
        by_hash: dict[str, str] = {}
        for rel_path, sha256 in sorted(local.items()):
            by_hash.setdefault(sha256, rel_path)
        written: list[str] = []
        unchanged = 0
        unmatched: list[str] = []
        for document in self.documents():
            target = document.rel_path if document.rel_path in local else by_hash.get(document.sha256)
            if target is None:
                unmatched.append(document.rel_path)
                continue
            content = self.load(document.rel_path).model_copy(update={"doc_id": target})
            data = serialise(content)
            path = sidecar_path(root / target)
            try:
                if path.read_bytes() == data:
                    unchanged += 1
                    continue
            except OSError:
                pass
            atomic_write_bytes(path, data)
            written.append(target)
        return PullReport(tuple(written), unchanged, tuple(unmatched))
