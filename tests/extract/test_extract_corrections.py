"""Analyst corrections: applied by a pure function, stored safely next to the documents, re-applied."""

import json

import pytest

from caseview.extract import (
    CorrectionsError,
    EntityType,
    add_correction,
    apply_corrections,
    corrections_path,
    extract_corpus,
    load_corrections,
    make_correction,
)
from tests.extract.extract_helpers import LOOKALIKES, SEEDS, read_corpus, write_corpus


def by_alias(entities, alias):
    return next(e for e in entities if alias in e.aliases)


def test_merge_joins_two_entities_with_all_their_mentions(seed_extraction):
    entities = list(seed_extraction.entities)
    administration, trump = by_alias(entities, "Trump administration"), by_alias(entities, "Donald Trump")
    merged = apply_corrections(entities, [make_correction("merge", entities, [trump.id, administration.id])])
    entity = by_alias(merged, "Trump administration")
    assert entity.id == trump.id
    assert len(entity.mentions) == len(trump.mentions) + len(administration.mentions)
    assert not any(e.id == administration.id for e in merged)


def test_accepting_a_suggestion_merges_it(tmp_path):
    extraction = extract_corpus(read_corpus(write_corpus(tmp_path / "c", LOOKALIKES)), None)
    entities = list(extraction.entities)
    suggestion = extraction.suggestions[0]
    merged = apply_corrections(entities, [make_correction("accept", entities, list(suggestion.entity_ids))])
    assert len(merged) == len(entities) - 1


def test_split_takes_an_alias_off_into_its_own_entity(seed_extraction):
    entities = list(seed_extraction.entities)
    trump = by_alias(entities, "Donald Trump")
    result = apply_corrections(entities, [make_correction("split", entities, [trump.id], value="Trump")])
    assert "Trump" not in by_alias(result, "Donald Trump").aliases
    alone = next(e for e in result if e.name == "Trump")
    assert all(m.text == "Trump" for m in alone.mentions)


def test_rename_retype_and_hide_change_only_that_entity(seed_extraction):
    entities = list(seed_extraction.entities)
    ft = by_alias(entities, "FT")
    result = apply_corrections(
        entities,
        [
            make_correction("rename", entities, [ft.id], value="The Financial Times"),
            make_correction("retype", entities, [ft.id], entity_type="ORG"),
            make_correction("hide", entities, [ft.id]),
        ],
    )
    changed = next(e for e in result if e.id == ft.id)
    assert (changed.name, changed.type, changed.hidden) == ("The Financial Times", EntityType.ORG, True)
    assert [e for e in result if e.id != ft.id] == [e for e in entities if e.id != ft.id]


def test_a_correction_whose_id_is_gone_finds_its_entity_by_alias(seed_extraction):
    entities = list(seed_extraction.entities)
    ft = by_alias(entities, "FT")
    correction = make_correction("hide", entities, [ft.id]).model_copy(update={"entity_ids": ("publication:old-id",)})
    result = apply_corrections(entities, [correction])
    assert next(e for e in result if e.id == ft.id).hidden


def test_rejected_suggestion_is_no_longer_pending(tmp_path):
    root = write_corpus(tmp_path / "c", {p.name: p.read_text("utf-8") for p in SEEDS.glob("*.txt")} | LOOKALIKES)
    first = extract_corpus(read_corpus(root), None)
    suggestion = first.suggestions[0]
    correction = make_correction("reject", list(first.entities), list(suggestion.entity_ids))
    again = extract_corpus(read_corpus(root), None, [correction])
    assert suggestion.id not in {s.id for s in again.suggestions}


def test_corrections_are_saved_next_to_the_documents_and_reapplied(tmp_path):
    root = write_corpus(tmp_path / "c", {p.name: p.read_text("utf-8") for p in SEEDS.glob("*.txt")})
    first = extract_corpus(read_corpus(root), None)
    administration = by_alias(first.entities, "Trump administration")
    trump = by_alias(first.entities, "Donald Trump")
    path = corrections_path(root)
    add_correction(path, make_correction("merge", list(first.entities), [trump.id, administration.id]))
    assert path == root / "caseview-entities.json"
    assert json.loads(path.read_text("utf-8"))["corrections"][0]["op"] == "merge"
    again = extract_corpus(read_corpus(root), tmp_path / "derived", load_corrections(path))
    assert "Trump administration" in by_alias(again.entities, "Donald Trump").aliases


def test_corrections_accumulate_in_order(tmp_path, seed_extraction):
    entities = list(seed_extraction.entities)
    path = tmp_path / "caseview-entities.json"
    ft = by_alias(entities, "FT")
    add_correction(path, make_correction("hide", entities, [ft.id]))
    add_correction(path, make_correction("unhide", entities, [ft.id]))
    assert [c.op for c in load_corrections(path)] == ["hide", "unhide"]


def test_an_unreadable_corrections_file_is_reported_copied_aside_and_left_untouched(tmp_path):
    path = tmp_path / "caseview-entities.json"
    path.write_text("{not json", "utf-8")
    with pytest.raises(CorrectionsError, match="cannot be read: not valid JSON"):
        load_corrections(path)
    assert path.read_text("utf-8") == "{not json"
    quarantined = list((tmp_path / ".caseview" / "quarantine").glob("caseview-entities.json.*.bad"))
    assert [copy.read_text("utf-8") for copy in quarantined] == ["{not json"]


def test_an_unreadable_corrections_file_refuses_new_corrections(tmp_path, seed_extraction):
    path = tmp_path / "caseview-entities.json"
    path.write_text('{"corrections": "not a list"}', "utf-8")
    entities = list(seed_extraction.entities)
    with pytest.raises(CorrectionsError, match="expected an object with a 'corrections' list"):
        add_correction(path, make_correction("hide", entities, [entities[0].id]))
    assert path.read_text("utf-8") == '{"corrections": "not a list"}'


def test_the_corrections_file_is_readable_by_others_like_the_analysts_other_files(tmp_path, seed_extraction):
    path = tmp_path / "caseview-entities.json"
    entities = list(seed_extraction.entities)
    add_correction(path, make_correction("hide", entities, [entities[0].id]))
    assert path.stat().st_mode & 0o777 == 0o644


def test_a_newer_file_s_corrections_still_apply(tmp_path, seed_extraction):
    path = tmp_path / "caseview-entities.json"
    entities = list(seed_extraction.entities)
    known = make_correction("hide", entities, [entities[0].id]).model_dump(mode="json", exclude_defaults=True)
    future = {"op": "teleport", "entity_ids": [entities[0].id]}
    path.write_text(json.dumps({"cv:schemaVersion": 99, "corrections": [known, future]}), "utf-8")
    assert [c.op for c in load_corrections(path)] == ["hide"]


def test_a_newer_schema_is_refused_for_writing(tmp_path, seed_extraction):
    path = tmp_path / "caseview-entities.json"
    path.write_text(json.dumps({"cv:schemaVersion": 99, "corrections": []}), "utf-8")
    entities = list(seed_extraction.entities)
    with pytest.raises(CorrectionsError, match="newer"):
        add_correction(path, make_correction("hide", entities, [entities[0].id]))
    assert json.loads(path.read_text("utf-8"))["cv:schemaVersion"] == 99


def test_make_correction_names_an_unknown_entity(seed_extraction):
    with pytest.raises(CorrectionsError, match="person:nobody"):
        make_correction("hide", list(seed_extraction.entities), ["person:nobody"])
