"""``caseview search``'s command line, apart from the code that runs it (:mod:`caseview.cli.search_command`).

Light on purpose — argparse and nothing else — so ``caseview search --help`` and a usage error need
neither the workspace nor the index (see :class:`caseview.cli.command.Arguments`).
"""

from __future__ import annotations

import argparse

from caseview.cli.command import Arguments, add_corpus_argument

USAGE = "caseview search [CORPUS] QUERY [--limit N] [--json]"


def _search_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("query", metavar="QUERY", help="the query (a query starting with '-' goes after '--')")
    parser.add_argument("--limit", type=int, default=10, help="how many documents to show (default 10)")
    parser.add_argument("--json", action="store_true", help="print JSON (shape in the README, section 'JSON output')")


ARGUMENTS = {
    "search": Arguments(
        _search_arguments, usage=USAGE, description="Search the corpus. See the README for the query language."
    )
}
