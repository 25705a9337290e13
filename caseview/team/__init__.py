"""A team on one case: the analysts' shared work in PostgreSQL, live between their apps.

The JSON files beside the documents stay the embedded default and the interchange format; a team
points caseview at a PostgreSQL server and the same records — annotations with their revisions,
tombstones and merge rules — live there instead, one row per record, so row-level security can let
each analyst change only their own work while reading everyone's.

- :mod:`.settings` — which server (``--team URL``, ``$CASEVIEW_TEAM_URL`` or ``caseview.toml``);
- :mod:`.migrations` — the versioned schema (``caseview team init``);
- :mod:`.annotations` — annotation records: merge, push from sidecars, pull back to them;
- :mod:`.notify` — LISTEN/NOTIFY: what other analysts changed, as it happens.

See ARCHITECTURE.md, "Team server".
"""
