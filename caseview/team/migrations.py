"""The team schema, as numbered migrations applied in order by ``caseview team init``.

Each migration runs in its own transaction and records itself in ``caseview_schema``; a database
whose schema is newer than this caseview knows is refused with a clear message, never written.

Who may do what is part of the schema: analysts are members of the role ``caseview_analyst``;
row-level security lets each read every record but insert, change and delete only the ones they
created (and the records that came with the corpus, migration 6); the audit log can be appended to
and read, never changed, by everyone but its owner.
"""

from __future__ import annotations

from dataclasses import dataclass

from psycopg import sql

from caseview.team.db import Connection

ANALYST_ROLE = "caseview_analyst"
#: The channel on which every change is announced (see :mod:`caseview.team.notify`).
CHANNEL = "caseview_changes"


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


#: Every indexed document's title, outlet, note, tag and entity words, counted per document: what
#: ``team_search_terms`` holds for those fields (migration 4 fills it from this for documents
#: indexed before it).
SHORT_FIELD_WORDS = """SELECT corpus, field, term, count(*) FROM (
    SELECT corpus, 'title' AS field, unnest(tsvector_to_array(title_vec)) AS term FROM team_search_docs
    UNION ALL
    SELECT corpus, 'outlet', unnest(tsvector_to_array(outlet_vec)) FROM team_search_docs
    UNION ALL
    SELECT corpus, 'note', unnest(tsvector_to_array(note_vec)) FROM team_search_docs
    UNION ALL
    SELECT corpus, 'tag', unnest(tags) FROM team_search_docs
    UNION ALL
    SELECT corpus, 'entity', unnest(entities) FROM team_search_docs
) words GROUP BY corpus, field, term"""


