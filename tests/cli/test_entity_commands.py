"""`caseview entity …` corrections and `caseview entities --suggestions`: output, files, exit codes, messages."""

import json
from pathlib import Path

from caseview.cli import main
from caseview.extract import load_corrections
from caseview.extract.corrections import corrections_path

BESANT, BESSENT = "person:scott-besant", "person:scott-bessent"


def run(capsys, *argv):
    """Exit code, stdout, and stderr on one line (the console wraps long messages)."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, " ".join(captured.err.split())


def test_suggestions_list_the_besant_merge_with_its_score(prepared_seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "entities", str(prepared_seed_corpus), "--suggestions")
    assert code == 0
    assert "Scott Besant ~ Scott Bessent  score 0.88" in out
    assert f"caseview entity accept {BESANT} {BESSENT}" in out


def test_suggestions_as_json(prepared_seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "entities", str(prepared_seed_corpus), "--suggestions", "--json")
    suggestions = json.loads(out)["suggestions"]
    assert code == 0 and [BESANT, BESSENT] in [s["entity_ids"] for s in suggestions]


def test_accepting_the_suggestion_merges_and_it_is_no_longer_suggested(prepared_seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "entity", str(prepared_seed_corpus), "accept", BESANT, BESSENT)
    assert code == 0
    assert "accept the suggestion 'Scott Besant' ~ 'Scott Bessent': saved in caseview-entities.json" in out
    assert "aka Scott Besant" in out
    code, out, _ = run(capsys, "entities", str(prepared_seed_corpus), "--suggestions")
    assert code == 1 and "Besant" not in out


def test_rejecting_the_suggestion_is_saved_and_keeps_both(prepared_seed_corpus: Path, capsys):
    code, _, _ = run(capsys, "entity", str(prepared_seed_corpus), "reject", BESANT, BESSENT)
    assert code == 0 and [c.op for c in load_corrections(corrections_path(prepared_seed_corpus))] == ["reject"]
    _, out, _ = run(capsys, "entities", str(prepared_seed_corpus), "--type", "PERSON")
    assert "Scott Besant " in out and "Scott Bessent " in out


def test_merge_rename_retype_hide_unhide_and_split(prepared_seed_corpus: Path, capsys):
    corpus = str(prepared_seed_corpus)
    assert run(capsys, "entity", corpus, "merge", BESSENT, BESANT)[0] == 0
    assert run(capsys, "entity", corpus, "split", BESSENT, "Scott Besant")[0] == 0
    assert run(capsys, "entity", corpus, "rename", BESSENT, "Treasury Secretary Bessent")[0] == 0
    assert run(capsys, "entity", corpus, "retype", BESSENT, "org")[0] == 0
    assert run(capsys, "entity", corpus, "hide", BESSENT)[0] == 0
    assert run(capsys, "entity", corpus, "unhide", BESSENT)[0] == 0
    stored = load_corrections(corrections_path(prepared_seed_corpus))
    assert [c.op for c in stored] == ["merge", "split", "rename", "retype", "hide", "unhide"]
    _, out, _ = run(capsys, "entities", corpus, "--json")
    entity = next(e for e in json.loads(out)["entities"] if e["id"] == BESSENT)
    assert (entity["name"], entity["type"], entity["hidden"]) == ("Treasury Secretary Bessent", "ORG", False)


def test_json_output_names_the_correction_and_the_changed_entity(prepared_seed_corpus: Path, capsys):
    code, out, _ = run(capsys, "entity", str(prepared_seed_corpus), "hide", BESANT, "--json")
    payload = json.loads(out)
    assert code == 0 and payload["correction"]["op"] == "hide"
    assert [(e["id"], e["hidden"]) for e in payload["entities"]] == [(BESANT, True)]


def test_an_unknown_id_is_refused_with_the_likely_one_and_nothing_is_saved(prepared_seed_corpus: Path, capsys):
    code, _, err = run(capsys, "entity", str(prepared_seed_corpus), "hide", "person:scott-besent")
    assert code == 2
    assert "no entity with id person:scott-besent" in err and "person:scott-besant" in err
    assert not corrections_path(prepared_seed_corpus).exists()


def test_an_unknown_operation_is_a_usage_error(prepared_seed_corpus: Path, capsys):
    code, _, err = run(capsys, "entity", str(prepared_seed_corpus), "explode", BESANT)
    assert code == 2 and "OPERATION is one of merge, split" in err


def test_wrong_arguments_for_an_operation_say_what_it_takes(prepared_seed_corpus: Path, capsys):
    code, _, err = run(capsys, "entity", str(prepared_seed_corpus), "merge", BESANT)
    assert code == 2 and "merge ID ID…" in err
    code, _, err = run(capsys, "entity", str(prepared_seed_corpus), "rename", BESANT)
    assert code == 2 and "rename ID NAME" in err


def test_an_unknown_type_lists_the_types(prepared_seed_corpus: Path, capsys):
    code, _, err = run(capsys, "entity", str(prepared_seed_corpus), "retype", BESANT, "martian")
    assert code == 2 and "unknown entity type 'martian'" in err and "PERSON" in err


def test_accepting_a_pair_that_is_not_suggested_is_refused(prepared_seed_corpus: Path, capsys):
    code, _, err = run(
        capsys, "entity", str(prepared_seed_corpus), "accept", BESSENT, "gov_body:national-security-agency"
    )
    assert code == 2 and "not a pending suggested merge" in err


def test_a_corrections_file_that_does_not_parse_is_reported_and_kept(prepared_seed_corpus: Path, capsys):
    path = corrections_path(prepared_seed_corpus)
    path.write_text("{broken", "utf-8")
    code, _, err = run(capsys, "entity", str(prepared_seed_corpus), "hide", BESANT)
    assert code == 2 and "caseview-entities.json cannot be read" in err
    assert path.read_text("utf-8") == "{broken"
