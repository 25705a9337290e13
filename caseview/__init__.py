"""caseview: investigate a story from a folder of documents, by keyboard.

The package is layered, each layer importing only those below it (see ARCHITECTURE.md, "Layers"):
``kernel`` (paths, safe writes, the terminal jail), ``corpus`` reads documents, ``search`` indexes
them with Whoosh, ``annotations`` and ``casefile`` keep the analyst's work next to the documents,
``extract`` finds entities and events, ``export`` writes the memo, and ``workspace`` is the one
façade that both the CLI (``caseview.cli``) and the TUI (``caseview.tui``) call.

Nothing is imported here: ``caseview --help`` must not pay for what it does not use.
"""

__version__ = "0.1.0"
