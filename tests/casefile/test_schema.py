"""The case-file schema version: older files migrate keeping every value, newer ones are refused in one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from caseview.casefile import operations as ops
from caseview.casefile.codec import MIGRATIONS, OLDEST_VERSION, VERSION_KEY, case_from_json, case_to_json, migrate
from caseview.casefile.errors import CaseFileError, NewerCaseFile, ReadOnlyCase
from caseview.casefile.model import SCHEMA_VERSION, Citation, Grade, PassageItem, Relation, empty_case
from caseview.casefile.store import CaseStore
from caseview.cli import main

#: A case file as the first caseview wrote it (schema 1: no stored numbers, pages or removed passages).
FIRST_FILE = Path(__file__).parent / "data" / "case-schema-1.json"


def _store(folder: Path) -> CaseStore:
    return CaseStore(folder / "case.json", folder / ".caseview" / "quarantine")


def _contains(new: Any, old: Any, where: str = "") -> None:
    """Every value of ``old`` is in ``new``, exactly (``new`` may add keys: the fields version 2 names)."""
    if isinstance(old, dict):
        assert isinstance(new, dict), where
        for key, value in old.items():
            assert key in new, f"{where}.{key} lost"
            _contains(new[key], value, f"{where}.{key}")
    elif isinstance(old, list):
        assert isinstance(new, list) and len(new) == len(old), where
        for index, (one, other) in enumerate(zip(new, old, strict=True)):
            _contains(one, other, f"{where}[{index}]")
    else:
        assert new == old and type(new) is type(old), f"{where}: {old!r} became {new!r}"


def _late_first_version_file(folder: Path) -> tuple[str, dict[str, int]]:
    """A file as caseview wrote it just before the bump: numbers and removed passages, still saying 1."""
    case, note = ops.add_note(empty_case("Late"), "kept")
    citation = Citation(doc_id="d.txt", start=0, end=9, exact="the quote")
    added = ops.put_passage(case, citation, grade=Grade(reliability="C", credibility=3), note="why")
    case, passage = added.case, added.item
    case, _ = ops.link_items(case, passage.id, note.id, Relation.SUPPORTS, "because")
    case, _ = ops.add_note(case, "third")
    case = ops.remove_item(case, passage.id)
    data = json.loads(case_to_json(case))
    data[VERSION_KEY] = 1
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    (folder / "case.json").write_text(text, encoding="utf-8")
    return text, case.numbers()


def test_every_older_version_has_a_migration_to_the_next() -> None:
    assert sorted(MIGRATIONS) == list(range(OLDEST_VERSION, SCHEMA_VERSION))
    assert SCHEMA_VERSION == 2


def test_a_first_version_file_opens_migrated_with_every_value_kept(tmp_path: Path) -> None:
    old_text = FIRST_FILE.read_text(encoding="utf-8")
    (tmp_path / "case.json").write_text(old_text, encoding="utf-8")
    loaded = _store(tmp_path).load()
    assert loaded.migrated_from == 1 and not loaded.read_only
    case = loaded.case
    assert case.schema_version == SCHEMA_VERSION
    assert (tmp_path / "case.json").read_text(encoding="utf-8") == old_text  # reading writes nothing
    migrated = json.loads(case_to_json(case))
    old = json.loads(old_text)
    assert migrated.pop(VERSION_KEY) == SCHEMA_VERSION
    old.pop(VERSION_KEY)
    _contains(migrated, old)
    first = case.item("i0000aaaa")
    assert isinstance(first, PassageItem) and first.grade == Grade(reliability="B", credibility=2)
    assert first.note == "the administration's line"
    assert case.numbers() == {"i0000aaaa": 1, "i0000bbbb": 2, "i0000cccc": 3, "i0000dddd": 4, "i0000eeee": 5}
    (link,) = case.links
    assert (link.source, link.target, link.relation, link.note) == (
        "i0000aaaa",
        "i0000bbbb",
        Relation.CONTRADICTS,
        "opposed vs authorised",
    )


def test_a_migrated_file_is_written_in_the_new_version_on_its_next_change(tmp_path: Path) -> None:
    (tmp_path / "case.json").write_text(FIRST_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    store = _store(tmp_path)
    base = store.load().case
    changed, added = ops.add_note(base, "after the upgrade")
    store.save(base, changed)
    written = json.loads((tmp_path / "case.json").read_text(encoding="utf-8"))
    assert written[VERSION_KEY] == SCHEMA_VERSION
    again = store.load()
    assert again.migrated_from is None
    case = again.case
    numbers = {item["id"]: item["number"] for item in written["items"]}  # stored now, as they were shown
    assert numbers == {
        "i0000aaaa": 1,
        "i0000bbbb": 2,
        "i0000cccc": 3,
        "i0000dddd": 4,
        "i0000eeee": 5,
        added.id: 6,
    }
    old = json.loads(FIRST_FILE.read_text(encoding="utf-8"))
    for old_item in old["items"]:  # everything the analyst made, value for value
        new_item = next(i for i in written["items"] if i["id"] == old_item["id"])
        for key in ("rev", "modified"):  # the number was stored: a new revision
            old_item.pop(key), new_item.pop(key)
        _contains(new_item, old_item, old_item["id"])
    _contains(written["links"], old["links"])
    _contains(written["header"], old["header"])
    _contains(written["sections"], old["sections"])
    _contains(written["tombstones"], old["tombstones"])
    assert case.item("i0000bbbb").grade.code == "E-"  # type: ignore[union-attr]


def test_a_late_first_version_file_keeps_its_numbers_and_removed_passage(tmp_path: Path) -> None:
    text, numbers = _late_first_version_file(tmp_path)
    store = _store(tmp_path)
    loaded = store.load()
    assert loaded.migrated_from == 1 and loaded.case.numbers() == numbers
    _contains(json.loads(case_to_json(loaded.case)), {k: v for k, v in json.loads(text).items() if k != VERSION_KEY})
    (tombstone,) = [t for t in loaded.case.tombstones if t.passage is not None]
    assert tombstone.passage is not None and tombstone.passage.grade == Grade(reliability="C", credibility=3)
    added = ops.put_passage(loaded.case, tombstone.passage.citation)
    again, back = added.case, added.item
    assert back.grade == Grade(reliability="C", credibility=3) and back.note == "why" and len(again.links) == 1


def test_migration_does_not_touch_the_data_it_is_given() -> None:
    old = json.loads(FIRST_FILE.read_text(encoding="utf-8"))
    before = json.dumps(old)
    assert migrate(old)[VERSION_KEY] == SCHEMA_VERSION
    assert json.dumps(old) == before


def _newer_file(folder: Path, *, readable: bool) -> str:
    data = json.loads(FIRST_FILE.read_text(encoding="utf-8"))
    data[VERSION_KEY] = SCHEMA_VERSION + 1
    data["items"][0]["provenance"] = {"from": "the future"}
    if not readable:
        data["items"] = {"by-id": data["items"]}  # a shape this caseview cannot read even leniently
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    (folder / "case.json").write_text(text, encoding="utf-8")
    return text


def _written_files(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file() and "locks" not in path.parts}


def test_a_newer_file_is_refused_in_one_line_by_the_codec() -> None:
    data = json.loads(FIRST_FILE.read_text(encoding="utf-8"))
    data[VERSION_KEY] = SCHEMA_VERSION + 1
    with pytest.raises(ValueError, match="newer caseview") as raised:
        case_from_json(json.dumps(data))
    assert "\n" not in str(raised.value) and f"version {SCHEMA_VERSION + 1}" in str(raised.value)


def test_a_newer_file_refuses_changes_in_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    text = _newer_file(tmp_path, readable=True)
    store = _store(tmp_path)
    loaded = store.load()
    assert loaded.read_only and len(loaded.case.items) == 5
    before = _written_files(tmp_path)
    with pytest.raises(ReadOnlyCase) as raised:
        store.save(loaded.case, ops.add_note(loaded.case, "mine")[0])
    message = str(raised.value)
    assert "\n" not in message and f"case schema version {SCHEMA_VERSION + 1}" in message
    assert (tmp_path / "case.json").read_text(encoding="utf-8") == text
    assert _written_files(tmp_path) == before


def test_a_newer_file_this_caseview_cannot_read_is_named_not_quarantined(tmp_path: Path) -> None:
    text = _newer_file(tmp_path, readable=False)
    with pytest.raises(NewerCaseFile) as raised:
        _store(tmp_path).load()
    assert isinstance(raised.value, CaseFileError)  # handled wherever a bad case file is
    message = str(raised.value)
    assert "\n" not in message and "Upgrade caseview" in message and "fix it" not in message
    assert (tmp_path / "case.json").read_text(encoding="utf-8") == text
    assert not (tmp_path / ".caseview").exists()


def test_the_cli_refuses_a_newer_file_in_one_line_and_writes_nothing(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = _newer_file(prepared_seed_corpus, readable=True)
    code = main(["case", str(prepared_seed_corpus), "add", "note", "refused"])
    err = capsys.readouterr().err
    assert code != 0 and len(err.strip().splitlines()) == 1 and "newer caseview" in err, err
    assert (prepared_seed_corpus / "case.json").read_text(encoding="utf-8") == text


def test_the_cli_opens_a_first_version_file_and_upgrades_it_on_a_change(
    prepared_seed_corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (prepared_seed_corpus / "case.json").write_text(FIRST_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["case", str(prepared_seed_corpus), "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    listed = [(item["number"], item["id"]) for section in shown["sections"] for item in section["items"]]
    assert listed == [(1, "i0000aaaa"), (2, "i0000bbbb"), (3, "i0000cccc"), (4, "i0000dddd"), (5, "i0000eeee")]
    assert main(["case", str(prepared_seed_corpus), "grade", "2", "--reliability", "a", "--credibility", "1"]) == 0
    capsys.readouterr()
    written = json.loads((prepared_seed_corpus / "case.json").read_text(encoding="utf-8"))
    assert written[VERSION_KEY] == SCHEMA_VERSION
    by_id = {item["id"]: item for item in written["items"]}
    assert by_id["i0000aaaa"]["grade"] == {"reliability": "B", "credibility": 2}
    assert by_id["i0000bbbb"]["grade"] == {"reliability": "A", "credibility": 1}
    assert written["links"][0]["note"] == "opposed vs authorised"
    assert main(["case", str(prepared_seed_corpus), "show", "--json"]) == 0  # the numbers shown before
    shown = json.loads(capsys.readouterr().out)
    assert [(item["number"], item["id"]) for section in shown["sections"] for item in section["items"]] == listed
