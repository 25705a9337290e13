"""Recent and saved searches of a corpus, kept in ``caseview-searches.json`` in the corpus folder
(the analyst's file: locked read-modify-write through :mod:`caseview.kernel.jsonstore`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from caseview.kernel.jsonstore import JsonFile, schema_version_of
from caseview.kernel.storeerrors import BusyStoredFile, NewerSchemaFile, UnreadableStoredFile

SEARCHES_FILE = "caseview-searches.json"
SEARCHES_SCHEMA = 1
RECENT_LIMIT = 10


class SearchesFileError(UnreadableStoredFile):
    action = "keep recent and saved searches"


class SearchesBusy(BusyStoredFile):
    pass


class NewerSearches(NewerSchemaFile):
    pass


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str


@dataclass(frozen=True)
class Searches:
    recent: tuple[str, ...] = ()
    saved: tuple[SavedSearch, ...] = ()


class SearchStore:
    """The corpus's recent searches (newest first, at most ten) and the searches saved by name."""

    def __init__(self, root: Path, quarantine_dir: Path) -> None:
        self.file = JsonFile(Path(root) / SEARCHES_FILE, quarantine_dir, SearchesFileError, NewerSearches, SearchesBusy)

    def load(self) -> Searches:
        data = self.file.read_json()
        if not isinstance(data, dict):
            return Searches()
        recent = tuple(q for q in data.get("recent", ()) if isinstance(q, str) and q.strip())
        saved = tuple(
            SavedSearch(entry["name"], entry["query"])
            for entry in data.get("saved", ())
            if isinstance(entry, dict) and isinstance(entry.get("name"), str) and isinstance(entry.get("query"), str)
        )
        return Searches(recent[:RECENT_LIMIT], saved)

    def _write(self, searches: Searches) -> None:
        self.file.write_json(
            {
                "schema_version": SEARCHES_SCHEMA,
                "recent": list(searches.recent),
                "saved": [{"name": s.name, "query": s.query} for s in searches.saved],
            }
        )

    def remember(self, query: str) -> None:
        """Put ``query`` first among the recent searches (once)."""
        query = query.strip()
        if not query:
            return
        with self.file.locked():
            current = self._checked()
            recent = (query, *(q for q in current.recent if q != query))[:RECENT_LIMIT]
            self._write(Searches(recent, current.saved))

    def save(self, name: str, query: str) -> SavedSearch:
        """Save ``query`` under ``name`` (replacing a saved search of that name)."""
        entry = SavedSearch(" ".join(name.split()) or query.strip(), query.strip())
        with self.file.locked():
            current = self._checked()
            saved = (*(s for s in current.saved if s.name != entry.name), entry)
            self._write(Searches(current.recent, saved))
        return entry

    def _checked(self) -> Searches:
        data = self.file.read_json()
        self.file.refuse_newer(schema_version_of(data, "schema_version", SEARCHES_SCHEMA), SEARCHES_SCHEMA)
        return self.load()
