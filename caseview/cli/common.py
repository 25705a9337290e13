"""What every CLI verb shares: opening the workspace with progress on stderr, messages, exit codes."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from pydantic import BaseModel
from rich.console import Console

from caseview.cli.command import add_corpus_argument as add_corpus_argument  # lives with the light parts
from caseview.kernel import paths
from caseview.kernel.paths import CorpusNotFound
from caseview.kernel.storeerrors import BusyStoredFile
from caseview.kernel.textsafe import json_safe, one_line, printable
from caseview.search import IndexBusy
from caseview.workspace import Workspace

if TYPE_CHECKING:
    from rich.progress import Progress

EXIT_OK = 0
EXIT_NOTHING_FOUND = 1
EXIT_USAGE = 2
#: Another caseview holds a lock past the wait (re-indexing, writing the same file): nothing was
#: changed; try again. 75 is EX_TEMPFAIL of sysexits.h, what mail tools use for "try again later".
EXIT_BUSY = 75

# Soft wrap: long lines stay one line when piped, the terminal wraps them on screen.
stdout = Console(highlight=False, soft_wrap=True)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


class CliError(Exception):
    """A problem to report as one line on stderr, with an exit status."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def store_error(error: Exception) -> CliError:
    """The CLI error for a store's error: exit 75 when a lock was not got in time (nothing changed),
    2 otherwise; the message is the store's one line."""
    busy = isinstance(error, (BusyStoredFile, IndexBusy))
    return CliError(one_line(str(error)), EXIT_BUSY if busy else EXIT_USAGE)


def fail(message: str) -> None:
    stderr.print(f"caseview: {printable(message)}", markup=False, highlight=False)


def warn(message: str) -> None:
    stderr.print(f"caseview: warning: {printable(message)}", markup=False, highlight=False, style="yellow")


def _progress_bar() -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    )


def open_workspace(corpus: str | None, show_warnings: bool = True) -> Workspace:
    """Open the corpus and bring its index up to date, with a progress bar on stderr for long updates."""
    try:
        workspace = Workspace(default_corpus() if corpus is None else corpus)
    except CorpusNotFound as error:
        raise CliError(str(error)) from None
    # Built on the first report only: a warm index never reports, and never pays for rich.progress.
    progress: Progress | None = None
    task = None

    def report(done: int, total: int, _current: str) -> None:
        nonlocal progress, task
        if progress is None or task is None:
            progress = _progress_bar()
            progress.start()
            task = progress.add_task("indexing", total=total)
        progress.update(task, completed=done)

    try:
        workspace.refresh(report)
    except IndexBusy as error:
        if progress is not None:
            progress.stop()
        if not workspace.corpus_index.is_open:
            # Nothing to work with yet (the index never opened): say so, change nothing, exit 75.
            raise CliError(one_line(str(error)), EXIT_BUSY) from None
        warn(f"{error}; searching the index as it is")
    finally:
        if progress is not None:
            progress.stop()
    if workspace.last_report is not None:
        if workspace.last_report.rebuilt_reason:
            warn(workspace.last_report.rebuilt_reason)
        if show_warnings:
            for warning in workspace.last_report.warnings:
                warn(str(warning))
    return workspace


def default_corpus() -> str:
    """``$CASEVIEW_CORPUS``, else the working copy of the bundled case, saying where it is when it is new."""
    try:
        chosen = paths.default_corpus()
    except CorpusNotFound as error:
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"cannot make the working copy of the bundled case: {error}") from None
    if chosen.created:
        stderr.print(
            f"caseview: your working copy of the bundled case is {chosen.path} (the installed seeds stay untouched)",
            markup=False,
            highlight=False,
        )
    return str(chosen.path)


def print_json(value: object) -> None:
    """Print JSON the core already made (the W3C JSON-LD of annotations)."""
    sys.stdout.write(json_safe(json.dumps(value, ensure_ascii=False, indent=2)) + "\n")


def print_model(value: BaseModel) -> None:
    """Print a model as its own JSON serialisation (lists are ``RootModel``s)."""
    sys.stdout.write(json_safe(value.model_dump_json(indent=2)) + "\n")
