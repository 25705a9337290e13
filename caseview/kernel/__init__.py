"""The bottom layer: what every other part of caseview may use, importing nothing else of caseview.

``paths`` (where a corpus and its derived data live), ``safefile`` (the one atomic write),
``storeerrors`` (how a stored file is unreadable or too new), ``sqlitestore`` (a cache's one SQLite
file of derived records), ``textsafe`` (the terminal jail) and ``undo`` (the shape of an undoable change).
"""
