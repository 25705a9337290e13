"""``caseview team [CORPUS] ACTION``: the corpus folder and its team's PostgreSQL server.

Actions: ``init`` (create or upgrade the schema), ``push`` (the folder's annotation files up),
``pull`` (them back down), ``status``, ``sync`` (send what is pending, receive everything) and
``search`` (the server's full-text search). The server is ``--team URL``, else
``$CASEVIEW_TEAM_URL``, else the ``team`` entry of ``caseview.toml`` in the corpus folder; it is
named in messages without its password. A server that cannot be reached exits with 75
(EX_TEMPFAIL: try again later); nothing here ever prints a traceback for it.

``team search`` is its own action rather than a ``--team`` flag on ``caseview search``: it needs the
server (and fails with 75 without it) where ``search`` must always work from the local index, and
its hits carry no snippets or match offsets yet, so the two are not interchangeable.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel
from rich.text import Text

from caseview.cli.command import Command
from caseview.cli.common import (
    EXIT_NOTHING_FOUND,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    default_corpus,
    fail,
    open_workspace,
    print_model,
    stdout,
)
from caseview.kernel.textsafe import one_line
from caseview.team.session import TeamSession, TeamStatus
from caseview.team.settings import TeamConfigError
from caseview.workspace import Workspace

#: sysexits.h EX_TEMPFAIL: the server did not answer; the same command may work later.
EXIT_TRY_AGAIN = 75
USAGE = "caseview team [CORPUS] ACTION [--team URL] ..."
#: How many hits ``team search`` asks the server for (to count them; the first --limit are shown).
SERVER_SEARCH_LIMIT = 10_000
ACTIONS = ("init", "push", "pull", "status", "sync", "search")
DESCRIPTION = (
    "Work on the corpus with a team through a PostgreSQL server. The server is --team URL, else "
    "$CASEVIEW_TEAM_URL, else the 'team' entry of caseview.toml in the corpus folder; credentials come "
    "from libpq's usual places (~/.pgpass, PGPASSWORD, a service file) and are never printed."
)


def _arguments(parser: argparse.ArgumentParser) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--team", metavar="URL", help="the team server (postgresql://…)")
    corpus = argparse.ArgumentParser(add_help=False)
    corpus.add_argument("folder", nargs="?", metavar="CORPUS", help="folder of documents (default: as 'caseview')")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True, prog="caseview team")
    for name, run, summary in (
        ("init", _init, "create or upgrade the team schema (run by the database's owner)"),
        ("push", _push, "upload this folder's annotation files"),
        ("pull", _pull, "write the server's annotations into this folder's annotation files"),
        ("status", _status, "is the server reachable, its schema, your role, changes waiting to be sent"),
        ("sync", _sync, "send the changes waiting here, then bring every shared document up to date"),
    ):
        action = actions.add_parser(
            name, parents=[common, corpus], help=summary, description=summary[:1].upper() + summary[1:] + "."
        )
        action.set_defaults(act=run)
        if name == "status":
            action.add_argument("--json", action="store_true", help="print JSON")
    search = actions.add_parser(
        "search", parents=[common, corpus], help="search on the server (the query language of 'caseview search')"
    )
    search.add_argument("query", metavar="QUERY", help="the query (one starting with '-' goes after '--')")
    search.add_argument("--limit", type=int, default=10, help="how many documents to show (default 10)")
    search.add_argument("--json", action="store_true", help="print JSON (the shape of 'caseview search --json')")
    search.set_defaults(act=_search)


def run_team(args: argparse.Namespace) -> int:
    if args.corpus is not None and args.folder is not None:
        raise CliError(f"two corpus folders given ({args.corpus!r} and {args.folder!r}); give one")
    act: Callable[[argparse.Namespace, Path], int] = args.act
    return act(args, _root(args.corpus or args.folder))


def _root(given: str | None) -> Path:
    root = Path(default_corpus() if given is None else given).expanduser()
    if not root.is_dir():
        raise CliError(f"no such folder: {root}")
    return root.resolve()


@contextmanager
def _session(root: Path, explicit: str | None) -> Iterator[TeamSession]:
    """The folder's team session; a configuration problem or an unreachable server ends the command."""
    from caseview.team.db import TeamUnavailable
    from caseview.team.migrations import TeamSchemaError

    try:
        session = TeamSession.for_corpus(root, explicit)
    except TeamConfigError as error:
        raise CliError(str(error)) from None
    if session is None:
        raise CliError(
            f'no team server for {root}: give --team URL, set $CASEVIEW_TEAM_URL, or put team = "postgresql://…" '
            "in caseview.toml there"
        )
    import psycopg

    from caseview.team.db import first_line

    try:
        yield session
    except TeamUnavailable as error:
        raise CliError(str(error), EXIT_TRY_AGAIN) from None
    except TeamConfigError as error:
        raise CliError(str(error)) from None
    except TeamSchemaError as error:
        raise CliError(str(error)) from None
    except psycopg.OperationalError as error:  # the server went away mid-command
        raise CliError(f"lost the team server {session.shown}: {first_line(error)}", EXIT_TRY_AGAIN) from None
    except psycopg.Error as error:
        raise CliError(f"the team server {session.shown} refused: {first_line(error)}") from None
    finally:
        session.close()


