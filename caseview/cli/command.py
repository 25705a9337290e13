"""What a verb module provides for each of its verbs: its arguments and the function that runs it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    #: Adds the verb's arguments to its parser (``prog`` is already ``caseview VERB``).
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    usage: str | None = None
    description: str | None = None
    #: For verbs shaped ``VERB [CORPUS] ACTION …`` (``case``, ``entity``): the action words. A first
    #: argument that is neither one of them nor an option is the corpus folder; argparse alone cannot
    #: tell an optional positional from the sub-command that follows it.
    actions: frozenset[str] = frozenset()
    #: Keep the description's line breaks (for a list of actions).
    raw_description: bool = False


def split_leading_corpus(arguments: list[str], actions: frozenset[str]) -> tuple[str | None, list[str]]:
    """``[CORPUS] ACTION …`` → (corpus or None, the rest)."""
    if arguments and arguments[0] not in actions and not arguments[0].startswith("-"):
        return arguments[0], arguments[1:]
    return None, arguments
