"""``caseview events`` and ``caseview sources``: their command lines, apart from the code that runs them.

Light on purpose — argparse and nothing else — so ``--help`` and a usage error need neither the
workspace, the extraction nor the provenance analysis (see :class:`caseview.cli.command.Arguments`).
"""

from __future__ import annotations

import argparse

from caseview.cli.command import Arguments, add_corpus_argument

SOURCES_USAGE = "caseview sources [CORPUS] [--verbose] [--offers] [--json]"


def _events_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (shape in the README)")


def _sources_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="show the sentence behind each citation, with its offsets"
    )
    parser.add_argument("--json", action="store_true", help="print JSON (shape in the README, section 'JSON output')")
    parser.add_argument(
        "--offers",
        action="store_true",
        help="list the annotations offered on copies and rewrites of their documents (decide in the app: O)",
    )


ARGUMENTS = {
    "events": Arguments(
        _events_arguments,
        description="Candidate events (who did what, when), clustered across sources, with flags for the analyst.",
    ),
    "sources": Arguments(
        _sources_arguments,
        usage=SOURCES_USAGE,
        description=(
            "How many sources there really are: each document's outlet, whom it cites, the documents it "
            "copies or rewrites, and its origins; then the rewrite pairs and the number of independent origins."
        ),
    ),
}