def _init(args: argparse.Namespace, root: Path) -> int:
    with _session(root, args.team) as session, session.connect(check=False) as connection:
        import psycopg

        from caseview.team.db import first_line
        from caseview.team.migrations import migrate

        try:
            report = migrate(connection)
        except psycopg.errors.InsufficientPrivilege as error:
            raise CliError(f"'team init' must be run by the database's owner: {first_line(error)}") from None
        stdout.print(Text(report.message))
    return EXIT_OK


def _hashes(workspace: Workspace) -> dict[str, str]:
    """Every document of the folder and its text's hash: how the server matches copies of a corpus."""
    return {info.id: workspace.document(info.id).sha256 for info in workspace.documents()}


def _push(args: argparse.Namespace, root: Path) -> int:
    from caseview.team.annotations import DocumentKey, TeamAnnotations

    workspace = open_workspace(str(root), show_warnings=False)
    hashes = _hashes(workspace)
    keys = [DocumentKey(rel_path, sha256) for rel_path, sha256 in sorted(hashes.items())]
    with _session(root, args.team) as session, session.connect() as connection:
        report = TeamAnnotations(connection, session.settings.corpus).push(root, keys, session.sync.store)
        session.agree(connection, [key.rel_path for key in keys])
        files = session.push_files(connection, hashes)
    noun = "document" if report.documents == 1 else "documents"
    stdout.print(Text(f"pushed {report.documents} {noun} ({report.records} records) to {session.shown}"))
    stdout.print(Text(f"pushed {len(files.sent)} case, corrections and metadata files"))
    for skipped in (*report.skipped, *files.refused):
        stdout.print(Text(one_line(f"skipped {skipped}"), style="yellow"))
    return EXIT_OK


def _pull(args: argparse.Namespace, root: Path) -> int:
    from caseview.team.annotations import TeamAnnotations

    workspace = open_workspace(str(root), show_warnings=False)
    hashes = _hashes(workspace)
    with _session(root, args.team) as session, session.connect() as connection:
        report = TeamAnnotations(connection, session.settings.corpus).pull(root, hashes)
        shared = {key.rel_path for key in TeamAnnotations(connection, session.settings.corpus).documents()}
        session.agree(connection, sorted(shared & {info.id for info in workspace.documents()}))
        other_files = session.pull_files(connection, hashes)
    files = "annotation file" if len(report.written) == 1 else "annotation files"
    stdout.print(Text(f"wrote {len(report.written)} {files}, {report.unchanged} unchanged, from {session.shown}"))
    stdout.print(Text(f"wrote {len(other_files)} case, corrections and metadata files"))
    for rel_path in (*report.written, *other_files):
        stdout.print(Text(one_line(f"  {rel_path}"), style="dim"))
    for rel_path in report.unmatched:
        stdout.print(
            Text(one_line(f"not in this copy of the corpus (no such path or text): {rel_path}"), style="yellow")
        )
    return EXIT_OK


class TeamStatusJson(BaseModel):
    """``caseview team status --json``."""

    server: str
    corpus: str
    reachable: bool
    problem: str
    schema_version: int
    known_schema: int
    role: str
    pending: list[str]

    @classmethod
    def of(cls, status: TeamStatus) -> TeamStatusJson:
        return cls(
            server=status.server,
            corpus=status.corpus,
            reachable=status.reachable,
            problem=status.problem,
            schema_version=status.schema_version,
            known_schema=status.known_schema,
            role=status.role,
            pending=list(status.pending),
        )


