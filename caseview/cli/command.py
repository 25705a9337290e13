"""What a verb module provides for each of its verbs: its arguments and the function that runs it."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Arguments:
    """A verb's command line — what its parser and its ``--help`` need, and nothing that runs it.

    A verb whose table row names an arguments module (:attr:`caseview.cli.verbs.Verb.arguments`)
    keeps this in that light module, so ``caseview VERB --help`` and a usage error are answered
    without importing the verb's own module (nor pydantic, Whoosh, rich or the workspace behind it).
    """

    #: Adds the verb's arguments to its parser (``prog`` is already ``caseview VERB``).
    add_arguments: Callable[[argparse.ArgumentParser], None]
    usage: str | None = None
    description: str | None = None
    #: For verbs shaped ``VERB [CORPUS] ACTION …`` (``case``, ``entity``): the action words. A first
    #: argument that is neither one of them nor an option is the corpus folder; argparse alone cannot
    #: tell an optional positional from the sub-command that follows it.
    actions: frozenset[str] = frozenset()
    #: Keep the description's line breaks (for a list of actions).
    raw_description: bool = False


@dataclass(frozen=True)
class Command:
    #: Adds the verb's arguments to its parser (``prog`` is already ``caseview VERB``).
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    usage: str | None = None
    description: str | None = None
    #: See :attr:`Arguments.actions`.
    actions: frozenset[str] = frozenset()
    #: Keep the description's line breaks (for a list of actions).
    raw_description: bool = False

    @classmethod
    def of(cls, arguments: Arguments, run: Callable[[argparse.Namespace], int]) -> Command:
        """The command of a verb whose command line lives in a light arguments module."""
        return cls(
            arguments.add_arguments,
            run,
            usage=arguments.usage,
            description=arguments.description,
            actions=arguments.actions,
            raw_description=arguments.raw_description,
        )

    @property
    def arguments(self) -> Arguments:
        return Arguments(
            self.add_arguments,
            usage=self.usage,
            description=self.description,
            actions=self.actions,
            raw_description=self.raw_description,
        )


def add_corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "corpus", nargs="?", metavar="CORPUS", help="folder of documents (default: your copy of the bundled case)"
    )


def split_leading_corpus(arguments: list[str], actions: frozenset[str]) -> tuple[str | None, list[str]]:
    """``[CORPUS] ACTION …`` → (corpus or None, the rest)."""
    if arguments and arguments[0] not in actions and not arguments[0].startswith("-"):
        return arguments[0], arguments[1:]
    return None, arguments
