"""The team side of the verbs that change shared work: one place for all of them.

With a team server configured (``--team URL``, ``$CASEVIEW_TEAM_URL`` or ``caseview.toml``), a verb
that changed an annotation file, a case file, the entity corrections or a document's metadata sends
that change itself once the local write succeeded, by the app's rule: an unreachable server leaves
the change in the local file — the file is the journal; it differs from the version last agreed
with the server, so ``caseview team sync`` or a linked app sends it — and one line says so. The
session is resolved *before* the write, so a bad setting is one line and changes nothing.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from caseview.casefile.store import case_path
from caseview.cli.common import EXIT_OK, EXIT_USAGE, CliError, fail
from caseview.kernel.textsafe import one_line
from caseview.team.records import store_of
from caseview.team.session import ChangeReport, TeamSession
from caseview.team.settings import TeamConfigError
from caseview.workspace import Workspace

TEAM_HELP = "also send the change to this team server (default: $CASEVIEW_TEAM_URL, caseview.toml)"


def add_team_option(parser: argparse.ArgumentParser, *, suppress: bool = False) -> None:
    """``--team URL``; ``suppress`` for a parent parser of sub-commands, so that the option given
    before the action is not overwritten by the sub-command's default."""
    if suppress:
        parser.add_argument("--team", metavar="URL", default=argparse.SUPPRESS, help=TEAM_HELP)
    else:
        parser.add_argument("--team", metavar="URL", help=TEAM_HELP)


def team_session(root: Path, explicit: str | None) -> TeamSession | None:
    """The folder's team session (None without a team server); a bad setting is a one-line error."""
    try:
        return TeamSession.for_corpus(root, explicit)
    except TeamConfigError as error:
        raise CliError(str(error)) from None


def report_exit(report: ChangeReport) -> int:
    """Say what became of a change on its way to the server, in one line; the exit status it leaves."""
    if report.message:
        fail(one_line(report.message))
    return EXIT_USAGE if report.refused else EXIT_OK


def send_annotations(session: TeamSession | None, workspace: Workspace, doc_id: str) -> int:
    """After an annotation verb wrote ``doc_id``'s annotation file: send the document's change."""
    if session is None:
        return EXIT_OK
    from caseview.team.annotations import DocumentKey

    try:
        report = session.after_local_change(DocumentKey(doc_id, workspace.document(doc_id).sha256))
    finally:
        session.close()
    return report_exit(report)


@dataclass
class SharedFiles:
    """Files a verb may change (case, corrections, metadata), as they were before it ran."""

    session: TeamSession | None
    root: Path
    before: dict[str, bytes | None] = field(default_factory=dict)

    def send(self, code: int) -> int:
        """After the verb: send each watched file it changed; ``code`` unless the server refused."""
        if self.session is None:
            return code
        reports = []
        try:
            for name, old in self.before.items():
                store = store_of(name)
                if store is not None and _read(self.root / name) != old:
                    reports.append(self.session.after_file_change(store, name))
        finally:
            self.session.close()
        for report in reports:
            status = report_exit(report)
            code = status if code == EXIT_OK else code
        return code


def watch_shared(root: Path, explicit: str | None, *paths: Path) -> SharedFiles:
    """Before a verb that may change ``paths`` (inside ``root``): the session, and their bytes now.

    Without a team server nothing is read."""
    session = team_session(root, explicit)
    if session is None:
        return SharedFiles(None, root)
    before = {path.relative_to(root).as_posix(): _read(path) for path in paths}
    return SharedFiles(session, root, before)


CaseAction = Callable[[Workspace, argparse.Namespace], int]


def sending_case(action: CaseAction) -> CaseAction:
    """A ``caseview case`` action that then sends the case file it changed (``--case NAME``)."""

    def run(workspace: Workspace, parsed: argparse.Namespace) -> int:
        shared = watch_shared(workspace.root, parsed.team, case_path(workspace.root, parsed.case_name))
        return shared.send(action(workspace, parsed))

    return run


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None
