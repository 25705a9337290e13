"""Storing a case safely: atomic, merged, a bad file kept and reported, a newer file read-only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caseview.casefile import operations as ops
from caseview.casefile.codec import VERSION_KEY, case_from_json, case_to_json
from caseview.casefile.errors import CaseFileError, CaseUsageError, ReadOnlyCase
from caseview.casefile.model import empty_case
from caseview.casefile.store import CaseStore, case_names, case_path


def _store(tmp_path: Path, name: str = "case.json") -> CaseStore:
    return CaseStore(tmp_path / name, tmp_path / ".caseview" / "quarantine")


def test_a_missing_case_file_loads_as_an_empty_case(tmp_path: Path) -> None:
    loaded = _store(tmp_path).load()
    assert not loaded.exists and loaded.case.items == ()


def test_a_saved_case_reads_back_equal(tmp_path: Path) -> None:
    store = _store(tmp_path)
    base = store.load().case
    mine, _ = ops.add_note(base, "a note with “quotes”, <tags> and\nnew lines")
    saved = store.save(base, mine)
    assert store.load().case == saved


def test_the_file_names_its_schema_version_first(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.save(None, store.load().case)
    assert next(iter(json.loads(store.path.read_text()))) == VERSION_KEY


def test_the_json_codec_round_trips_every_kind_of_item(scripted, case_service) -> None:
    case = case_service.load()
    assert case_from_json(case_to_json(case)) == case


def test_a_stale_writer_does_not_drop_what_another_wrote(tmp_path: Path) -> None:
    store = _store(tmp_path)
    start = store.load().case
    first, note_one = ops.add_note(start, "one")
    store.save(start, first)
    second, note_two = ops.add_note(start, "two")  # made from the old version, unaware of "one"
    store.save(start, second)
    ids = {item.id for item in store.load().case.items}
    assert ids == {note_one.id, note_two.id}


def test_a_file_that_is_not_json_is_reported_kept_and_copied_aside(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.path.write_text('{"caseviewCaseSchema": 1, "header": ', encoding="utf-8")
    with pytest.raises(CaseFileError) as raised:
        store.load()
    assert "not valid JSON" in str(raised.value) and str(store.path) in str(raised.value)
    assert store.path.read_text(encoding="utf-8") == '{"caseviewCaseSchema": 1, "header": '
    assert raised.value.quarantined.read_bytes() == store.path.read_bytes()


def test_a_file_that_does_not_validate_names_the_bad_field(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.save(None, ops.add_note(store.load().case, "x")[0])
    data = json.loads(store.path.read_text())
    data["items"][0]["order"] = "first"
    store.path.write_text(json.dumps(data))
    with pytest.raises(CaseFileError, match=r"items\.0"):
        store.load()


def test_a_bad_file_is_never_overwritten_by_a_change(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.path.write_bytes(b"\xff\xfe not a case")
    with pytest.raises(CaseFileError, match="not UTF-8"):
        store.save(None, ops.add_note(empty_case(), "x")[0])
    assert store.path.read_bytes() == b"\xff\xfe not a case"


def _future_file(store: CaseStore) -> str:
    case, _ = ops.add_note(empty_case(), "from the future")
    data = json.loads(case_to_json(case))
    data[VERSION_KEY] = 99
    data["newTopLevelThing"] = {"x": 1}
    data["items"][0]["newItemField"] = True
    text = json.dumps(data)
    store.path.write_text(text, encoding="utf-8")
    return text


def test_a_newer_schema_opens_read_only_with_what_it_can_read(tmp_path: Path) -> None:
    store = _store(tmp_path)
    _future_file(store)
    loaded = store.load()
    assert loaded.read_only and loaded.case.items[0].text == "from the future"


def test_a_newer_schema_refuses_changes_and_stays_untouched(tmp_path: Path) -> None:
    store = _store(tmp_path)
    text = _future_file(store)
    with pytest.raises(ReadOnlyCase, match="newer caseview"):
        store.save(None, ops.add_note(empty_case(), "mine")[0])
    assert store.path.read_text(encoding="utf-8") == text


def test_named_cases_live_beside_the_default_one(tmp_path: Path) -> None:
    assert case_path(tmp_path, None).name == "case.json"
    assert case_path(tmp_path, "leak").name == "leak.case.json"


def test_a_case_name_with_a_path_in_it_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CaseUsageError, match="bad case name"):
        case_path(tmp_path, "../elsewhere")


def test_the_cases_of_a_folder_are_listed_default_first(tmp_path: Path) -> None:
    for name in ("case.json", "b.case.json", "a.case.json"):
        (tmp_path / name).write_text("{}")
    assert case_names(tmp_path) == [None, "a", "b"]
