"""The ``caseview`` command: the terminal app by default, headless verbs for scripts.

``caseview [FOLDER]`` opens the app. ``caseview VERB [CORPUS] ...`` runs one verb and exits: 0 when
it found something, 1 when it found nothing (as grep does), 2 for a usage error or bad input, with
the message on stderr. Every verb takes the corpus folder as an optional first argument and defaults
to the bundled case; every verb brings the search index up to date first.

Start-up is kept cheap: one parser is built per run — the top-level one (help, version, the app) or
the chosen verb's — and only the chosen verb's module is imported (see :mod:`caseview.cli.verbs`), and
for a verb with a light arguments module not even that until its arguments have parsed: its
``--help`` and its usage errors cost no more than ``caseview --help``.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import sys
from collections.abc import Sequence

from caseview.cli.argv import parse_verb_arguments
from caseview.cli.command import Arguments, Command, split_leading_corpus
from caseview.cli.verbs import BY_NAME, VERBS

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def top_parser() -> argparse.ArgumentParser:
    """``caseview [FOLDER]``, with the verbs listed from the table (none of their modules is imported)."""
    width = max(len(verb.name) for verb in VERBS) + 2
    verbs = "\n".join(f"  {verb.name:<{width}}{verb.summary}" for verb in VERBS)
    parser = argparse.ArgumentParser(
        prog="caseview",
        usage="caseview [FOLDER] [--team URL]\n       caseview COMMAND [CORPUS] [ARGUMENTS…]",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Investigate a story from a folder of documents. Without a command, opens the terminal app on\n"
            "FOLDER (default: your working copy of the bundled case).\n\ncommands:\n" + verbs
        ),
        epilog="Run 'caseview COMMAND --help' for a command's options. CORPUS defaults as FOLDER does.",
    )
    parser.add_argument("--version", action="version", version=f"caseview {_version()}")
    parser.add_argument("folder", nargs="?", metavar="FOLDER", help="folder of documents to open in the app")
    parser.add_argument(
        "--team",
        metavar="URL",
        help="share the work with a team on this PostgreSQL server (default: $CASEVIEW_TEAM_URL, caseview.toml)",
    )
    return parser


def verb_parser(name: str) -> tuple[argparse.ArgumentParser, Arguments]:
    """The parser of one verb: from its light arguments module if it has one, else from its own module."""
    verb = BY_NAME[name]
    arguments = verb_arguments(name)
    parser = argparse.ArgumentParser(
        prog=f"caseview {name}",
        usage=arguments.usage,
        description=arguments.description or verb.summary[:1].upper() + verb.summary[1:] + ".",
        formatter_class=argparse.RawDescriptionHelpFormatter if arguments.raw_description else argparse.HelpFormatter,
    )
    arguments.add_arguments(parser)
    return parser, arguments


def verb_arguments(name: str) -> Arguments:
    """A verb's command line, importing as little as its table row allows."""
    verb = BY_NAME[name]
    if verb.arguments is not None:
        light: Arguments = importlib.import_module(verb.arguments).ARGUMENTS[name]
        return light
    return verb_command(name).arguments


def verb_command(name: str) -> Command:
    """The command that runs a verb, from its module (imported now, and only it)."""
    command: Command = importlib.import_module(BY_NAME[name].module).COMMANDS[name]
    return command


def _version() -> str:
    from caseview import __version__

    return __version__


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in BY_NAME:
        return _run_verb(arguments[0], arguments[1:])
    parser = top_parser()
    if len(arguments) > 1 and not arguments[0].startswith("-") and not arguments[1].startswith("-"):
        near = difflib.get_close_matches(arguments[0], BY_NAME, n=1)
        hint = f" (did you mean '{near[0]}'?)" if near else "; see 'caseview --help'"
        parser.error(f"unknown command {arguments[0]!r}{hint}")
    parsed = parser.parse_args(arguments)
    from caseview.tui.app import run_app

    return run_app(parsed.folder, parsed.team)


def _run_verb(name: str, arguments: list[str]) -> int:
    parser, verb = verb_parser(name)
    namespace = argparse.Namespace()
    if verb.actions:
        namespace.corpus, arguments = split_leading_corpus(arguments, verb.actions)
    args = parse_verb_arguments(parser, arguments, namespace)
    # Only now, with the arguments good, the verb's module (and the workspace behind it) is imported.
    command = verb_command(name)
    # Here, not at the top: the top-level help and the app must not pay for rich and the workspace.
    from caseview.cli.common import CliError, fail

    try:
        return command.run(args)
    except CliError as error:
        fail(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