def _status(args: argparse.Namespace, root: Path) -> int:
    with _session(root, args.team) as session:
        status = session.status()
    if args.json:
        print_model(TeamStatusJson.of(status))
        return EXIT_OK if status.reachable else EXIT_TRY_AGAIN
    stdout.print(Text(one_line(f"team server {status.server} (corpus {status.corpus!r})")))
    if status.reachable:
        schema = (
            f"schema version {status.schema_version}"
            if status.schema_version
            else "no schema yet (run 'caseview team init')"
        )
        stdout.print(Text(one_line(f"reachable; {schema}; you act as {status.role}")))
    else:
        stdout.print(Text(one_line(status.problem), style="red"))
    waiting = len(status.pending)
    stdout.print(Text(f"{waiting} document{'s' if waiting != 1 else ''} with changes waiting to be sent"))
    for rel_path in status.pending:
        stdout.print(Text(one_line(f"  {rel_path}"), style="dim"))
    return EXIT_OK if status.reachable else EXIT_TRY_AGAIN


def _sync(args: argparse.Namespace, root: Path) -> int:
    workspace = open_workspace(str(root), show_warnings=False)
    with _session(root, args.team) as session:
        hashes = _hashes(workspace)
        report = session.sync_all(hashes)
        files = session.sync_files(hashes) if not report.problem else None
    if report.problem:
        fail(report.problem)
        waiting = len(report.pending)
        fail(f"{waiting} document{'s' if waiting != 1 else ''} with changes kept locally, sent when the server is back")
        return EXIT_TRY_AGAIN
    stdout.print(
        Text(
            f"sent {len(report.sent)} pending, checked {report.received} shared documents, "
            f"{len(report.changed)} updated here"
        )
    )
    for rel_path in report.changed:
        stdout.print(Text(one_line(f"  {rel_path}"), style="dim"))
    refused = [*report.refused, *(files.refused if files else ())]
    if files is not None:
        stdout.print(Text(f"case, corrections and metadata files: {len(files.sent)} updated here"))
        for name in files.sent:
            stdout.print(Text(one_line(f"  {name}"), style="dim"))
    for refusal in refused:
        fail(one_line(f"refused by the team server: {refusal}"))
    return EXIT_USAGE if refused else EXIT_OK


def _search(args: argparse.Namespace, root: Path) -> int:
    from caseview.cli.search_command import SearchJson, print_results
    from caseview.search import Hit, QuerySyntaxError, SearchResults, parse_query
    from caseview.team.search import SearchableDocument, ServerSearch, UnsupportedQuery

    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    try:
        parsed = parse_query(args.query)  # checked and parsed once, before the folder is opened
    except QuerySyntaxError as error:
        fail(f"bad query: {error.message}\n{error.pointer()}")
        return EXIT_USAGE
    workspace = open_workspace(str(root), show_warnings=not args.json)
    infos = {info.id: info for info in workspace.documents()}
    searchable = []
    for info in infos.values():
        document = workspace.document(info.id)
        searchable.append(SearchableDocument.of(document, workspace.index_extras(document)))
    with _session(root, args.team) as session, session.connect() as connection:
        server = ServerSearch(connection, session.settings.corpus)
        # The server's index follows this folder (only changed documents are written), as 'search'
        # brings the local index up to date first.
        server.update(searchable)
        started = time.perf_counter()
        try:
            found = server.search(parsed, limit=SERVER_SEARCH_LIMIT)
        except UnsupportedQuery as error:
            raise CliError(str(error)) from None
        elapsed_ms = (time.perf_counter() - started) * 1000
    hits = [
        Hit(
            doc_id=hit.doc_id,
            title=infos[hit.doc_id].title if hit.doc_id in infos else hit.doc_id,
            outlet=infos[hit.doc_id].outlet if hit.doc_id in infos else None,
            published=infos[hit.doc_id].published if hit.doc_id in infos else None,
            score=hit.score,
            rank=rank,
            matches=[],
            snippets=[],
            matched_fields=[],
        )
        for rank, hit in enumerate(found.hits[: args.limit], start=1)
    ]
    results = SearchResults(
        query=args.query,
        total=len(found.hits),
        total_is_estimate=len(found.hits) >= SERVER_SEARCH_LIMIT,
        hits=hits,
        partial=found.partial,
        partial_reason=found.partial_reason,
        elapsed_ms=elapsed_ms,
    )
    if args.json:
        print_model(SearchJson.of(results, workspace))
    else:
        print_results(results)
    return EXIT_OK if hits else EXIT_NOTHING_FOUND


COMMANDS = {
    "team": Command(
        _arguments,
        run_team,
        usage=USAGE,
        description=DESCRIPTION,
        actions=frozenset(ACTIONS),
    ),
}
