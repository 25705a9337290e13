"""The table of verbs: which module implements each, and its one-line help.

The table is plain data so that ``caseview --help`` can list every verb, and ``caseview`` alone can
open the app, without importing a single verb module (nor pydantic, Whoosh or rich behind them).
Each module named here has a ``COMMANDS`` mapping from the verb's name to its
:class:`~caseview.cli.command.Command`; a verb's arguments module, when it has one, an ``ARGUMENTS``
mapping to its :class:`~caseview.cli.command.Arguments` (the parser without the code that runs it), so
its ``--help`` is answered without importing the verb's module. ``tests/cli/test_dispatch.py`` checks
that the table and the modules agree.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Verb:
    name: str
    #: The module that implements it, imported only when the verb is run (or its help is asked for).
    module: str
    #: The line shown beside it in ``caseview --help``.
    summary: str
    #: A light module whose ``ARGUMENTS`` holds the verb's command line
    #: (:class:`~caseview.cli.command.Arguments`), so that the verb's parser — its ``--help``, a usage
    #: error — is built without importing :attr:`module`; ``None`` when the module holds it itself.
    arguments: str | None = None


VERBS: tuple[Verb, ...] = (
    Verb("index", "caseview.cli.corpus_commands", "build or refresh the search index", "caseview.cli.corpus_arguments"),
    Verb(
        "docs", "caseview.cli.corpus_commands", "list the documents and their metadata", "caseview.cli.corpus_arguments"
    ),
    Verb("doc", "caseview.cli.doc_commands", "set, correct or clear a document's publication date"),  # issue 14
    Verb(
        "search",
        "caseview.cli.search_command",
        'search the corpus (words, "phrases", AND/OR/NOT, fields…)',
        "caseview.cli.search_arguments",
    ),
    Verb("entities", "caseview.cli.extract", "who and what the corpus names: entities with aliases and mentions"),
    Verb(
        "events",
        "caseview.cli.extract",
        "candidate events with evidence, times, clusters and flags",
        "caseview.cli.reading_arguments",
    ),
    Verb(
        "sources",
        "caseview.cli.sources_command",
        "how many sources there really are: citations, rewrites and independent origins",
        "caseview.cli.reading_arguments",
    ),
    Verb(
        "entity",
        "caseview.cli.entity_commands",
        "correct the entities: merge, split, rename, retype, hide, accept/reject a suggestion",
    ),
    Verb("tag", "caseview.cli.annotation_commands", "tag a passage and/or write a note on it"),
    Verb("annotation", "caseview.cli.annotation_commands", "edit an annotation's tags or note, or delete it"),
    Verb("annotations", "caseview.cli.annotation_commands", "list annotations (all, one document's, or by tag)"),
    Verb("check", "caseview.cli.annotation_commands", "validate annotation files and re-anchor after document edits"),
    Verb("case", "caseview.cli.case_commands", "build and show the case file (add, move, link, grade, note passages…)"),
    Verb("export", "caseview.cli.export_command", "export the case file: Markdown memo, HTML, W3C JSON or CSV"),
    Verb(
        "team",
        "caseview.cli.team_commands",
        "work with a team on a PostgreSQL server: init, push, pull, status, sync, search",
    ),
    Verb("tags", "caseview.cli.tags_command", "the codebook: tags with counts; rename, merge, export a tag's passages"),
)

BY_NAME: dict[str, Verb] = {verb.name: verb for verb in VERBS}