#: The search tables' GIN indexes (name, definition): made by migration 2, dropped and built again
#: around a bulk load by the functions of migration 5.
SEARCH_INDEXES = (
    ("team_search_chunks_body", "team_search_chunks USING gin (body_vec)"),
    ("team_search_chunks_exact", "team_search_chunks USING gin (exact_vec)"),
    ("team_search_docs_title", "team_search_docs USING gin (title_vec)"),
    ("team_search_docs_tags", "team_search_docs USING gin (tags)"),
    ("team_search_docs_entities", "team_search_docs USING gin (entities)"),
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "annotation records, documents, audit log, row-level security, change notifications",
        (
            """CREATE TABLE team_documents (
                corpus text NOT NULL,
                rel_path text NOT NULL,
                sha256 text NOT NULL,
                -- The annotation file's schema version (its other top-level fields derive from the path).
                schema_version integer NOT NULL,
                PRIMARY KEY (corpus, rel_path)
            )""",
            "CREATE INDEX team_documents_by_hash ON team_documents (corpus, sha256)",
            """CREATE TABLE team_annotations (
                corpus text NOT NULL,
                annotation_id text NOT NULL,
                rel_path text NOT NULL,
                -- Order within the document's file, so a pull writes the file a push read.
                position bigint NOT NULL,
                -- 'annotation' or 'tombstone'; body is its JSON-LD item as the file holds it.
                record_kind text NOT NULL CHECK (record_kind IN ('annotation', 'tombstone')),
                body text NOT NULL,
                creator name NOT NULL DEFAULT current_user,
                changed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (corpus, annotation_id),
                FOREIGN KEY (corpus, rel_path) REFERENCES team_documents (corpus, rel_path)
            )""",
            "CREATE INDEX team_annotations_by_document ON team_annotations (corpus, rel_path, position)",
            """CREATE TABLE team_audit (
                id bigserial PRIMARY KEY,
                corpus text NOT NULL,
                at timestamptz NOT NULL DEFAULT now(),
                actor name NOT NULL DEFAULT current_user,
                action text NOT NULL,
                detail jsonb NOT NULL DEFAULT '{}'::jsonb
            )""",
            f"""CREATE FUNCTION team_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE changed record;
                BEGIN
                    changed := COALESCE(NEW, OLD);
                    PERFORM pg_notify('{CHANNEL}', json_build_object(
                        'corpus', changed.corpus, 'kind', TG_ARGV[0], 'doc', changed.rel_path,
                        'by', current_user)::text);
                    RETURN NULL;
                END $$""",
            """CREATE TRIGGER team_annotations_notify AFTER INSERT OR UPDATE OR DELETE ON team_annotations
                FOR EACH ROW EXECUTE FUNCTION team_notify_change('annotation')""",
            "ALTER TABLE team_annotations ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY team_annotations_read ON team_annotations FOR SELECT USING (true)",
            """CREATE POLICY team_annotations_insert ON team_annotations FOR INSERT
                WITH CHECK (creator = current_user)""",
            """CREATE POLICY team_annotations_update ON team_annotations FOR UPDATE
                USING (creator = current_user) WITH CHECK (creator = current_user)""",
            "CREATE POLICY team_annotations_delete ON team_annotations FOR DELETE USING (creator = current_user)",
            "ALTER TABLE team_audit ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY team_audit_read ON team_audit FOR SELECT USING (true)",
            "CREATE POLICY team_audit_append ON team_audit FOR INSERT WITH CHECK (actor = current_user)",
        ),
    ),
    Migration(
        2,
        "full-text search: documents, chunks of their words as tsvectors, the word list for expansions",
        (
            "CREATE EXTENSION IF NOT EXISTS fuzzystrmatch",
            """CREATE TABLE team_search_docs (
                corpus text NOT NULL,
                doc_id text NOT NULL,
                sha256 text NOT NULL,
                title text NOT NULL DEFAULT '',
                outlet text,
                published date,
                tags text[] NOT NULL DEFAULT '{}',
                entities text[] NOT NULL DEFAULT '{}',
                title_vec tsvector NOT NULL DEFAULT ''::tsvector,
                outlet_vec tsvector NOT NULL DEFAULT ''::tsvector,
                note_vec tsvector NOT NULL DEFAULT ''::tsvector,
                PRIMARY KEY (corpus, doc_id)
            )""",
            """CREATE TABLE team_search_chunks (
                corpus text NOT NULL,
                doc_id text NOT NULL,
                chunk integer NOT NULL,
                body_vec tsvector NOT NULL,
                exact_vec tsvector NOT NULL,
                PRIMARY KEY (corpus, doc_id, chunk),
                FOREIGN KEY (corpus, doc_id) REFERENCES team_search_docs (corpus, doc_id) ON DELETE CASCADE
            )""",
            *(f"CREATE INDEX {name} ON {definition}" for name, definition in SEARCH_INDEXES),
            """CREATE TABLE team_search_terms (
                corpus text NOT NULL,
                term text NOT NULL,
                docs integer NOT NULL,
                PRIMARY KEY (corpus, term)
            )""",
        ),
    ),
    Migration(
        3,
        "case files, entity corrections and document metadata as records, with row-level security",
        (
            """CREATE TABLE team_files (
                corpus text NOT NULL,
                store text NOT NULL CHECK (store IN ('case', 'entities', 'meta')),
                -- The file's path relative to the corpus root ('case.json', 'a.txt.meta.json').
                name text NOT NULL,
                -- The bytes last written, so a pull gives back exactly what a push read.
                raw text NOT NULL DEFAULT '',
                PRIMARY KEY (corpus, store, name)
            )""",
            """CREATE TABLE team_records (
                corpus text NOT NULL,
                store text NOT NULL,
                name text NOT NULL,
                -- 'items/<id>' for a record of a list, else the top-level key ('header', 'date').
                record_id text NOT NULL,
                position bigint NOT NULL,
                body text NOT NULL,
                creator name NOT NULL DEFAULT current_user,
                changed_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (corpus, store, name, record_id),
                FOREIGN KEY (corpus, store, name) REFERENCES team_files (corpus, store, name)
            )""",
            f"""CREATE FUNCTION team_notify_record() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE changed record;
                BEGIN
                    changed := COALESCE(NEW, OLD);
                    PERFORM pg_notify('{CHANNEL}', json_build_object(
                        'corpus', changed.corpus, 'kind', changed.store, 'doc', changed.name,
                        'by', current_user)::text);
                    RETURN NULL;
                END $$""",
            """CREATE TRIGGER team_records_notify AFTER INSERT OR UPDATE OR DELETE ON team_records
                FOR EACH ROW EXECUTE FUNCTION team_notify_record()""",
            "ALTER TABLE team_records ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY team_records_read ON team_records FOR SELECT USING (true)",
            "CREATE POLICY team_records_insert ON team_records FOR INSERT WITH CHECK (creator = current_user)",
            """CREATE POLICY team_records_update ON team_records FOR UPDATE
                USING (creator = current_user) WITH CHECK (creator = current_user)""",
            "CREATE POLICY team_records_delete ON team_records FOR DELETE USING (creator = current_user)",
        ),
    ),
    Migration(
        4,
        "the word list per field, so prefix, wildcard and fuzzy terms expand as the embedded index does",
        (
            "ALTER TABLE team_search_terms ADD COLUMN field text NOT NULL DEFAULT 'exact'",
            "ALTER TABLE team_search_terms DROP CONSTRAINT team_search_terms_pkey",
            "ALTER TABLE team_search_terms ADD PRIMARY KEY (corpus, field, term)",
            "ALTER TABLE team_search_terms ALTER COLUMN field DROP DEFAULT",
            # Documents indexed before this migration: their short fields' words, counted per document.
            "INSERT INTO team_search_terms (corpus, field, term, docs) " + SHORT_FIELD_WORDS,
            # Expansions read words in byte order, as Whoosh's lexicon does.
            'CREATE INDEX team_search_terms_lexicon ON team_search_terms (corpus, field, term COLLATE "C")',
        ),
    ),
    Migration(
        5,
        "bulk loads of the search index: its GIN indexes dropped for the load and built once after",
        (
            # Only a table's owner may drop or build its indexes: these run as the owner, for any
            # analyst whose caseview loads many documents at once (caseview.team.indexing).
            f"""CREATE FUNCTION team_search_suspend_indexes() RETURNS void LANGUAGE plpgsql
                SECURITY DEFINER SET search_path FROM CURRENT AS $$
                BEGIN
                    DROP INDEX IF EXISTS {", ".join(name for name, _ in SEARCH_INDEXES)};
                END $$""",
            f"""CREATE FUNCTION team_search_restore_indexes() RETURNS void LANGUAGE plpgsql
                SECURITY DEFINER SET search_path FROM CURRENT SET maintenance_work_mem = '256MB' AS $$
                BEGIN
                    {" ".join(f"CREATE INDEX IF NOT EXISTS {name} ON {how};" for name, how in SEARCH_INDEXES)}
                    ANALYZE team_search_docs;
                    ANALYZE team_search_chunks;
                    ANALYZE team_search_terms;
                END $$""",
            "REVOKE EXECUTE ON FUNCTION team_search_suspend_indexes(), team_search_restore_indexes() FROM PUBLIC",
        ),
    ),
    Migration(
        6,
        "records shipped with the corpus (a document's .meta.json as found) belong to no one analyst",
        (
            # 'corpus': the record came in a metadata file as the corpus folder held it when it first
            # met the server; any analyst may change it, and the change makes it theirs.
            """ALTER TABLE team_records ADD COLUMN origin text NOT NULL DEFAULT 'analyst'
                CHECK (origin IN ('analyst', 'corpus'))""",
            # Before this, the first analyst to push took the seeds' dates: the records a metadata
            # file's first exchange wrote share that exchange's timestamp, later edits have later ones.
            """UPDATE team_records r SET origin = 'corpus' WHERE r.store = 'meta' AND r.changed_at = (
                SELECT min(f.changed_at) FROM team_records f
                WHERE f.corpus = r.corpus AND f.store = r.store AND f.name = r.name)""",
            "DROP POLICY team_records_update ON team_records",
            """CREATE POLICY team_records_update ON team_records FOR UPDATE
                USING (creator = current_user OR origin = 'corpus')
                WITH CHECK (creator = current_user OR origin = 'corpus')""",
            "DROP POLICY team_records_delete ON team_records",
            """CREATE POLICY team_records_delete ON team_records FOR DELETE
                USING (creator = current_user OR origin = 'corpus')""",
        ),
    ),
    Migration(
        7,
        "a document's metadata file matched by the document's content hash as well as its path",
        (
            # The hash of the text the file describes; NULL for files written under versions 3 to 6,
            # attached by the first push or pull that sees the document (the server never has the text).
            "ALTER TABLE team_files ADD COLUMN doc_sha256 text",
            "CREATE INDEX team_files_by_document_hash ON team_files (corpus, store, doc_sha256)",
        ),
    ),
)
#: The newest schema this caseview knows.
SCHEMA_VERSION = MIGRATIONS[-1].version


