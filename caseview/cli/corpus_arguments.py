"""``caseview index`` and ``caseview docs``: their command lines, apart from :mod:`caseview.cli.corpus_commands`.

Light on purpose — argparse and nothing else — so ``--help`` and a usage error need neither the
workspace nor the index (see :class:`caseview.cli.command.Arguments`).
"""

from __future__ import annotations

import argparse

from caseview.cli.command import Arguments, add_corpus_argument


def _docs_arguments(parser: argparse.ArgumentParser) -> None:
    add_corpus_argument(parser)
    parser.add_argument("--json", action="store_true", help="print JSON (shape in the README, section 'JSON output')")


ARGUMENTS = {
    "index": Arguments(
        add_corpus_argument,
        description=(
            "Scan the corpus and re-index new, changed and removed documents (only those). "
            "Prints each skipped file with the reason, then a one-line summary."
        ),
    ),
    "docs": Arguments(_docs_arguments),
}
