"""The ``caseview`` command: the terminal app by default, headless verbs for scripts.

``caseview [CORPUS]`` opens the app. ``caseview COMMAND [CORPUS] ...`` runs one verb and exits:
0 when it found something, 1 when it found nothing (as grep does), 2 for a usage error or bad input,
with the message on stderr. Every verb takes the corpus folder as an optional first argument and
defaults to the bundled seeds; every verb brings the search index up to date first.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from caseview.cli import (
    annotation_commands,
    case_commands,
    corpus_commands,
    entity_commands,
    export_command,
    extract,
    search_command,
)
from caseview.cli.common import EXIT_USAGE, CliError, fail

#: Each command module has ``register(subparsers)``; handlers are set with ``set_defaults(handler=…)``.
COMMAND_MODULES = [
    corpus_commands,
    search_command,
    extract,
    entity_commands,
    annotation_commands,
    case_commands,
    export_command,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseview",
        description="Investigate a story from a folder of documents. Without a command, opens the terminal app.",
        epilog="Run 'caseview COMMAND --help' for a command's options. CORPUS defaults to the bundled seed articles.",
    )
    parser.add_argument("--version", action="version", version=f"caseview {_version()}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def _version() -> str:
    from caseview import __version__

    return __version__


def _run_app(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="caseview", description="Open the caseview terminal app on a corpus folder.")
    parser.add_argument("corpus", nargs="?", help="folder of documents (default: the bundled seed articles)")
    args = parser.parse_args(argv)
    try:
        from caseview.tui.app import run_app
    except ImportError:
        fail("the terminal app is not part of this build yet; use the commands (caseview --help)")
        return EXIT_USAGE
    return run_app(args.corpus)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices) if parser._subparsers else set()
    if not arguments or (arguments[0] not in commands and arguments[0] not in ("-h", "--help", "--version")):
        return _run_app(arguments)
    args = parser.parse_args(arguments)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except CliError as error:
        fail(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        return 130