class TeamSchemaError(Exception):
    """The database's schema cannot be used by this caseview."""


class NewerTeamSchema(TeamSchemaError):
    def __init__(self, found: int) -> None:
        self.found = found
        super().__init__(
            f"the team database has schema version {found}, newer than this caseview knows ({SCHEMA_VERSION}); "
            "upgrade caseview to use it"
        )


class MissingTeamSchema(TeamSchemaError):
    def __init__(self) -> None:
        super().__init__("the team database has no caseview schema yet; run 'caseview team init' first")


@dataclass(frozen=True)
class MigrationReport:
    before: int
    after: int

    @property
    def message(self) -> str:
        if self.before == self.after:
            return f"team schema is up to date (version {self.after})"
        return f"team schema upgraded from version {self.before} to {self.after}"


def schema_version(connection: Connection) -> int:
    """The schema version of the database (0 when caseview never ran ``team init`` there)."""
    row = connection.execute("SELECT to_regclass('caseview_schema') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    version = connection.execute("SELECT max(version) FROM caseview_schema").fetchone()
    return int(version[0]) if version and version[0] is not None else 0


def check_schema(connection: Connection) -> None:
    """Raise when the database's schema is missing or newer than this caseview."""
    found = schema_version(connection)
    if found == 0:
        raise MissingTeamSchema()
    if found > SCHEMA_VERSION:
        raise NewerTeamSchema(found)
    if found < SCHEMA_VERSION:
        raise TeamSchemaError(f"the team database has schema version {found}; run 'caseview team init' to upgrade it")


def migrate(connection: Connection, target: int = SCHEMA_VERSION) -> MigrationReport:
    """Create or upgrade the schema (run by the database's owner) up to ``target``; idempotent."""
    with connection.transaction():
        connection.execute(
            """CREATE TABLE IF NOT EXISTS caseview_schema (
                version integer PRIMARY KEY, description text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(), applied_by name NOT NULL DEFAULT current_user)"""
        )
        connection.execute(
            sql.SQL("DO $$ BEGIN CREATE ROLE {} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$").format(
                sql.Identifier(ANALYST_ROLE)
            )
        )
    before = schema_version(connection)
    if before > SCHEMA_VERSION:
        raise NewerTeamSchema(before)
    for migration in MIGRATIONS:
        if migration.version <= before or migration.version > target:
            continue
        with connection.transaction():
            connection.execute("LOCK TABLE caseview_schema IN EXCLUSIVE MODE")
            if schema_version(connection) >= migration.version:
                continue  # another init applied it meanwhile
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(
                "INSERT INTO caseview_schema (version, description) VALUES (%s, %s)",
                (migration.version, migration.description),
            )
    with connection.transaction():
        _grant(connection, schema_version(connection))
    return MigrationReport(before, schema_version(connection))


def _grant(connection: Connection, version: int) -> None:
    role = sql.Identifier(ANALYST_ROLE)
    statements: tuple[str, ...] = (
        "GRANT SELECT ON caseview_schema TO {role}",
        "GRANT SELECT, INSERT, UPDATE ON team_documents TO {role}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON team_annotations TO {role}",
        "GRANT SELECT, INSERT ON team_audit TO {role}",
        "GRANT SELECT, INSERT, UPDATE ON team_files TO {role}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON team_records TO {role}",
        "GRANT USAGE ON SEQUENCE team_audit_id_seq TO {role}",
        # The search tables are derived data: any analyst's caseview keeps them up to date.
        "GRANT SELECT, INSERT, UPDATE, DELETE ON team_search_docs, team_search_chunks, team_search_terms TO {role}",
    )
    if version >= 5:
        statements += (
            "GRANT EXECUTE ON FUNCTION team_search_suspend_indexes(), team_search_restore_indexes() TO {role}",
        )
    for statement in statements:
        connection.execute(sql.SQL(statement).format(role=role))
