"""Reading a verb's command line so that names are data wherever they stand.

argparse alone reads ``caseview search CORPUS --limit 3 -- QUERY`` wrongly: the words before the
first option fill the positionals greedily (CORPUS becomes the query) and what follows ``--`` is
then "unrecognized". Reading options and positionals separately (``parse_intermixed_args``) gets it
right, so a command line with left-over words is read again that way; one that reads cleanly the
first time is never read twice. Verbs with sub-commands cannot be read intermixed: they keep the
usual message.
"""

from __future__ import annotations

import argparse


def parse_verb_arguments(
    parser: argparse.ArgumentParser, arguments: list[str], namespace: argparse.Namespace
) -> argparse.Namespace:
    """The verb's arguments, with positionals after options and ``--`` (``tag CORPUS --tag x -- --help.txt``)."""
    untouched = argparse.Namespace(**vars(namespace))
    args, extras = parser.parse_known_args(arguments, namespace)
    if not extras:
        return args
    if any(isinstance(action, argparse._SubParsersAction) for action in parser._actions):
        parser.error(f"unrecognized arguments: {' '.join(extras)}")
    return parser.parse_intermixed_args(arguments, untouched)
