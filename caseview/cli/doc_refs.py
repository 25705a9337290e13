"""Naming documents and corpus folders on the command line the way an analyst types them.

A document is named by its id, a path to its file, or a unique prefix of its id or of its file name
(``000_465b`` for ``000_465b9804960b177b.txt``). Hints printed for copy-paste (``see 'caseview docs'``)
name the corpus folder, so the command shown works from any directory (issue 13, bug 8).
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path, PurePosixPath

from caseview.cli.common import CliError, store_error
from caseview.workspace import Workspace

_HINT = re.compile(r"'caseview ([a-z][a-z-]*)((?: [^']*)?)'")


def with_corpus(message: str, root: Path) -> str:
    """``see 'caseview docs'`` → ``see 'caseview docs /path/to/corpus'`` (every verb takes the folder first)."""
    folder = shlex.quote(str(root))
    return _HINT.sub(lambda m: f"'caseview {m.group(1)} {folder}{m.group(2)}'", message)


def corpus_error(error: Exception, root: Path) -> CliError:
    """:func:`~caseview.cli.common.store_error` (its exit status) with the hints naming the corpus folder."""
    found = store_error(error)
    return CliError(with_corpus(str(found), root), found.exit_code)


def resolve_doc_id(workspace: Workspace, given: str) -> str:
    """The document ``given`` names: its id, a path to it, or a unique prefix of its id or file name."""
    known = [info.id for info in workspace.documents()]
    known_set = set(known)
    if given in known_set:
        return given
    normalised = PurePosixPath(given).as_posix()  # "./--help.txt" is how to name "--help.txt" without "--"
    if normalised in known_set:
        return normalised
    path = Path(given).expanduser()
    if path.exists():
        try:
            relative = path.resolve().relative_to(workspace.root.resolve()).as_posix()
        except ValueError:
            relative = ""
        if relative in known_set:
            return relative
    if normalised:
        matches = [doc for doc in known if doc.startswith(normalised) or PurePosixPath(doc).name.startswith(normalised)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            shown = ", ".join(matches[:5]) + (f" and {len(matches) - 5} more" if len(matches) > 5 else "")
            raise CliError(f"{given!r} could be {len(matches)} documents ({shown}); give more of the id")
    raise CliError(with_corpus(f"no document {given!r} in {workspace.root} (see 'caseview docs')", workspace.root))
