"""``caseview export [CORPUS] [--case NAME] [--format md|html|json|csv] [-o FILE]``: the case, exported.

The memo and the JSON carry the provenance of the corpus's documents (see ``caseview sources``).
Prints to stdout by default; ``-o FILE`` writes the file (atomically), ``-o .`` writes it next to the
case file under its usual name (``case.memo.md``…) and says where.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from caseview.casefile import CaseError
from caseview.cli.command import Command
from caseview.cli.common import EXIT_OK, CliError, add_corpus_argument, open_workspace, stderr, warn
from caseview.cli.terminal import terminal_safe_export
from caseview.export import FORMATS, export_case, write_export
from caseview.kernel.textsafe import one_line

USAGE = "caseview export [CORPUS] [--case NAME] [--format md|html|json|csv] [-o FILE]"


def _arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("--case", dest="case_name", metavar="NAME", help="export NAME.case.json instead of case.json")
    parser.add_argument(
        "--format",
        "-f",
        default="md",
        choices=list(FORMATS),
        metavar="FORMAT",
        help="md, html, json or csv (default md)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE ('.' = next to the case file) instead of standard output"
    )


def run_export(args: argparse.Namespace) -> int:
    workspace = open_workspace(args.corpus, show_warnings=False)
    try:
        service = workspace.case(args.case_name)
        if not service.exists:
            raise CliError(f"no case to export: {service.path} does not exist (build one with 'caseview case add …')")
        view = service.view()
        for entry in view.flagged():
            warn(f"item #{entry.number} ({entry.id}): {', '.join(entry.flags)}; the export says so")
        # The memo's "Source independence" and the JSON's cv:provenance: the whole corpus is analysed
        # (seconds at thousands of documents), so only when the case cites a document and the format has a
        # place for it (a CSV row has none).
        provenance = workspace.provenance() if args.format != "csv" and view.sources else None
        if args.output is None or args.output == "-":
            text = export_case(service, args.format, provenance)
            sys.stdout.write(terminal_safe_export(text, args.format, sys.stdout.isatty()))
            return EXIT_OK
        path = write_export(service, args.format, None if args.output == "." else Path(args.output), provenance)
        stderr.print(f"wrote {one_line(str(path))}", markup=False, highlight=False)
        return EXIT_OK
    except CaseError as error:
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(f"cannot write {args.output}: {error.strerror or error}") from None
    finally:
        workspace.close()


COMMANDS = {
    "export": Command(
        _arguments,
        run_export,
        usage=USAGE,
        description="Export the case file. " + "; ".join(f"{name}: {about}" for name, (_, about) in FORMATS.items()),
    )
}
