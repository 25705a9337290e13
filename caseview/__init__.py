"""caseview: investigate a story from a folder of documents, by keyboard.

The package is layered (see DESIGN.md §2): ``corpus`` reads documents, ``search`` indexes them
with Whoosh, ``annotations`` and ``casefile`` keep the analyst's work next to the documents, and
``workspace`` is the one façade that both the CLI (``caseview.cli``) and the TUI (``caseview.tui``)
call.
"""

__version__ = "0.1.0"
