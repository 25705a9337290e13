"""The publication fact — date *and* precision — is part of what extraction resolves against and of
its cache key: changing one document's date re-extracts that document, and only that one."""

import json
import sqlite3
from datetime import date
from pathlib import Path

from caseview.corpus.pubdate import PublicationDate
from caseview.extract.cache import cache_key
from caseview.workspace import Workspace


def test_a_month_and_the_first_day_of_that_month_are_different_keys():
    """Guards the key: "2026-04" and "2026-04-01" resolve "last week" differently, so they share no record."""
    month = PublicationDate(value=date(2026, 4, 1), precision="month")
    assert cache_key("abc", month) != cache_key("abc", date(2026, 4, 1))
    assert cache_key("abc", PublicationDate.day(date(2026, 4, 1))) == cache_key("abc", date(2026, 4, 1))
    assert cache_key("abc", PublicationDate(value=date(2026, 1, 1), precision="year")) != cache_key("abc", month)


def _cache_records(folder: Path) -> dict[str, str]:
    """Key → stored record of every extraction cached for the corpus at ``folder``, read from the files."""
    records: dict[str, str] = {}
    for path in (folder / ".caseview" / "extract").glob("*/extractions.sqlite"):
        with sqlite3.connect(path) as db:
            records.update(db.execute("SELECT key, record FROM extractions"))
        db.close()
    return records


def _mark_records(folder: Path) -> None:
    """A trailing space after each stored record: still the same JSON, but a record written again loses it."""
    for path in (folder / ".caseview" / "extract").glob("*/extractions.sqlite"):
        with sqlite3.connect(path) as db:
            db.execute("UPDATE extractions SET record = record || ' '")
        db.close()


def test_changing_one_documents_date_re_extracts_only_that_document(tmp_path: Path):
    """Guards issue 14: the service passes the date with its precision into resolution (a month-only
    date gives "April 2026, approximate"), and a date change misses the cache for that document only."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("Regulators fined Northgate Bank last week.\n", "utf-8")
    (folder / "b.txt").write_text("The council met last week to approve the budget.\n", "utf-8")
    (folder / "b.txt.meta.json").write_text(json.dumps({"date": "2026-03-10"}), "utf-8")
    workspace = Workspace.open(folder)
    try:
        workspace.extraction()
        _mark_records(folder)
        before = _cache_records(folder)
        assert len(before) == 2
        workspace.set_publication_date("a.txt", "2026-04")
        result = workspace.extraction()
        after = _cache_records(folder)
    finally:
        workspace.close()
    (last_week,) = [t for t in result.times["a.txt"] if t.text == "last week"]
    april = (date(2026, 4, 1), date(2026, 4, 30), True)
    assert (last_week.start_date, last_week.end_date, last_week.approximate) == april
    new = set(after) - set(before)
    assert len(new) == 1  # a.txt under its new publication fact
    assert {name: after[name] for name in before} == before  # b.txt (and a.txt's old entry) untouched
