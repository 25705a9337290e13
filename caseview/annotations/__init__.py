"""The analyst's annotations: W3C JSON beside each document, re-anchored after edits, never lost.

Modules: ``model`` (the annotation and how to make one), ``jsonld`` (W3C JSON-LD in and out),
``textdiff`` + ``anchoring`` (finding a passage again), ``snapshots`` (annotated versions of texts),
``atomic`` + ``merge`` + ``store`` (safe, merged writes), ``history`` + ``audit`` (undo/redo and
the audit log), ``service`` (the UI-free API the workspace delegates to).
"""
